"""Site-wide middleware."""

import re

from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware

# The first path segment of /de/…, /pt-br/…: something that reads as a language code.
LANGUAGE_PREFIX = re.compile(r"^/([a-z]{2,3}(?:[-_][a-z0-9]{2,8})?)(?:/|$)", re.IGNORECASE)


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, but an unknown language prefix stays a 404.

    Django redirects any unprefixed 404 to the same path under the visitor's language, and
    Wagtail's catch-all page route makes every such path look valid, so `/de/` would become
    `/fr/de/`, a second request ending in the same 404. A prefix that names a language the
    site does not have is answered at once with the 404 page instead.
    """

    def process_response(self, request, response):
        if response.status_code == 404 and self._unknown_language_prefix(request.path_info):
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
            return response
        return super().process_response(request, response)

    @staticmethod
    def _unknown_language_prefix(path):
        match = LANGUAGE_PREFIX.match(path)
        if not match:
            return False
        known = {code for code, _name in settings.LANGUAGES}
        return match.group(1).lower() not in known
