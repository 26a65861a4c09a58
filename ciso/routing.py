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

It is the home page's `route`, where Wagtail starts routing (set by ciso/patches.py, over the
one wagtail-modeltranslation sets, which loads every child of each level). Measured with
nothing cached: a page two levels down costs 10 queries instead of 14.
"""

from django.http import Http404
from django.utils import translation
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page


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


def _answer(request, row, ancestors, components):
    """The specific page for `row`, routed as Wagtail would from here."""
    page = row.specific
    if ancestors:
        # What Wagtail's own routing would have loaded: the parent (get_parent() then costs
        # nothing) and, for the breadcrumbs, all the ancestors the walk went through.
        page._cached_parent_obj = ancestors[-1]
    page.route_ancestors = list(ancestors)
    return page.route(request, components)


def route_from(wagtail_route):
    """A `route` method for the root page, falling back on `wagtail_route`, the one it had."""

    def route(root, request, components):
        return _route(root, request, components, lambda rest: wagtail_route(root, request, rest))

    return route


def _route(root, request, components, wagtail_route):
    """The `RouteResult` of the path `components` under `root` (raises Http404 as Wagtail
    does); `wagtail_route(components)` is Wagtail's own routing from `root`."""
    if not components:
        return wagtail_route(components)
    field = f"url_path_{(translation.get_language() or '')[:2]}"
    root_url_path = getattr(root, field, None)
    if not root_url_path:
        return wagtail_route(components)
    prefixes = [root_url_path + _subpath(components[:n])[1:] for n in range(len(components) + 1)]
    rows = list(
        Page.objects.filter(path__startswith=root.path, **{f"{field}__in": prefixes[1:]})
        .order_by("path")
    )  # fmt: skip
    by_address = {}
    for row in rows:  # in tree order: the first page with an address wins, as in Wagtail
        by_address.setdefault((getattr(row, field), row.depth), []).append(row)

    current, ancestors = root, []
    for position in range(len(components) + 1):
        remaining = components[position:]
        if position and (not remaining or _answers_itself(current, remaining)):
            return _answer(request, current, ancestors, remaining)
        if not position and _answers_itself(current, remaining):
            return wagtail_route(components)
        ancestors.append(current)
        current = next(
            (
                row
                for row in by_address.get((prefixes[position + 1], current.depth + 1), [])
                if row.path.startswith(current.path)
            ),
            None,
        )
        if current is None:
            return wagtail_route(components)
    raise Http404  # not reached: the loop ends by answering
