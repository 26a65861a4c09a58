"""Public views: Wagtail's page view with fewer queries, the site search, the error views (the
404 page; the 503 page shown while the database is unavailable; the 500 page is Django's own
handler rendering templates/500.html), and the benchmark's floor."""

import sys
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.csrf import requires_csrf_token
from wagtail import views as wagtail_views

from ciso import chrome, routing, search


def serve(request, path):
    """Wagtail's `serve` view, given the site from the cache (ciso/chrome.py) and the page
    found in two queries, or none once the path has been served (ciso/routing.py); Wagtail
    then checks the view restrictions, runs its hooks and serves the page as usual."""
    site = chrome.prepare(request)
    if site is not None and not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = routing.route(request, site, path)
    response = wagtail_views.serve(request, path)
    routing.remember(request, response)
    return response


class CountedPaginator(Paginator):
    """A paginator told how many items there are (the search's counts per kind already say),
    instead of asking the database once more."""

    def __init__(self, object_list, per_page, *, count):
        super().__init__(object_list, per_page)
        self._count = count

    @property
    def count(self):
        return self._count


# Seconds a visitor (or a crawler) is asked to wait before trying again.
RETRY_AFTER = 30
DATABASE_ERRORS = (OperationalError, InterfaceError)


@requires_csrf_token
def page_not_found(request, exception=None):
    # There is no page to translate: the language links lead to each language's home page.
    chrome.prepare(request)
    return render(request, "404.html", {"alternates_home_only": True}, status=404)


def floor(request):
    """The benchmark's framework floor (`make bench`): a trivial view through the same
    middleware as every page. Mounted only when BENCHMARK_FLOOR is set."""
    return HttpResponse("ok", content_type="text/plain")


def database_unavailable(request=None):
    """The 503 page: both languages, rendered without the request, so without context
    processors and without any query (the site settings live in the database)."""
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


@requires_csrf_token
def server_error(request):
    """handler500: a database error raised outside a view (in a middleware) still gets the
    503 page; DatabaseUnavailableMiddleware answers those raised by the views."""
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return database_unavailable(request)
    return defaults.server_error(request)


SEARCH_RESULTS_PER_PAGE = 10


def _kind_labels():
    """The filters of the results page: each kind of entry (the address's `type`, the same in
    every language) and its name."""
    return {
        "page": _("Pages"),
        "project": _("Projects"),
        "country": _("Countries"),
        "document": _("Documents"),
    }


def _in_language():
    """Each language's name as it follows "3 results …" in the active language."""
    return {"fr": _("in French"), "en": _("in English")}


def _elsewhere(query, language):
    """For a search that found nothing: the other languages whose search finds something for
    the same words, with the address of that search and how many results it has."""
    found = []
    for code, _name in settings.LANGUAGES:
        if code == language or not (count := search.count(query, code)):
            continue
        with translation.override(code):
            url = f"{reverse('search')}?{urlencode({'q': query.text})}"
        found.append({"code": code, "url": url, "count": count, "in": _in_language()[code]})
    return found


def search_view(request):
    """The site search, in the active language (ciso/search.py)."""
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    query, truncated = search.clean_query(request.GET.get("q", ""))
    labels = _kind_labels()
    kind = request.GET.get("type", "")
    kind = kind if kind in labels else ""
    context = {
        "query": query,
        "truncated": truncated,
        "max_length": search.MAX_QUERY_LENGTH,
        "kind": kind,
        "breadcrumb_items": [(_("Search"), request.path)],
        "meta_title": _("Search"),
        "meta_robots": "noindex, follow",
    }
    status = 200
    if not query:
        context["message"] = _("Type one or more words to search the site.")
    elif not search.has_words(query):
        context["message"] = _("Type words, not only punctuation or symbols.")
        status = 400
    else:
        prepared = search.prepare(query)
        results = search.search(prepared, language, kind)
        total = sum(results.kind_counts.values())
        paginator = CountedPaginator(
            results.entries,
            SEARCH_RESULTS_PER_PAGE,
            count=results.kind_counts.get(kind, 0) if kind else total,
        )
        page_obj = paginator.get_page(request.GET.get("page"))
        search.decorate(page_obj.object_list, query)
        context.update(
            {
                "page_obj": page_obj,
                "total": total,
                "filters": [
                    (key, capfirst(label), results.kind_counts[key])
                    for key, label in labels.items()
                    if results.kind_counts.get(key)
                ],
                "pagination_query": urlencode({"q": query, **({"type": kind} if kind else {})}),
                "query_without_type": urlencode({"q": query}),
                "elsewhere": [] if total else _elsewhere(prepared, language),
            }
        )
    return render(request, "ciso/search.html", context, status=status)
