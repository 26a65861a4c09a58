"""The page cache: whole pages for anonymous visitors, and the one list of what empties it.

Nothing else the site shows is kept across requests, apart from what Wagtail and Django keep
themselves (image renditions, the sites' root paths).

What is cached: GET and HEAD requests of visitors without a session, for the pages under a
language prefix (/fr/…, /en/…), when the response is a 200 that sets no cookie, depends on no
cookie (no `Vary: Cookie`: it used neither the session nor a CSRF token) and is not marked
private. A query string is kept only when the page understood every parameter exactly as given
(`understood_query`): strangers cannot fill the cache with made-up parameters or values.

Where: the "pages" cache (settings.CACHES): Redis in production, this process's memory
otherwise. Each key holds the current *generation*, a token stored in PostgreSQL and read on
every request (one query). Emptying the cache is writing a new token, in the same transaction
as the change: once the change is committed every process reads the new token, so no entry
built before it is ever served again, even when the cache itself could not be reached to
delete anything (Redis stopped or frozen: a miss, never a stale page). Old entries expire by
themselves (PAGE_CACHE_SECONDS, or Redis's LRU), and a page whose content changes with the time
(the upcoming events) sooner: when it stops being right (`valid_for`).

What empties it (EVENTS below, connected in `connect`): a page published, unpublished, moved
or deleted; the site settings, a site, an image, a document, a redirect or a snippet that a
content app names (`shown_on_pages`: the countries, partners, themes) saved or
deleted; `migrate` and `restore`. A page's or a collection's privacy changes it through the
database itself (triggers of migration 0010), so that no write can make a page private while a
public copy is served: not even a QuerySet.update or a SQL fix that sends no signal. A draft
(of a page or of a snippet) changes nothing public and empties nothing.
"""

import logging
import uuid
from urllib.parse import parse_qsl, urlencode

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection, connections, models
from django.db.models.signals import post_delete, post_migrate, post_save
from django.http import HttpResponse
from django.utils.cache import has_vary_header, set_response_etag
from wagtail.signals import page_published, page_unpublished, post_page_move

logger = logging.getLogger(__name__)

HEADER = "X-Page-Cache"  # hit, miss or skip: what the cache did with this request
CACHE = "pages"

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


class PageCacheGeneration(models.Model):
    """One row: the token under which the page cache keeps its entries (see the module)."""

    token = models.CharField(max_length=32)

    class Meta:
        app_label = "ciso"

    def __str__(self):
        return self.token


