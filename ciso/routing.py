"""Finding the page that a path names, in two queries whatever the path's length.

Wagtail walks the tree one path segment at a time: for each segment it loads the children of
the page reached so far, then that child's specific page (two queries a segment). Every page
already stores its address in each language (`url_path_fr`, `url_path_en`, kept up to date by
wagtail-modeltranslation from the same slugs, with the same French fallback), so the pages
along a path are the pages whose address in the active language is one of the path's
prefixes: one query loads them all, a second one the specific page served.

The walk over those rows then does what Wagtail's routing does (wagtail-modeltranslation's
`route`, set on every page model): a live routable page (the project index) answers the rest
of the path itself when one of its routes matches (its country pages); otherwise the path goes
on to the child whose slug is the next segment, the first one in tree order. The page reached
answers with its own `route`, so that liveness and its routes are checked as Wagtail checks
them. When the rows do not lead to a page, Wagtail's own routing decides (and mostly says 404):
the shortcut never gives a different page than the slugs would.

Once a path has been served (status 200), the pages its walk found (the specific page, the
ancestors for the breadcrumbs, the path left for the page's own routes) are kept in the
"fragments" cache (settings.CISO_FRAGMENT_CACHE) under the site-wide content version
(ciso/chrome.py), as loaded from the database and before anything used them: the next request
of that path, in any process, makes no routing query until staff change something. Paths that
lead nowhere are never kept, so stray addresses do not fill the cache.
"""

import hashlib
import logging
import pickle

from django.core.cache import caches
from django.http import Http404
from django.utils import translation
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

logger = logging.getLogger(__name__)


def _subpath(components):
    return "/" + "".join(f"{component}/" for component in components)


def _answers_itself(page, components):
    """Whether `page` is a live routable page one of whose routes matches `components`."""
    model = page.specific_class
    if not (model and issubclass(model, RoutablePageMixin) and page.live):
        return False
    try:
        model.get_resolver().resolve(_subpath(components))
    except Http404:
        return False
    return True


def _reached(row, ancestors, request, components):
    """The specific page for `row`, routed as Wagtail would from here."""
    page = row.specific
    # Kept aside as loaded, for `remember` to cache once the response is known to be a page.
    request._ciso_route_found = pickle.dumps((page, ancestors, components))
    return _answer(request, page, ancestors, components)


def _answer(request, page, ancestors, components):
    if ancestors:
        # What Wagtail's own routing caches: the parent (get_parent() then costs nothing)
        # and, for the breadcrumbs, all the ancestors the walk went through.
        page._cached_parent_obj = ancestors[-1]
    page.route_ancestors = list(ancestors)
    return page.route(request, components)


def _cache_key(request, site, path):
    from ciso import chrome

    language = (translation.get_language() or "")[:2]
    digest = hashlib.sha256(path.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return chrome.versioned_key(f"route:{site.pk}:{language}:{digest}", request)


def route(request, site, path):
    """The `RouteResult` of `path` under the site's root page, or None for a 404."""
    key = _cache_key(request, site, path)
    request._ciso_route_key = key
    found = caches["fragments"].get(key)
    if found is not None:
        try:
            kept = pickle.loads(found)
        except Exception:  # kept by another version of the code: walk again
            logger.warning("A kept route could not be read", exc_info=True)
        else:
            try:
                return _answer(request, *kept)
            except Http404:
                return None
    return _walk(request, site, path)


def remember(request, response):
    """Keep the pages that served `request` for the next request of the same path (called
    with the response: only a page that answered 200 is kept)."""
    found = getattr(request, "_ciso_route_found", None)
    if found is not None and response.status_code == 200:
        from ciso import chrome

        caches["fragments"].set(request._ciso_route_key, found, chrome.TIMEOUT)


def _walk(request, site, path):
    components = [component for component in path.split("/") if component]
    field = f"url_path_{(translation.get_language() or '')[:2]}"
    root = site.root_page
    root_url_path = getattr(root, field, None)
    if not root_url_path:
        return _wagtail_route(request, site, components)
    prefixes = [root_url_path + _subpath(components[:n])[1:] for n in range(len(components) + 1)]
    rows = list(
        Page.objects.filter(path__startswith=root.path, **{f"{field}__in": prefixes}).order_by(
            "path"
        )
    )
    by_address = {}
    for row in rows:  # in tree order: the first page with an address wins, as in Wagtail
        by_address.setdefault((getattr(row, field), row.depth), []).append(row)

    current = next((row for row in rows if row.pk == root.pk), None)
    ancestors = []
    for position in range(len(components) + 1):
        if current is None:
            return _wagtail_route(request, site, components)
        remaining = components[position:]
        if not remaining or _answers_itself(current, remaining):
            try:
                return _reached(current, ancestors, request, remaining)
            except Http404:
                return None
        ancestors.append(current)
        current = next(
            (
                row
                for row in by_address.get((prefixes[position + 1], current.depth + 1), [])
                if row.path.startswith(current.path)
            ),
            None,
        )
    return None  # not reached: the loop ends by answering


def _wagtail_route(request, site, components):
    try:
        return site.root_page.specific.route(request, components)
    except Http404:
        return None
