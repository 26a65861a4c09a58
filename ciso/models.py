"""Site-wide content: the home page, standard pages and the site settings."""

import logging

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import Filter, SourceImageIOError
from wagtail.models import (
    DraftStateMixin,
    Page,
    PageViewRestriction,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from ciso import home, rows
from ciso.blocks import (
    RICH_TEXT_FEATURES,
    ActionBlock,
    AffiliationBlock,
    BaseStreamBlock,
    HomeStreamBlock,
    SocialLinkBlock,
)
from ciso.caching import PageCacheGeneration  # noqa: F401 (its model, found here)
from ciso.queries import view_restrictions

logger = logging.getLogger(__name__)


class ImageWithAlt(models.Model):
    """An optional image and the text that replaces it for people who cannot see it.

    The alt text is translated (modeltranslation: `image_alt_fr`, `image_alt_en`). With an
    image, the French one is always needed, and the English one as soon as the English version
    exists (its English title is filled): the English page would otherwise read out the French
    description. The errors name the translated fields, which are the ones the admin's forms
    have.
    """

    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        verbose_name=_("image alt text"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if not self.image_id:
            return
        errors = {}
        for language, message in IMAGE_ALT_NEEDED.items():
            if language != settings.LANGUAGE_CODE and not self._translated("title", language):
                continue
            if not self._translated("image_alt", language):
                errors[build_localized_fieldname("image_alt", language)] = message
        if errors:
            raise ValidationError(errors)

    def _translated(self, field, language):
        return (getattr(self, build_localized_fieldname(field, language), None) or "").strip()


# What the alt text of each language needs, when it is missing (ImageWithAlt).
IMAGE_ALT_NEEDED = {
    "fr": _("Describe the image in French, for people who cannot see it."),
    "en": _(
        "Describe the image in English too, or the English version will read out the French "
        "description."
    ),
}


class ModeratedSnippet(WorkflowMixin, DraftStateMixin, RevisionMixin, models.Model):
    """A snippet whose changes are drafts until published, and go through the moderation
    workflow like pages: a translator's edit is submitted, a moderator approves it. Each
    subclass adds `_revisions = GenericRelation("wagtailcore.Revision", …)`.

    Public pages show only live snippets; the stored row holds the published version (or, for a
    snippet never published, its first draft), the drafts are revisions.
    """

    class Meta:
        abstract = True

    @property
    def revisions(self):
        return self._revisions


def structure_panel(field, model_label):
    """A field of the snippet `model_label` ("projects.partner") that is data rather than text
    (codes, coordinates, kinds, links): only those who may publish the snippet change it;
    translators see the text fields alone."""
    app_label, model_name = model_label.split(".")
    return FieldPanel(field, permission=f"{app_label}.publish_{model_name}")


class BilingualPreviewMixin:
    """Preview modes per language: a translator sees the draft in English before submitting.

    Mix it into every page model, before Page.
    """

    @property
    def preview_modes(self):
        return list(settings.LANGUAGES)

    @property
    def default_preview_mode(self):
        return settings.LANGUAGE_CODE

    def serve_preview(self, request, mode_name):
        language = mode_name if mode_name in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = super().serve_preview(request, mode_name)
            # Render now, while the language is active (a TemplateResponse renders late).
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        return response


class ViewRestrictionsMixin:
    """Wagtail checks the view restrictions of every page it serves: the same restrictions,
    found in one query instead of two (ciso/queries.py), or in none when the routing read
    with the page that there are none (ciso/routing.py); from the database on every request,
    never from a cache. Mix it into every page model."""

    def get_view_restrictions(self):
        if getattr(self, "has_view_restrictions", None) is False:
            return PageViewRestriction.objects.none()
        return view_restrictions(self)


class HomePage(BilingualPreviewMixin, ViewRestrictionsMixin, ImageWithAlt, Page):  # noqa: DJ008 (Page’s)
    """The root of the public site: who the CISO is, how to take part, and where to go next.

    The hero (its image, with the focal point set on the image in Wagtail, a headline, a few
    words and one or two buttons) comes first; then the sections that staff arrange in the
    body."""

    hero_heading = models.CharField(
        verbose_name=_("headline"),
        max_length=120,
        blank=True,
        help_text=_("Leave empty to use the organisation's name."),
    )
    hero_text = models.TextField(verbose_name=_("text under the headline"), blank=True)
    hero_actions = StreamField(
        [("action", ActionBlock())],
        verbose_name=_("buttons"),
        blank=True,
        max_num=2,
        help_text=_("One or two: join, subscribe, support…"),
    )
    intro = RichTextField(verbose_name=_("introduction"), features=RICH_TEXT_FEATURES, blank=True)
    body = StreamField(HomeStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("image"),
                FieldPanel("image_alt"),
                FieldPanel("hero_heading"),
                FieldPanel("hero_text"),
                FieldPanel("hero_actions"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("hero_text"),
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    # No subpage_types: the page types whose parent_page_types name the home page (the
    # standard pages and the content apps' sections) are offered under it, and only those.
    max_count = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    # The hero's picture: a wide crop on wide screens, a closer one on phones, around the
    # image's focal point (templates/ciso/home_page.html).
    HERO_RENDITIONS = {
        "wide": "fill-1600x760-c100|format-webp",
        "wide_small": "fill-1000x475-c100|format-webp",
        "phone": "fill-800x500-c100|format-webp",
        "phone_small": "fill-480x300-c100|format-webp",
        "fallback": "fill-800x500-c100|format-jpeg",
    }

    HERO_FILTERS = {name: Filter(spec) for name, spec in HERO_RENDITIONS.items()}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The hero's buttons, the body's blocks and what they show, in a fixed number of
        # queries (ciso/home.py): the template reads these rather than the page's fields.
        content = home.load(self, request, self.HERO_FILTERS.values())
        image = content.pop("hero_image")
        context.update(content)
        if image is not None:
            self.image = image  # with its renditions, for the meta tags too
            try:
                renditions = image.get_renditions(*self.HERO_FILTERS.values())
            except SourceImageIOError:  # the original file is lost: the hero without it
                logger.warning("Home page %s: the hero image's file is missing", self.pk)
                return context
            context["hero"] = {
                name: renditions[hero_filter.spec]
                for name, hero_filter in self.HERO_FILTERS.items()
            }
        return context


class TextPage(BilingualPreviewMixin, ViewRestrictionsMixin, ImageWithAlt, Page):  # noqa: DJ008
    """What a page of text has: an introduction, an optional image at its head, a body of the
    shared blocks (templates/includes/text-page-head.html shows the head). Content apps build
    on it for their pages of text with more (the members page)."""

    intro = models.TextField(
        verbose_name=_("introduction"),
        blank=True,
        help_text=_("A sentence or two shown under the title and in listings."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        FieldPanel("body"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        abstract = True


class StandardPage(TextPage):  # noqa: DJ008
    """A page of text and media, such as "Mission and activities" or the CQCAM, with an
    optional image at its head."""

    parent_page_types = ["ciso.HomePage", "ciso.StandardPage"]
    subpage_types = ["ciso.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """What the header and footer say about the organisation."""

    select_related = ["contact_page", "privacy_page"]  # shown in the footer of every page

    organisation_name = models.CharField(
        verbose_name=_("organisation name"), max_length=200, blank=True
    )
    acronym = models.CharField(verbose_name=_("acronym"), max_length=20, blank=True)
    tagline = models.CharField(verbose_name=_("tagline"), max_length=255, blank=True)
    founding_year = models.PositiveSmallIntegerField(
        verbose_name=_("founding year"),
        null=True,
        blank=True,
        help_text=_("Used to count the years of activity."),
    )
    address = models.TextField(verbose_name=_("postal address"), blank=True)
    email = models.EmailField(verbose_name=_("e-mail address"), blank=True)
    phone = models.CharField(verbose_name=_("phone number"), max_length=40, blank=True)
    social_links = StreamField(
        [("link", SocialLinkBlock())], verbose_name=_("social links"), blank=True
    )
    footer_text = RichTextField(
        verbose_name=_("footer text"), features=["bold", "italic", "link"], blank=True
    )
    affiliations = StreamField(
        [("affiliation", AffiliationBlock())],
        verbose_name=_("member of"),
        blank=True,
        help_text=_("The networks the organisation belongs to, shown in the footer."),
    )
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("contact page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    share_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("sharing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown when a page without an image of its own is shared on social media "
            "(at least 1200 × 630 pixels)."
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("acronym"),
                FieldPanel("tagline"),
                FieldPanel("founding_year"),
            ],
            heading=_("Identity"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("contact_page"),
            ],
            heading=_("Contact"),
        ),
        FieldPanel("social_links"),
        FieldPanel("affiliations"),
        FieldPanel("footer_text"),
        FieldPanel("privacy_page"),
        FieldPanel("share_image"),
    ]

    class Meta:
        verbose_name = _("site settings")

    @classmethod
    def for_site(cls, site):
        """The settings of `site` with the pages that the footer links to, read on every
        request with SQL written once (ciso/rows.py) rather than built anew by the ORM;
        created by Wagtail's own `for_site` when the site has none yet."""
        if site is None:
            return super().for_site(site)
        own = rows.columns(cls)
        contact, privacy = rows.columns(Page, "contact"), rows.columns(Page, "privacy")
        table = connection.ops.quote_name(cls._meta.db_table)
        found = rows.fetch(
            f"SELECT {own.sql}, {contact.sql}, {privacy.sql} FROM {table} "
            'LEFT JOIN "wagtailcore_page" AS "contact" '
            f'ON "contact"."id" = {table}."contact_page_id" '
            'LEFT JOIN "wagtailcore_page" AS "privacy" '
            f'ON "privacy"."id" = {table}."privacy_page_id" '
            f'WHERE {table}."site_id" = %s',
            [site.pk],
            own,
            contact,
            privacy,
        )
        if not found:
            return super().for_site(site)
        [(instance, contact_page, privacy_page)] = found
        instance.contact_page, instance.privacy_page = contact_page, privacy_page
        return instance


class InitialContentRecord(models.Model):
    """A part of the initial content that `load_initial_content` has created once.

    Running the command again skips what is recorded here, so that it never re-creates a page
    that staff have since renamed, moved or deleted.
    """

    key = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("initial content record")

    def __str__(self):
        return self.key


class TranslationFingerprint(models.Model):
    """For one translated field of one object, in one language: a fingerprint of the other
    language's text at the time this language's text was last changed. When the other text no
    longer matches it, this language's text is out of date
    (ciso/editorial/translation_status.py)."""

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    field = models.CharField(max_length=100)
    language = models.CharField(max_length=8)
    source_fingerprint = models.CharField(max_length=64)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("translation fingerprint")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="one_fingerprint_per_field_and_language",
            )
        ]

    def __str__(self):
        return f"{self.content_type} {self.object_id} {self.field} ({self.language})"


class SearchEntry(models.Model):
    """What the site search finds of one page, document or country page, in one language.

    Only the texts written in that language are indexed (ciso/search/), with that
    language's PostgreSQL text-search configuration: French stemming for the French texts,
    English for the English ones. Refreshed when pages are published, unpublished, moved or
    deleted and when documents and countries change; `manage.py update_search_entries`
    rebuilds them all.
    """

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    language = models.CharField(max_length=8)
    kind = models.CharField(max_length=40)  # the filter of the results page
    url = models.CharField(max_length=2000)
    title = models.TextField()
    body = models.TextField(blank=True)
    search_vector = SearchVectorField(null=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "language"],
                name="one_search_entry_per_object_and_language",
            )
        ]
        indexes = [
            models.Index(fields=["language", "kind"], name="search_entry_language_kind"),
            # PostgreSQL only: the migration skips it on SQLite (`make run` without a server).
            GinIndex(fields=["search_vector"], name="search_entry_vector"),
        ]

    def __str__(self):
        return f"{self.title} ({self.language})"
