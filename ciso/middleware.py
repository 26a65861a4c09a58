"""Site-wide middleware."""

import logging

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.db import NotSupportedError, connection
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils.cache import patch_vary_headers

from ciso.errors import DATABASE_ERRORS, database_unavailable

logger = logging.getLogger(__name__)


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, but a prefix naming a language the site lacks stays a 404.

    Django redirects any unprefixed 404 to the same path under the visitor's language, and
    Wagtail's catch-all page route makes every such path look valid, so `/de/` would become
    `/fr/de/`, a second request ending in the same 404. A first segment that is a language
    code Django knows (`de`, `pt-br`) but the site does not offer is answered at once with the
    404 page; any other unprefixed path (`/historique/`) is still redirected.
    """

    def process_response(self, request, response):
        if response.status_code == 404 and self._other_language_prefix(request.path_info):
            # The 404 page speaks the language chosen from Accept-Language or the cookie.
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
            return response
        return super().process_response(request, response)

    @staticmethod
    def _other_language_prefix(path):
        segment = path.lstrip("/").split("/", 1)[0].lower()
        offered = {code for code, _name in settings.LANGUAGES}
        return segment in LANG_INFO and segment not in offered


def outdated_prepared_statement(exception):
    """Whether `exception` is PostgreSQL refusing a prepared statement (ciso/settings.py) whose
    columns changed type since it was prepared on this connection: after a restore or a
    migrate under a running site. SQLSTATE 0A000, whatever the server's language."""
    return isinstance(exception, NotSupportedError) and (
        getattr(exception.__cause__, "sqlstate", None) == "0A000"
    )


class DatabaseUnavailableMiddleware:
    """A page that needs the database while it is down (stopped, restarting, unreachable)
    answers 503 with a short page in both languages instead of the 500 page.

    Nothing else is needed for the site to recover: each request tries the database again
    (CONN_HEALTH_CHECKS replaces a connection that died with it). A connection whose prepared
    statements no longer fit the tables is closed: the next request gets a new one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if outdated_prepared_statement(exception):
            logger.warning("A prepared statement outlived a schema change: reconnecting")
            connection.close()
            return database_unavailable(request)
        if not isinstance(exception, DATABASE_ERRORS):
            return None
        # One line per request, not a traceback: during an outage every request fails alike.
        logger.error("Database unavailable for %s: %s", request.path, str(exception).strip())
        return database_unavailable(request)