def generation():
    """The current token, or None when it cannot be read (then nothing is cached)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT token FROM {PageCacheGeneration._meta.db_table} WHERE id = 1")
            row = cursor.fetchone()
    except DatabaseError:
        return None  # the database is down: the page itself will say so (503)
    return row[0] if row else None


def empty(sender=None, update_fields=None, raw=False, **kwargs):
    """Empty the page cache: a signal receiver, or called directly (`restore`)."""
    if raw or (update_fields and set(update_fields) <= DRAFT_BOOKKEEPING):
        return
    token = uuid.uuid4().hex
    if not PageCacheGeneration.objects.filter(pk=1).update(token=token):
        PageCacheGeneration.objects.update_or_create(pk=1, defaults={"token": token})


# `empty` for a database this process is not connected to (`restore` runs it with psql); a
# database restored from a dump older than the generation's table has nothing to empty.
EMPTY_SQL = (
    "DO $$ BEGIN IF to_regclass('ciso_pagecachegeneration') IS NOT NULL THEN"
    " UPDATE ciso_pagecachegeneration SET token = md5(random()::text || clock_timestamp()::text);"
    " END IF; END $$"
)


def shown_on_pages(*models):
    """Empty the cache whenever one of `models` is saved (published, for a moderated snippet)
    or deleted: what a content app calls for the snippets its pages show."""
    for model in models:
        uid = f"ciso.caching.{model._meta.label_lower}"
        post_save.connect(empty, sender=model, dispatch_uid=f"{uid}.saved")
        post_delete.connect(empty, sender=model, dispatch_uid=f"{uid}.deleted")


def connect():
    """Connect `empty` to the events of the module's list (the one place where it is), apart
    from the snippets that content apps name with `shown_on_pages`."""
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, Site

    from ciso.models import SiteSettings

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(empty, sender=None, dispatch_uid=f"ciso.caching.{id(signal)}")
    post_delete.connect(empty, sender=Page, dispatch_uid="ciso.caching.page_deleted")
    shown_on_pages(SiteSettings, Site, Redirect, get_image_model(), get_document_model())
    post_migrate.connect(
        empty_after_migrate, sender=apps.get_app_config("ciso"), dispatch_uid="ciso.caching"
    )


def empty_after_migrate(using="default", **kwargs):
    """A deployment runs `migrate`: what the cache kept was rendered by the old code. (Unless
    the migrations were taken back to before the generation's table.)"""
    if PageCacheGeneration._meta.db_table in connections[using].introspection.table_names():
        empty()


def understood_query(response, **parameters):
    """Say that the page behind `response` understood these query parameters (the empty ones
    left out), and only these: a request whose query string is exactly them may be cached."""
    response.understood_query = _canonical(
        [(name, str(value)) for name, value in parameters.items() if value not in (None, "")]
    )
    return response


def valid_for(holder, seconds):
    """Say that the page is right for `seconds` more, no longer (what it shows changes with
    the time: an event that starts or ends); `holder` is its response, or its request when
    a part of the page says it (a section of the home page). None changes nothing. The page
    cache keeps the page no longer than the shortest of these."""
    if seconds is not None:
        known = getattr(holder, "valid_for", None)
        holder.valid_for = seconds if known is None else min(known, seconds)
    return holder


def _canonical(pairs):
    return urlencode(sorted(pairs))


def _language_prefixes():
    return tuple(f"/{code}/" for code, _name in settings.LANGUAGES)


class PageCacheMiddleware:
    """Serves and keeps the pages of the module's rules. Second in settings.MIDDLEWARE (after
    ConditionalGetMiddleware, which answers 304 to a browser or a front cache that already
    has the page): a page in the cache costs one query and one cache read, nothing else."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.cache = caches[CACHE]
        self.prefixes = _language_prefixes()

    def __call__(self, request):
        key = self.key(request) if settings.CISO_PAGE_CACHE else None
        if key is None:
            return self.get_response(request)
        try:
            entry = self.cache.get(key)
        except Exception:  # a cache that fails is a miss (django-redis's own say so already)
            logger.warning("The page cache cannot be read", exc_info=True)
            entry = None
        if entry is not None:
            return self.response_from(entry)
        response = self.get_response(request)
        if self.keeps(request, response):
            # No Cache-Control: with an ETag and no lifetime, browsers ask again each time
            # (and get a 304), and a front cache keeps it for as long as it is told to.
            set_response_etag(response)
            try:
                # A page right for a while only (`valid_for`) is kept no longer.
                lifetimes = [getattr(r, "valid_for", None) for r in (request, response)]
                lifetimes = [seconds for seconds in lifetimes if seconds is not None]
                timeout = min(lifetimes + [settings.PAGE_CACHE_SECONDS])
                options = {"timeout": timeout} if lifetimes else {}
                self.cache.set(key, self.entry_of(response), **options)
            except Exception:
                logger.warning("The page cache cannot be written", exc_info=True)
            response[HEADER] = "miss"
        else:
            response.setdefault(HEADER, "skip")
        return response

    def key(self, request):
        """The request's key, or None when it is not for the cache."""
        if request.method not in ("GET", "HEAD") or not request.path.startswith(self.prefixes):
            return None
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return None  # staff, or a visitor given a private page: the site as it is now
        token = generation()
        if token is None:
            return None
        query = _canonical(parse_qsl(request.META.get("QUERY_STRING", ""), True))
        request.page_cache_query = query
        # The host as sent: a host Django refuses gets its 400 from the page, never an entry.
        host = request.META.get("HTTP_HOST", "")
        return f"page:{token}:{host}:{request.path}?{query}"

    @staticmethod
    def keeps(request, response):
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not has_vary_header(response, "Cookie")
            and not any(
                word in response.get("Cache-Control", "") for word in ("private", "no-store")
            )
            and getattr(response, "understood_query", "") == request.page_cache_query
        )

    @staticmethod
    def entry_of(response):
        headers = [(name, value) for name, value in response.items() if name != HEADER]
        return (response.status_code, headers, response.content)

    @staticmethod
    def response_from(entry):
        status, headers, content = entry
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response[HEADER] = "hit"
        return response
