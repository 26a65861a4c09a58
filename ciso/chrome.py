"""What every public page needs around its content, kept in the cache: the site that answers
the request, its settings (header and footer) and the main menu. Never whether a page is
private: that is read from the database on every request (ciso/queries.py).

They change only when staff publish, move or delete a page, change a privacy setting, a site
or the site settings. Each of those bumps a site-wide content version (`bump_content_version`,
connected in ciso/signals.py) that is part of every key below, so a change shows on the next
request of every process and the old entries simply expire. The cache is Django's default one
(Redis in production, local memory otherwise).

The version must be the same for every process that serves the site. In Redis it is. Local
memory belongs to one process: gunicorn's other workers would keep showing what they kept. With
local-memory caches the version is therefore a file (settings.CONTENT_VERSION_FILE) that every
worker of the machine reads (a stat a request; the file is read again only when replaced), and
the page cache's keys hold it too (`page_cache_key`), so that no worker serves a page, a
fragment or a route kept before a change made through another one.
"""

import logging
import os
import uuid

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.http.request import split_domain_port
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from ciso.models import SiteSettings
from ciso.queries import public_pages

logger = logging.getLogger(__name__)

VERSION_KEY = "ciso:content-version"
TIMEOUT = 24 * 60 * 60  # entries of an old version go away by themselves


def _version_in_file():
    """Whether the version lives in a file: the default cache is this process's memory."""
    return settings.CACHES["default"]["BACKEND"].endswith(".LocMemCache")


def content_version():
    """The current content version; None when it cannot be read (Redis not answering, the
    version file not readable): then nothing kept may be used."""
    if _version_in_file():
        try:
            return _read_version_file()
        except OSError:
            logger.warning("The content version file cannot be read", exc_info=True)
            return None
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


_file_seen = {"identity": None, "version": None}


def _read_version_file():
    path = settings.CONTENT_VERSION_FILE
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        _write_version_file()
        stat = os.stat(path)
    # Replaced, never rewritten in place: a new inode says a new version.
    identity = (stat.st_ino, stat.st_mtime_ns)
    if identity != _file_seen["identity"]:
        with open(path, encoding="ascii") as f:
            _file_seen.update(identity=identity, version=f.read().strip())
    return _file_seen["version"]


def _write_version_file():
    path = str(settings.CONTENT_VERSION_FILE)
    temporary = f"{path}.{os.getpid()}.{uuid.uuid4().hex}"
    with open(temporary, "w", encoding="ascii") as f:
        f.write(uuid.uuid4().hex)
    os.replace(temporary, path)  # atomic: a reader sees the old version or the new one


def page_cache_key(key, key_prefix, version):
    """The page cache's keys (its KEY_FUNCTION with local-memory caches): under the content
    version, so that a worker never serves a page kept before a change made in another one
    (clearing the cache only clears the memory of the process that clears it)."""
    return f"{key_prefix}:{version}:{content_version() or _unreadable()}:{key}"


def bump_content_version(**kwargs):
    """Forget the cached chrome, now and again when the transaction commits: a request served
    in between may have cached what the database held before the change."""
    _new_version()
    transaction.on_commit(_new_version)


def _new_version():
    if _version_in_file():
        try:
            _write_version_file()
        except OSError:
            logger.error("The content version file cannot be written", exc_info=True)
    else:
        cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def request_content_version(request=None):
    """The content version, read once per request. When it cannot be read, a version of this
    request's own: what it keeps is never used again, and nothing kept before is used."""
    if request is None:
        return content_version() or _unreadable()
    if not hasattr(request, "_ciso_content_version"):
        request._ciso_content_version = content_version() or _unreadable()
    return request._ciso_content_version


def _unreadable():
    return f"unreadable-{uuid.uuid4().hex}"


def versioned_key(key, request=None):
    """`key` under the current content version."""
    return f"ciso:{request_content_version(request)}:{key}"


def context(request):
    """Template context: `content_version` and `fragment_seconds`, for the fragments that
    templates keep in the "fragments" cache with Wagtail's `{% wagtailcache %}` (skipped in
    previews): a fragment kept under one version is never shown once staff changed anything."""
    return {
        "content_version": SimpleLazyObject(lambda: request_content_version(request)),
        "fragment_seconds": TIMEOUT,
    }


def kept(key, compute, request=None, using="default"):
    """The value kept under `key` and the current content version in the cache `using`;
    computed (and kept, unless None) when missing."""
    key = versioned_key(key, request)
    value = caches[using].get(key)
    if value is None:
        value = compute()
        if value is not None:
            caches[using].set(key, value, TIMEOUT)
    return value


def prepare(request):
    """Give the request its site and site settings from the cache, where Wagtail looks for
    them (`Site.find_for_request`, `SiteSettings.for_request` and the `settings` context
    processor then make no query)."""
    if not hasattr(request, "_wagtail_site"):
        host, port = split_domain_port(request.get_host())[0], request.get_port()
        request._wagtail_site = kept(
            f"site:{host}:{port}", lambda: Site.find_for_request(request), request
        )
    site = request._wagtail_site
    attr_name = SiteSettings.get_cache_attr_name()
    if site is not None and not hasattr(request, attr_name):
        site_settings = kept(f"settings:{site.pk}", lambda: SiteSettings.for_site(site), request)
        site_settings._request = request  # what for_request() sets, for page URLs
        setattr(request, attr_name, site_settings)
    return site


def main_menu(request):
    """The live, public pages under the site's home page marked "show in menus", in tree
    order, in the active language: [{"title", "url", "path"}]."""
    site = prepare(request)
    if site is None:
        return []
    language = translation.get_language()

    def compute():
        pages = public_pages(site.root_page.get_children().live().in_menu())
        return [
            {"title": page.title, "url": page.get_url(request), "path": page.path} for page in pages
        ]

    return kept(f"menu:{site.pk}:{language}", compute, request)
