"""The full-page cache for anonymous visitors, and when it is cleared.

wagtail-cache (its two middlewares in settings.MIDDLEWARE) keeps whole responses, keyed by
address (the /fr/ or /en/ prefix makes it per language) and query string. This module decides
what may be cached, and empties the cache when anything a public page shows changes.

Cached: GET and HEAD requests of anonymous visitors for the public pages, including redirects
and 404 pages, but not the root's redirect to a language (it follows each visitor's choice).
Never cached: the admin (and its previews), documents (private ones are checked on each
download), requests that carry a session (staff, or a visitor who entered a page's password:
they see the site as it is now), and responses that set a cookie.

Cleared, whole: pages are linked to one another (menus, breadcrumbs, cards, figures, country
lists), so one change can show on many pages; the site is small enough that emptying the cache
is the safe answer, and it fills again with the next visits.
"""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtailcache.cache import clear_cache

# /bench/: the benchmark's trivial view is the framework's floor, never a cached page.
NOT_CACHED_PREFIXES = ("/admin/", "/documents/", "/django-admin/", "/bench/")


def is_request_cacheable(request, is_cacheable):
    if request.path.startswith(NOT_CACHED_PREFIXES):
        return False
    if request.path == "/":
        # The redirect to /fr/ or /en/ depends on the language cookie, which wagtail-cache
        # leaves out of its keys: chosen anew for each visitor.
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    return None  # wagtail-cache's own decision stands (GET/HEAD, anonymous, not a preview)


def is_response_cacheable(response, is_cacheable):
    if response.cookies:
        return False
    if getattr(response, "built_across_a_change", False):
        return False
    return None


class ContentChangedMiddleware:
    """Marks a response built while staff changed content (the content version moved between
    the request and the response), so that the page cache does not keep it: it may show what
    the database held before the change, under a key that is already the new one.

    Last in settings.MIDDLEWARE, after wagtail-cache's FetchFromCacheMiddleware: a page served
    from the cache never reaches it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from ciso import chrome

        started = chrome.request_content_version(request)
        response = self.get_response(request)
        if chrome.content_version() != started:
            response.built_across_a_change = True
        return response


# What a page or a moderated snippet saves when a draft is made or locked: nothing a visitor
# sees (Page.save_revision() also saves its draft title and its comments).
DRAFT_BOOKKEEPING = {
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "wagtail_admin_comments",
    "has_unpublished_changes",
    "locked",
    "locked_by",
    "locked_at",
}


def clear_pages(sender=None, update_fields=None, **kwargs):
    """Empty the page cache, and forget the kept fragments of pages and the routes (a new
    content version, ciso/chrome.py): a signal receiver, or called directly."""
    from ciso.chrome import bump_content_version

    if kwargs.get("raw") or (update_fields and set(update_fields) <= DRAFT_BOOKKEEPING):
        return
    clear_cache()
    # Again once the change is committed: a request served in between read the database as it
    # was, and may have kept what it built.
    transaction.on_commit(clear_cache)
    bump_content_version()


def connect():
    """Clear on what public pages show: pages published, unpublished, moved or deleted; the
    moderated snippets (their publication saves them); settings; sites; images, documents,
    redirects; the privacy of a page or of a collection. A draft (of a page or of a snippet)
    changes nothing public and does not clear it."""
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Site

    from ciso.models import SiteSettings
    from projects.models import Country, Partner, Theme

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(clear_pages, dispatch_uid=f"ciso.page_cache.{id(signal)}")
    post_delete.connect(clear_pages, sender=Page, dispatch_uid="ciso.page_cache.page_deleted")
    for model in (
        PageViewRestriction,  # a page made private must leave the cache at once
        CollectionViewRestriction,  # and a private collection's documents (the search lists them)
        Country,
        Partner,
        Theme,
        SiteSettings,
        Site,
        Redirect,
        get_image_model(),
        get_document_model(),
    ):
        uid = f"ciso.page_cache.{model._meta.label_lower}"
        post_save.connect(clear_pages, sender=model, dispatch_uid=f"{uid}.saved")
        post_delete.connect(clear_pages, sender=model, dispatch_uid=f"{uid}.deleted")
