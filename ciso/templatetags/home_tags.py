"""Template tags of the home page's sections (ciso.blocks): "What is new" and a section of the
site shown as it presents itself. Neither knows a content domain: page types say what they
bring (`listed_as_new`, `listing_summary`, `teaser_template`, `get_teaser_context`)."""

import datetime
from dataclasses import dataclass

from django import template
from django.db.models import F
from django.template.loader import render_to_string
from wagtail.images.models import Filter
from wagtail.models import Page, Site, get_page_models

from ciso.models import ImageWithAlt
from ciso.queries import image_renditions, public_pages

register = template.Library()
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)

# The renditions a news card's picture asks for (templates/blocks/latest-pages-block.html), the
# same as a project card's (projects/selectors.py): one set of files per picture.
CARD_IMAGE_FILTERS = Filter.expand_spec("fill-{400x250,800x500} format-{webp,jpeg}")


@dataclass
class NewsCard:
    title: str
    url: str
    summary: str
    published: object  # the first publication's datetime
    image: object = None
    image_alt: str = ""


def _site_pages(request, model=Page):
    """The live, public pages of `model` under the request's site."""
    site = Site.find_for_request(request) if request is not None else None
    pages = public_pages(model.objects.live())
    return pages.descendant_of(site.root_page) if site else pages


@register.simple_tag(takes_context=True)
def latest_pages(context, count):
    """The `count` pages published last under the site's home page, of the page types that are
    news to visitors (`listed_as_new = True`), as cards: a query per page type (its `count`
    newest, with their images), and one for the images' renditions."""
    request = context.get("request")
    models = [model for model in get_page_models() if getattr(model, "listed_as_new", False)]
    newest = []
    for model in models:
        pages = _site_pages(request, model).exact_type(model).defer_streamfields()
        if issubclass(model, ImageWithAlt):
            pages = pages.select_related("image").prefetch_related(
                image_renditions("image", *CARD_IMAGE_FILTERS)
            )
        newest += pages.order_by(F("first_published_at").desc(nulls_last=True), "-pk")[:count]
    # A page made live without being published (by a script) has no date: it comes last.
    newest.sort(key=lambda page: (page.first_published_at or EPOCH, page.pk), reverse=True)
    return [
        NewsCard(
            title=page.title,
            url=page.get_url(request),
            summary=getattr(page, "listing_summary", "") or page.search_description,
            published=page.first_published_at,
            image=getattr(page, "image", None),
            image_alt=getattr(page, "image_alt", ""),
        )
        for page in newest[:count]
    ]


@register.simple_tag(takes_context=True)
def section_teaser(context, page):
    """A published, public page as it presents itself on the home page (its
    `teaser_template`, with `get_teaser_context(request)`), or "" when its type does not."""
    model = page.specific_class if page is not None else None
    template_name = getattr(model, "teaser_template", None)
    if not template_name:
        return ""
    request = context.get("request")
    page = _site_pages(request, model).filter(pk=page.pk).first()  # one query, or None
    if page is None:
        return ""
    return render_to_string(template_name, page.get_teaser_context(request), request=request)
