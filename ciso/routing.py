"""Finding the page that a path names, whether any view restriction applies to it, and the
main menu: two queries whatever the path's length.

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

The same query says of each row whether it is in a private section (ciso.queries), and brings
the pages of the main menu (the root's live children marked "show in menus"): the page served
then knows whether view restrictions apply to it (`has_view_restrictions`, the restrictions
themselves are read only when some do: ciso.models.ViewRestrictionsMixin), and the menu
(`main_menu`) costs no query of its own. Both are read from the database on every request.

ciso/patches.py serves every page through `route`.
"""

from django.conf import settings
from django.db import connection
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site

from ciso import rows
from ciso.queries import IN_PRIVATE_SECTION_SQL

# Where `route` leaves the main menu's pages, for `main_menu`.
MENU_ATTRIBUTE = "ciso_main_menu"


def route(request, site, path):
    """The `RouteResult` of `path` (the part of the URL after the language prefix) on `site`,
    or None when no page answers it (a 404)."""
    components = [component for component in path.split("/") if component]
    try:
        return _route(request, site.root_page, components)
    except Http404:
        return None


def page_url(request, url_path):
    """The address that `Page.get_url(request)` gives a page of the request's site whose
    `url_path` in the active language is `url_path` (the other way round from `route`), without
    building the page; None when the page is not under the site's root page."""
    site = Site.find_for_request(request)
    root_url_path = site.root_page.url_path if site else None
    if not root_url_path or not url_path.startswith(root_url_path):
        return None
    url = reverse("wagtail_serve", args=[url_path[len(root_url_path) :]])
    if not getattr(settings, "WAGTAIL_APPEND_SLASH", True) and url != "/":
        url = url.rstrip("/")  # as Wagtail does then
    return url


def main_menu(request):
    """The live, public pages of the main menu, in tree order: those `route` loaded with the
    page, or, for a view that is not a page (the search), read in one query."""
    menu = getattr(request, MENU_ATTRIBUTE, None)
    if menu is None:
        site = Site.find_for_request(request)
        menu = _menu_rows(site.root_page) if site else []
        setattr(request, MENU_ATTRIBUTE, menu)
    return menu


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


def _has_view_restrictions(root, chain):
    """Whether view restrictions apply to the last page of `chain` (the rows from `root` to it),
    or None when the rows cannot tell: Wagtail gives an alias the restrictions of its source,
    and the pages above a root deeper than the home page's were not loaded."""
    if root.depth > 2 or any(page.alias_of_id for page in chain):
        return None
    return getattr(chain[-1], "in_private_section", None)


def _answer(request, root, row, ancestors, components):
    """The specific page for `row`, routed as Wagtail would from here."""
    page = _specific(row)
    page.has_view_restrictions = _has_view_restrictions(root, [*ancestors, row])
    if ancestors:
        # What Wagtail's own routing would have loaded: the parent (get_parent() then costs
        # nothing) and, for the breadcrumbs, all the ancestors the walk went through.
        page._cached_parent_obj = ancestors[-1]
    page.route_ancestors = list(ancestors)
    return page.route(request, components)


def _wagtail_route(request, root, components):
    return root.specific.route(request, components)


def _rows(root, field, prefixes):
    """The pages under `root` whose address (`field`: `url_path_fr` or `url_path_en`) is one of
    `prefixes`, and the root's live children shown in menus, in tree order; each row says
    whether it is in a private section. Hand-written SQL (ciso/rows.py)."""
    page = rows.columns(Page)
    quote = connection.ops.quote_name
    sql = (
        f"SELECT {page.sql}, {IN_PRIVATE_SECTION_SQL} "
        'FROM "wagtailcore_page" '
        f'WHERE ("wagtailcore_page".{quote(field)} = ANY(%s) OR ("wagtailcore_page"."depth" = %s '
        'AND "wagtailcore_page"."live" AND "wagtailcore_page"."show_in_menus")) '
        'AND "wagtailcore_page"."path" LIKE %s '
        'ORDER BY "wagtailcore_page"."path"'
    )
    # Tree paths are made of digits and capital letters only: nothing to escape for LIKE.
    found = rows.fetch(sql, [prefixes, root.depth + 1, root.path + "%"], page)
    for row, private in found:
        row.in_private_section = private
    return [row for row, _private in found]


def _menu_rows(root):
    """The root's live, public children shown in menus, in tree order (ciso/rows.py)."""
    page = rows.columns(Page)
    sql = (
        f'SELECT {page.sql} FROM "wagtailcore_page" '
        'WHERE "wagtailcore_page"."path" LIKE %s AND "wagtailcore_page"."depth" = %s '
        'AND "wagtailcore_page"."live" AND "wagtailcore_page"."show_in_menus" '
        f"AND NOT {IN_PRIVATE_SECTION_SQL} "
        'ORDER BY "wagtailcore_page"."path"'
    )
    return [row for (row,) in rows.fetch(sql, [root.path + "%", root.depth + 1], page)]


def _specific(row):
    """The page of `row` as its own type (Wagtail's `row.specific`), in one query whose SQL is
    written once per page type (ciso/rows.py)."""
    model = row.specific_class
    if model is None or isinstance(row, model):
        return row.specific
    page = rows.columns(model)
    sql = f'SELECT {page.sql} FROM {rows.specific_join(model)} WHERE "wagtailcore_page"."id" = %s'
    found = rows.fetch(sql, [row.pk], page)
    return found[0][0] if found else row.specific


def _route(request, root, components):
    """The `RouteResult` of the path `components` under `root` (raises Http404 as Wagtail
    does)."""
    field = f"url_path_{(translation.get_language() or '')[:2]}"
    root_url_path = getattr(root, field, None)
    if not root_url_path:
        return _wagtail_route(request, root, components)
    prefixes = [root_url_path + _subpath(components[:n])[1:] for n in range(len(components) + 1)]
    menu_depth = root.depth + 1
    by_address, menu = {}, []
    # In tree order: of several pages with the same address, the first wins, as in Wagtail.
    for row in _rows(root, field, prefixes):
        by_address.setdefault((getattr(row, field), row.depth), []).append(row)
        in_menu = row.depth == menu_depth and row.live and row.show_in_menus
        if in_menu and not row.in_private_section:
            menu.append(row)
    setattr(request, MENU_ATTRIBUTE, menu)

    # The root as loaded here, with its privacy.
    current = next(
        (row for row in by_address.get((prefixes[0], root.depth), ()) if row.pk == root.pk), None
    )
    if current is None:
        return _wagtail_route(request, root, components)
    ancestors = []
    for position in range(len(components) + 1):
        remaining = components[position:]
        if not remaining or _answers_itself(current, remaining):
            return _answer(request, root, current, ancestors, remaining)
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
            return _wagtail_route(request, root, components)
    raise Http404  # not reached: the loop ends by answering
