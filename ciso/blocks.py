"""StreamField blocks shared by every page type."""

import re

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock
from wagtail.images.models import Filter

# Rich text stays simple: headings are their own block, so that the outline stays valid.
RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
        search_index=False,  # the level's name is not part of the text
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading-block.html"


class CaptionedImageBlock(blocks.StructBlock):
    # Wagtail's ImageBlock carries the alt text (or the "decorative" flag) with the image.
    image = ImageBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=300)
    credit = blocks.CharBlock(label=_("credit"), required=False, max_length=200)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image-block.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote-block.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("link text"),
        required=False,
        max_length=200,
        help_text=_("Leave empty to use the document's title."),
    )
    description = blocks.TextBlock(label=_("description"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "blocks/document-link-block.html"


class LinkStructValue(blocks.StructValue):
    def href(self):
        """The chosen page's address while it is published, else the address typed; None when
        neither (a page since unpublished or deleted): the templates then leave the link out.
        The home page loads its pages with their address for the request (ciso/home.py)."""
        page = self.get("page")
        if page is not None:
            if not page.live:
                return None
            return getattr(page, "request_url", None) or page.url
        return self.get("url") or None


class LinkTargetMixin:
    """For blocks that link to a page or an address: one of the two is required."""

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            message = _("Choose a page or enter an address.")
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(message), "url": ValidationError(message)}
            )
        return value


class CallToActionBlock(LinkTargetMixin, blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=200)
    text = blocks.TextBlock(label=_("text"), required=False)
    button_label = blocks.CharBlock(label=_("button label"), max_length=80)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("or address"), required=False)

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "blocks/call-to-action-block.html"
        value_class = LinkStructValue


class ActionBlock(LinkTargetMixin, blocks.StructBlock):
    """A button of the home page's hero: join, subscribe, support…"""

    label = blocks.CharBlock(label=_("button label"), max_length=60)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("or address"), required=False)
    style = blocks.ChoiceBlock(
        label=_("style"),
        choices=[("primary", _("Main action")), ("secondary", _("Other action"))],
        default="primary",
        search_index=False,
    )

    class Meta:
        icon = "pick"
        label = _("Action")
        value_class = LinkStructValue


class CardBlock(LinkTargetMixin, blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=200)
    text = blocks.TextBlock(label=_("text"), required=False)
    image = ImageBlock(label=_("image"), required=False)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("or address"), required=False)

    class Meta:
        icon = "link"
        label = _("Card")
        value_class = LinkStructValue


class CardGridBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=200)
    intro = blocks.TextBlock(label=_("introduction"), required=False)
    cards = blocks.ListBlock(CardBlock(), label=_("cards"), min_num=1)

    class Meta:
        icon = "table"
        label = _("Cards")
        template = "blocks/card-grid-block.html"


# A gallery's pictures (templates/blocks/gallery-block.html writes the same specification).
GALLERY_IMAGE_SPECS = Filter.expand_spec("fill-{400x300,800x600}-c100 format-{webp,jpeg}")


class GalleryBlock(blocks.StructBlock):
    """A few pictures side by side, each with its alt text, under an optional caption; their
    renditions are read in one query, however many there are."""

    images = blocks.ListBlock(
        ImageBlock(label=_("image")), label=_("images"), min_num=2, max_num=12
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=300)

    class Meta:
        icon = "image"
        label = _("Gallery")
        template = "blocks/gallery-block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        images = [image for image in value["images"] if image is not None]
        rendition_model = get_image_model().get_rendition_model()
        prefetch_related_objects(
            images,
            Prefetch(
                "renditions",
                queryset=rendition_model.objects.filter(filter_spec__in=GALLERY_IMAGE_SPECS),
                to_attr="prefetched_renditions",
            ),
        )
        return context


# The video sites whose players a visitor may ask for, and how to read a video's id from its
# address: nothing is loaded from them until the visitor asks (templates/blocks/video-block.html,
# static/js/video.js), and the CSP's frame-src (settings) names their players' hosts.
VIDEO_SITES = {
    "youtube": {
        "name": "YouTube",
        "pattern": re.compile(
            r"^https://(?:www\.|m\.)?"
            r"(?:youtube\.com/(?:watch\?(?:.*&)?v=|embed/|shorts/)|youtu\.be/)"
            r"(?P<id>[A-Za-z0-9_-]{11})(?![A-Za-z0-9_-])"
        ),
        "player": "https://www.youtube-nocookie.com/embed/{id}",
        "page": "https://www.youtube.com/watch?v={id}",
    },
    "vimeo": {
        "name": "Vimeo",
        "pattern": re.compile(r"^https://(?:www\.)?vimeo\.com/(?P<id>\d{6,12})(?:[/?#]|$)"),
        "player": "https://player.vimeo.com/video/{id}?dnt=1",  # no tracking cookie
        "page": "https://vimeo.com/{id}",
    },
}


def video_site(url):
    """(the site's entry of VIDEO_SITES, the video's id) for a video's address, or None."""
    for site in VIDEO_SITES.values():
        match = site["pattern"].match(url or "")
        if match:
            return site, match["id"]
    return None


