"""Template tags of the home page's sections (ciso.blocks): "What is new", a section of the
site shown as it presents itself, and the cards' pictures. Neither knows a content domain: page
types say what they bring (`listed_as_new`, `listing_summary`, `teaser_template`,
`get_teaser_context`). On the home page, what they show was loaded beforehand (ciso/home.py);
elsewhere they query it themselves."""

from html import escape

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.models import Site

from ciso import home
from ciso.queries import public_pages

register = template.Library()

# The cards' pictures: a WebP and a JPEG (the fallback) at each width, as Wagtail's
# `{% picture image fill-{400x250,800x500} format-{webp,jpeg} … %}` writes them (its HTML,
# escaped as Django escapes, from the standard library's escape that Django's calls).
CARD_SIZES = escape("(min-width: 60rem) 23rem, (min-width: 40rem) 45vw, 100vw")
CARD_WEBP = [f.spec for f in home.CARD_FILTERS if f.spec.endswith("format-webp")]
CARD_JPEG = [f.spec for f in home.CARD_FILTERS if f.spec.endswith("format-jpeg")]


@register.simple_tag(takes_context=True)
def latest_pages(context, count):
    """The `count` pages published last under the site's home page, of the page types that are
    news to visitors (`listed_as_new = True`), as cards (ciso.home.NewsCard): those the home
    page loaded (`newest_pages`), or a query for the pages and one for the images."""
    cards = context.get("newest_pages")
    if cards is None:
        request = context.get("request")
        cards = home.news_cards(request, home.newest_pages(request, count))
    return cards[:count]


@register.simple_tag(takes_context=True)
def section_teaser(context, page):
    """A published, public page of the site as it presents itself on the home page (its
    `teaser_template`, with `get_teaser_context(request)`, which may have nothing to show yet),
    or None when it cannot be shown: its type has no teaser, it is not published or not
    public, or its teaser context is None (the section is left out)."""
    model = page.specific_class if page is not None else None
    template_name = getattr(model, "teaser_template", None)
    if not template_name:
        return None
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    private = getattr(page, "in_private_section", None)
    if private is None:  # not loaded with its privacy (ciso/home.py): one query, or None
        pages = public_pages(model.objects.live())
        page = (pages.descendant_of(site.root_page) if site else pages).filter(pk=page.pk).first()
        if page is None:
            return None
    elif private or not page.live or (site and not _under(page, site.root_page)):
        return None
    else:
        page = page.specific_deferred  # its own methods; its fields are the base row's
    teaser_context = page.get_teaser_context(request)
    if teaser_context is None:  # nothing to show now (no upcoming event): no section at all
        return None
    return render_to_string(template_name, teaser_context, request=request)


@register.simple_tag
def card_picture(image, alt):
    """A card's picture (`image` with the renditions of ciso.home.CARD_FILTERS), as Wagtail's
    `{% picture %}` tag writes it; "" without an image."""
    if not image:
        return ""
    renditions = get_renditions_or_not_found(image, home.CARD_FILTERS)
    urls = {spec: escape(rendition.url) for spec, rendition in renditions.items()}
    fallback = renditions[CARD_JPEG[0]]
    return mark_safe(  # every value in it escaped
        f'<picture><source sizes="{CARD_SIZES}" srcset="{_srcset(renditions, urls, CARD_WEBP)}"'
        f' type="image/webp"><img alt="{escape(alt or "")}" decoding="async"'
        f' height="{fallback.height}" loading="lazy" sizes="{CARD_SIZES}"'
        f' src="{urls[CARD_JPEG[0]]}" srcset="{_srcset(renditions, urls, CARD_JPEG)}"'
        f' width="{fallback.width}"></picture>'
    )


def _srcset(renditions, urls, specs):
    return ", ".join(f"{urls[spec]} {renditions[spec].width}w" for spec in specs)


def _under(page, root):
    """Whether `page` is below `root` in the tree (not `root` itself)."""
    return page.path.startswith(root.path) and page.depth > root.depth
