"""The error pages (400, 403 and the CSRF failure, 404, 413, 429, 500, 503)."""

import sys

from django.conf import settings
from django.core.exceptions import (
    DisallowedHost,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.utils.translation import get_language, gettext_lazy
from django.views.decorators.csrf import requires_csrf_token

# --- Error pages ----------------------------------------------------------------------------
# Every error page says what happened and offers a way on, in the visitor's language (the
# URL's prefix, else the browser's, else French) and then in the other one. Two layouts:
# templates/error.html, the site's own look (header, menu, footer: it needs the database), and
# templates/error-standalone.html, which needs neither the database nor the request: the 500
# and 503 pages, a request for another host, and the pages the servers write themselves
# (nginx: manage.py render_error_pages; gunicorn and runserver: ciso/ops/servers.py).

# Seconds a visitor (or a crawler) is asked to wait before trying again.
RETRY_AFTER = 30
DATABASE_ERRORS = (OperationalError, InterfaceError)
# What Django raises when a request holds more than DATA_UPLOAD_MAX_MEMORY_SIZE (or more fields
# or files than allowed): too large, rather than malformed.
TOO_LARGE = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)

ERRORS = {
    400: (
        gettext_lazy("Request not understood"),
        gettext_lazy(
            "The site could not understand what your browser sent. If you followed a link, it "
            "may be incomplete or damaged."
        ),
    ),
    403: (
        gettext_lazy("Access denied"),
        gettext_lazy("You are not allowed to see this page."),
    ),
    "csrf": (
        gettext_lazy("Form not sent"),
        gettext_lazy(
            "For your security, the form could not be sent: it may have been open for too long, "
            "or your browser may be refusing this site's cookies. Go back, reload the page and "
            "try again."
        ),
    ),
    404: (
        gettext_lazy("Page not found"),
        gettext_lazy("The page you asked for does not exist or has moved."),
    ),
    413: (
        gettext_lazy("Too large to send"),
        gettext_lazy(
            "What you sent is larger than the site accepts. Try again with a smaller file or a "
            "shorter text."
        ),
    ),
    414: (
        gettext_lazy("Address too long"),
        gettext_lazy(
            "The address you asked for is too long for the site to read. If you followed a "
            "link, it may be damaged."
        ),
    ),
    429: (
        gettext_lazy("Too many attempts"),
        gettext_lazy(
            "You have made too many attempts in a short time. Please wait a few minutes, then "
            "try again."
        ),
    ),
    500: (
        gettext_lazy("Something went wrong"),
        gettext_lazy("The site could not show this page. Please try again in a few minutes."),
    ),
    503: (
        gettext_lazy("Temporarily unavailable"),
        gettext_lazy(
            "The site cannot show this page at the moment. Please try again in a few minutes."
        ),
    ),
}


def _error(kind):
    """The texts of an error; a status without its own (431, 502…) says what its class says."""
    if kind not in ERRORS:
        kind = 500 if kind >= 500 else 400
    title, message = ERRORS[kind]
    return {"title": title, "message": message}


def error_page(request, status, kind=None):
    """The site's error page for `status` (`kind` for a particular case: "csrf"), with the
    site's header, menu and footer; its language links lead to each language's home page."""
    context = {"error": _error(kind or status), "alternates_home_only": True}
    return render(request, "error.html", context, status=status)


def standalone_error_html(status, language=None):
    """The error page for `status` without the request and without any query: in `language`
    (by default the active one) and then in the other languages."""
    codes = [code for code, _name in settings.LANGUAGES]
    language = (language or get_language() or "")[:2]
    if language not in codes:
        language = settings.LANGUAGE_CODE
    context = {
        "error": _error(status),
        "languages": [language, *(code for code in codes if code != language)],
    }
    with translation.override(language):
        return loader.render_to_string("error-standalone.html", context)


def standalone_error_page(status):
    return HttpResponse(standalone_error_html(status), status=status)


@requires_csrf_token
def bad_request(request, exception=None):
    """handler400: a request Django could not read (413 when it was too large). A request for a
    host the site does not serve gets the page that needs nothing of the request."""
    if isinstance(exception, TOO_LARGE):
        return error_page(request, 413)
    if isinstance(exception, DisallowedHost):
        return standalone_error_page(400)
    return error_page(request, 400)


@requires_csrf_token
def permission_denied(request, exception=None):
    return error_page(request, 403)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW (Django's own page is shown even with DEBUG off): a form posted without
    a valid token, usually one left open too long or cookies refused."""
    return error_page(request, 403, "csrf")


@requires_csrf_token
def page_not_found(request, exception=None):
    return error_page(request, 404)


def database_unavailable(request=None):
    """The 503 page: rendered without the request, so without context processors and without
    any query (the site settings live in the database)."""
    response = standalone_error_page(503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


@requires_csrf_token
def server_error(request):
    """handler500: a database error raised outside a view (in a middleware) still gets the
    503 page; DatabaseUnavailableMiddleware answers those raised by the views."""
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return database_unavailable(request)
    return standalone_error_page(500)