class VideoValue(blocks.StructValue):
    def video(self):
        """The site's name, the player's address and the video's page, or None."""
        found = video_site(self.get("url"))
        if found is None:
            return None
        site, video_id = found
        return {
            "id": video_id,
            "site": site["name"],
            "player": site["player"].format(id=video_id),
            "page": site["page"].format(id=video_id),
        }


class VideoBlock(blocks.StructBlock):
    """A video of YouTube or Vimeo. The page shows its title and a link to it; its player is
    loaded from the video's site only when the visitor asks for it (a button, with
    JavaScript): until then, nothing comes from another host."""

    url = blocks.URLBlock(
        label=_("address of the video"),
        help_text=_("On YouTube or Vimeo, as the address bar shows it."),
    )
    title = blocks.CharBlock(
        label=_("title"), max_length=200, help_text=_("What the video is, in a few words.")
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video-block.html"
        value_class = VideoValue

    def clean(self, value):
        value = super().clean(value)
        if video_site(value.get("url")) is None:
            message = _("Give the address of a video on YouTube or Vimeo.")
            raise StructBlockValidationError(block_errors={"url": ValidationError(message)})
        return value


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="blocks/paragraph-block.html",
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    document = DocumentLinkBlock()
    call_to_action = CallToActionBlock()


class FigureItemBlock(blocks.StructBlock):
    value = blocks.CharBlock(
        label=_("figure"),
        max_length=20,
        help_text=_("Short, as you would say it: “50+”, “40”, “1975”."),
    )
    label = blocks.CharBlock(label=_("what it counts"), max_length=120)

    class Meta:
        icon = "order"
        label = _("Figure")


class FiguresBandBlock(blocks.StructBlock):
    """A few figures at a glance, on a dark band, with a link to where they are told."""

    heading = blocks.CharBlock(label=_("heading"), max_length=200)
    figures = blocks.ListBlock(FigureItemBlock(), label=_("figures"), min_num=1, max_num=6)
    page = blocks.PageChooserBlock(label=_("link to"), required=False)
    link_label = blocks.CharBlock(label=_("link text"), max_length=80, required=False)

    class Meta:
        icon = "order"
        label = _("Figures band")
        template = "blocks/figures-band-block.html"
        value_class = LinkStructValue


class SectionBlock(blocks.StructBlock):
    """A section of the site shown on the home page as that section presents itself (the
    project list: its map of partner countries and its partners). A page type offers this
    with a `teaser_template` and `get_teaser_context(request)` (templatetags/home_tags.py
    `section_teaser`); only those can be chosen."""

    heading = blocks.CharBlock(
        label=_("heading"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the page's title."),
    )
    text = blocks.TextBlock(label=_("text"), required=False)
    page = blocks.PageChooserBlock(label=_("section"))
    link_label = blocks.CharBlock(label=_("link text"), max_length=80, required=False)

    class Meta:
        icon = "site"
        label = _("Section of the site")
        template = "blocks/section-block.html"
        value_class = LinkStructValue

    def clean(self, value):
        value = super().clean(value)
        page = value.get("page")
        if page is not None and not getattr(page.specific_class, "teaser_template", None):
            message = _("This page cannot be shown as a section: choose a section of the site.")
            raise StructBlockValidationError(block_errors={"page": ValidationError(message)})
        return value


class LatestPagesBlock(blocks.StructBlock):
    """The pages published last, newest first, of the kinds that are news to visitors (the
    page types with `listed_as_new = True`)."""

    heading = blocks.CharBlock(label=_("heading"), max_length=200)
    count = blocks.IntegerBlock(label=_("how many"), default=3, min_value=1, max_value=6)

    class Meta:
        icon = "date"
        label = _("What is new")
        template = "blocks/latest-pages-block.html"


class RichStreamBlock(BaseStreamBlock):
    """The shared blocks, with galleries and videos: the body of the news."""

    gallery = GalleryBlock()
    video = VideoBlock()


class HomeStreamBlock(BaseStreamBlock):
    cards = CardGridBlock()
    figures = FiguresBandBlock()
    section = SectionBlock()
    latest = LatestPagesBlock()


class AffiliationBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("name"), max_length=200)
    url = blocks.URLBlock(label=_("address"), required=False)

    class Meta:
        icon = "group"
        label = _("Network")


class SocialLinkValue(blocks.StructValue):
    def name(self):
        """The network's name as it spells it ("LinkedIn"), or the label given for "Other"."""
        if self.get("label"):
            return self["label"]
        return dict(SocialLinkBlock.NETWORKS).get(self.get("network"), self.get("network"))


class SocialLinkBlock(blocks.StructBlock):
    NETWORKS = [
        ("facebook", "Facebook"),
        ("instagram", "Instagram"),
        ("linkedin", "LinkedIn"),
        ("youtube", "YouTube"),
        ("bluesky", "Bluesky"),
        ("mastodon", "Mastodon"),
        ("x", "X"),
        ("other", _("Other")),
    ]
    network = blocks.ChoiceBlock(label=_("network"), choices=NETWORKS)
    url = blocks.URLBlock(label=_("address"))
    label = blocks.CharBlock(
        label=_("label"), required=False, help_text=_("Only needed for “Other”.")
    )

    class Meta:
        icon = "link"
        label = _("Social link")
        value_class = SocialLinkValue
