"""The nginx in front of the site (deploy/nginx/ciso.conf), told when a page is published or
unpublished, through Wagtail's frontend cache.

nginx keeps each anonymous page for one to two seconds, so that any change shows within that
time without being announced. A publish or an unpublish is announced all the same, so that it
shows at once on the page's own addresses, in every language (an editor's "View live").

Stock nginx (the compose image has no purge module) cannot delete an entry on request, but it
stores what a request carrying `X-Cache-Refresh` fetches from Django in place of the old entry:
`RefreshBackend` sends that request instead of Wagtail's PURGE, once the transaction has
committed (before, Django would build the old page again and nginx would keep it).

Wagtail's own signal handlers (`wagtail.contrib.frontend_cache` in INSTALLED_APPS) are not used:
they announce the address in the active language and, with WAGTAILFRONTENDCACHE_LANGUAGES, the
same path under each other language's prefix, which with slugs translated field by field
(modeltranslation) is no page at all: /en/projets/ for /en/projects/. `announce_page` asks the
page for its addresses in each language instead.
"""

import logging
from functools import partial
from http.client import HTTPConnection, HTTPException, HTTPSConnection
from urllib.parse import urlsplit, urlunsplit

import wagtail
from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import translation
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.signals import page_published, page_unpublished

logger = logging.getLogger("wagtail.frontendcache")

# The request header for which nginx fetches the page anew and stores it (ciso.conf).
REFRESH_HEADER = "X-Cache-Refresh"


class RefreshBackend(HTTPBackend):
    """Wagtail's HTTP backend, but each address is fetched anew (a GET with `X-Cache-Refresh`)
    rather than purged, after the transaction commits.

    LOCATION is nginx's address (FRONTEND_CACHE_URL); TIMEOUT the seconds nginx has to answer
    one request (5). When nginx does not answer one, the rest of the batch is left to expire
    on its own: an editor's publish waits at most one TIMEOUT for a front cache that is down.
    """

    def __init__(self, params):
        params = dict(params)
        self.timeout = params.pop("TIMEOUT", 5)
        super().__init__(params)

    def purge_batch(self, urls):
        # robust: a failure is logged, it does not undo the publish that committed.
        transaction.on_commit(partial(self._refresh_all, list(urls)), robust=True)

    def _refresh_all(self, urls):
        for url in urls:
            if not self.purge(url):
                break

    def purge(self, url):
        """Have nginx fetch `url` anew; False when nginx did not answer."""
        parts = urlsplit(url)
        connection_class = HTTPSConnection if self.cache_scheme == "https" else HTTPConnection
        connection = connection_class(self.cache_netloc, timeout=self.timeout)
        headers = {
            # The cache's key and what Django builds depend on the visitor's host and scheme.
            "Host": parts.netloc,
            "X-Forwarded-Proto": parts.scheme,
            REFRESH_HEADER: "1",
            "User-Agent": f"Wagtail-frontendcache/{wagtail.__version__}",
        }
        try:
            # A HEAD is enough: nginx asks Django with a GET (proxy_cache_convert_head) and
            # stores the page; only the headers come back here.
            connection.request(
                "HEAD", urlunsplit(("", "", parts.path, parts.query, "")), headers=headers
            )
            response = connection.getresponse()
            response.read()
        except (OSError, HTTPException) as error:
            logger.error("Couldn't refresh '%s' in the front cache: %s", url, error)
            return False
        finally:
            connection.close()
        if response.status >= 500:
            # Not stored by nginx: the old entry expires on its own.
            logger.error(
                "Couldn't refresh '%s' in the front cache: %d %s",
                url,
                response.status,
                response.reason,
            )
        return True


def announce_page(instance, **kwargs):
    """Refresh the page's addresses in the front cache, in every language: the page's own and
    the ones its get_cached_paths() adds (the project index's country pages)."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    batch = PurgeBatch()
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            batch.add_page(instance)
    batch.purge()


def connect():
    """Announce every page type's publish and unpublish (an unpublish includes a deletion)."""
    Page = apps.get_model("wagtailcore", "Page")
    for model in apps.get_models():
        if issubclass(model, Page):
            for signal in (page_published, page_unpublished):
                signal.connect(announce_page, sender=model, dispatch_uid="ciso.front_cache")
