"""Error views: the 404 page, and the 503 page shown while the database is unavailable.

The 500 page is Django's own handler rendering templates/500.html.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.views import defaults
from django.views.decorators.csrf import requires_csrf_token

# Seconds a visitor (or a crawler) is asked to wait before trying again.
RETRY_AFTER = 30
DATABASE_ERRORS = (OperationalError, InterfaceError)


@requires_csrf_token
def page_not_found(request, exception=None):
    # There is no page to translate: the language links lead to each language's home page.
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
