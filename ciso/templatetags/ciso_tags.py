"""Template tags for the site-wide parts: navigation, breadcrumbs, language alternates."""

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import formats, translation
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy
from wagtail.models import Page, Site

from ciso import routing
from ciso.i18n import shown_language
from ciso.security import rich_text

register = template.Library()


def _home_url_in(language):
    with translation.override(language):
        return reverse("wagtail_serve", args=[""])


@register.simple_tag
def home_url():
    """The home page in the active language (no query: it is the root of the URL tree)."""
    return reverse("wagtail_serve", args=[""])


@register.simple_tag(takes_context=True)
def main_menu(context, page=None):
    """Live, public pages under the home page marked "show in menus", in tree order, in the
    active language (loaded with the page by ciso/routing.py, or in one query), each one
    knowing whether it is the current page or one of its ancestors, for aria-current."""
    request = context.get("request")
    if request is None:
        return []
    items = routing.main_menu(request)
    current_path = page.path if isinstance(page, Page) else ""
    return [
        {
            "title": item.title,
            "url": item.get_url(request),
            "is_current": current_path == item.path,
            "is_ancestor": current_path.startswith(item.path) and current_path != item.path,
        }
        for item in items
    ]


@register.simple_tag(takes_context=True)
def site_feeds(context):
    """The feeds of the site, for the <head> of every page: those of the menu's pages whose
    type has one (`site_feed_paths`: the feed's path under the page, per language), found
    among the menu's pages already loaded (no query)."""
    request = context.get("request")
    if request is None:
        return ""
    language = (translation.get_language() or "fr")[:2]
    feeds = []
    for item in routing.main_menu(request):
        paths = getattr(item.specific_class, "site_feed_paths", None)
        if paths and language in paths:
            feeds.append((item.get_url(request) + paths[language], item.title))
    return format_html_join(
        "\n  ", '<link rel="alternate" type="application/atom+xml" href="{}" title="{}">', feeds
    )


def _ancestors(page):
    """The ancestors of `page` below the tree's root, the home page first: those the routing
    went through to find the page (ciso/routing.py: no query then), or read."""
    ancestors = [a for a in getattr(page, "route_ancestors", []) if a.depth >= 2]
    if len(ancestors) == page.depth - 2:
        return ancestors
    return list(page.get_ancestors().filter(depth__gte=2))


@register.simple_tag(takes_context=True)
def breadcrumb_trail(context):
    """The way from the home page to the current one, as (title, url) pairs: the page's
    ancestors below the tree's root and the page itself, then what a view adds after it
    (`breadcrumb_items`: a country of the project index, the search page). Both the visible
    breadcrumbs and their JSON-LD twin use it."""
    page = context.get("page")
    request = context.get("request")
    extra = list(context.get("breadcrumb_items") or [])
    if isinstance(page, Page) and page.depth >= 2:
        pages = [*_ancestors(page), page]
    elif extra and request is not None:
        site = Site.find_for_request(request)
        pages = [site.root_page] if site else []
    else:
        return []
    return [(p.title, p.get_url(request=request)) for p in pages] + extra


def _url_in(language, context):
    request = context["request"]
    # A view that serves several addresses (a country page of the project index) says them.
    if context.get("alternate_urls"):
        return context["alternate_urls"][language]
    page = context.get("page")
    if isinstance(page, Page) and page.pk:
        with translation.override(language):
            url = page.get_url(request=request)
        # Filters and page numbers mean the same in both languages: keep them.
        return f"{url}?{request.GET.urlencode()}" if url and request.GET else url
    if context.get("alternates_home_only") or request.resolver_match is None:
        return _home_url_in(language)
    return translate_url(request.get_full_path(), language)


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """The current page in each language: what the switcher and hreflang links point at.

    A Wagtail page gives its translated URL (translated slugs); any other view its own path
    under the other prefix; an error page, the home page in each language.
    """
    request = context.get("request")
    if request is None:
        return []
    current = translation.get_language()
    alternates = []
    for code, _name in settings.LANGUAGES:
        url = _url_in(code, context)
        alternates.append(
            {
                "code": code,
                # Each language named in itself, so that a visitor recognises their own.
                "name": capfirst(translation.get_language_info(code)["name_local"]),
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "is_current": code == current,
            }
        )
    return alternates


@register.simple_tag(takes_context=True)
def x_default_url(context, alternates):
    """For visitors whose language the site lacks: the home page's address is `/`, which picks
    the language from the browser; any other page's is its French (default) version."""
    page = context.get("page")
    if isinstance(page, Page) and page.depth == 2:
        return context["request"].build_absolute_uri("/")
    return alternates[0]["absolute_url"]


@register.simple_tag
def lang_attr(obj, field):
    """` lang="fr"` when a translated field shows its fallback language, so that screen readers
    switch voice; nothing when it is in the page's language."""
    shown = shown_language(obj, field)
    if shown == (translation.get_language() or "")[:2]:
        return ""
    return format_html(' lang="{}"', shown)


@register.simple_tag
def partial_date(value, precision):
    """A date shown to the precision it is known: "1975", "juin 1975", "12 juin 1975"; in the
    language's format (ciso/formats), with French's ordinal first day, "1er juin 1975"."""
    if precision == "day":
        if value.day == 1 and (translation.get_language() or "")[:2] == "fr":
            return "1er " + formats.date_format(value, "YEAR_MONTH_FORMAT")
        return formats.date_format(value, "DATE_FORMAT")
    if precision == "month":
        return formats.date_format(value, "YEAR_MONTH_FORMAT")
    return str(value.year)


# Whole sentences per language shown instead: language names are capitalised in English only.
UNTRANSLATED_NOTICES = {
    "fr": gettext_lazy("This page is not fully translated yet: some passages are shown in French."),
    "en": gettext_lazy(
        "This page is not fully translated yet: some passages are shown in English."
    ),
}


@register.inclusion_tag("includes/untranslated-notice.html")
def untranslated_notice(obj, *fields, items=(), item_fields=""):
    """A short notice, in the page's language, when some of `fields` (or of `item_fields` of
    the `items`, such as a page's milestones) are shown in another language because they are
    not translated yet."""
    active = (translation.get_language() or "")[:2]
    shown = [(obj, field) for field in fields]
    shown += [(item, field) for item in items for field in item_fields.split()]
    others = {shown_language(o, field) for o, field in shown if getattr(o, field, None)}
    others.discard(active)
    return {"notice": UNTRANSLATED_NOTICES.get(min(others)) if others else None}


@register.filter
def clean_rich_text(html):
    """Rich text reduced to what the site allows (ciso.security.rich_text.clean_rich_text)."""
    return rich_text.clean_rich_text(html)


@register.simple_tag
def page_numbers(page_obj):
    """The page numbers a list's pagination links to: the first and the last, and two on each
    side of the current page, with None where numbers are left out (a list of 500 projects
    would otherwise show 42 links)."""
    paginator = page_obj.paginator
    numbers = paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
    return [None if number == paginator.ELLIPSIS else number for number in numbers]
