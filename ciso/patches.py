"""Every change this site makes to the code of a library it depends on, in one place.

`apply()` runs them once, when Django starts (ciso/apps.py); gunicorn's is run by its worker
(gunicorn.conf.py). Each one keeps the object it replaced in ORIGINALS, and
tests/ciso/test_patches.py holds a fingerprint of that object's source as the pinned version
has it: an upgrade that changes what a patch replaces fails that test, and the patch must be
read again (kept, changed, or dropped when the library no longer needs it).
"""

import copy
import json
import logging
from importlib import import_module

from django.db import connection
from django.utils import translation
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy
from gunicorn import util
from modelcluster.models import ClusterableModel
from wagtail import hooks
from wagtail import views as wagtail_views
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.widgets import BaseChooser
from wagtail.admin.widgets.workflows import AdminTaskChooser
from wagtail.blocks.field_block import ChooserBlock
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site, get_page_models
from wagtail.models import sites as wagtail_sites
from wagtail_modeltranslation import patch_wagtailadmin as modeltranslation_patches
from wagtail_modeltranslation import wagtail_hooks as modeltranslation_hooks

from ciso import routing, rows
from ciso.ops import servers

logger = logging.getLogger(__name__)
# What each patch replaced: its name → the library's object.
ORIGINALS = {}


# Where Wagtail's `Page.route_for_request` keeps the route of a request, and where it reads it
# from when it is set (its docstring says so): a private attribute.
ROUTE_ATTRIBUTE = "_wagtail_route_for_request"


def serve(request, path):
    """Wagtail's page view (`wagtail.views.serve`, mounted in its place by ciso/urls.py), given
    the route that ciso/routing.py finds; Wagtail then checks the view restrictions, runs its
    hooks and serves the page as usual.

    Wagtail's own routing loads the home page's specific row and only then calls its `route`
    (which wagtail-modeltranslation replaces with one that loads every child of each level of
    the path). Routing from the site's root row instead saves that query on every page but the
    home page: measured with nothing cached, a standard page costs 4 queries instead of 5,
    and about 1.5 ms of CPU less (of some 20).
    """
    site = Site.find_for_request(request)
    if site is not None and not hasattr(request, ROUTE_ATTRIBUTE):
        setattr(request, ROUTE_ATTRIBUTE, routing.route(request, site, path))
    return wagtail_views.serve(request, path)


def site_lookup_in_one_query():
    """Make Wagtail's site lookup (`get_site_for_hostname`, behind `Site.find_for_request`, run
    on every request) read the same rows with SQL written once (ciso/rows.py) instead of
    building its query anew each time: 1.8 ms of Python for a query that PostgreSQL answers
    in 0.1 ms, measured with nothing cached. Same sites, same order, same choice among them."""
    ORIGINALS["get_site_for_hostname"] = wagtail_sites.get_site_for_hostname

    def get_site_for_hostname(hostname, port):
        site, page = rows.columns(Site), rows.columns(Page)
        found = rows.fetch(
            f"SELECT {site.sql}, {page.sql}, CASE "
            'WHEN "wagtailcore_site"."hostname" = %s AND "wagtailcore_site"."port" = %s THEN %s '
            'WHEN "wagtailcore_site"."hostname" = %s AND "wagtailcore_site"."is_default_site" '
            'THEN %s WHEN "wagtailcore_site"."is_default_site" THEN %s ELSE %s END AS "match" '
            'FROM "wagtailcore_site" JOIN "wagtailcore_page" '
            'ON "wagtailcore_page"."id" = "wagtailcore_site"."root_page_id" '
            'WHERE "wagtailcore_site"."hostname" = %s OR "wagtailcore_site"."is_default_site" '
            'ORDER BY "match"',
            [
                *(hostname, port, wagtail_sites.MATCH_HOSTNAME_PORT),
                *(hostname, wagtail_sites.MATCH_HOSTNAME_DEFAULT),
                *(wagtail_sites.MATCH_DEFAULT, wagtail_sites.MATCH_HOSTNAME),
                hostname,
            ],
            site,
            page,
        )
        sites = []
        for candidate, root_page, match in found:
            candidate.root_page, candidate.match = root_page, match
            sites.append(candidate)
        # Wagtail's choice among them, as the original makes it.
        if sites:
            if len(sites) == 1 or sites[0].match in (
                wagtail_sites.MATCH_HOSTNAME_PORT,
                wagtail_sites.MATCH_HOSTNAME_DEFAULT,
            ):
                return sites[0]
            if sites[0].match == wagtail_sites.MATCH_DEFAULT:
                return sites[len(sites) == 2]
        raise Site.DoesNotExist()

    wagtail_sites.get_site_for_hostname = get_site_for_hostname


def site_root_paths_per_language():
    """Make wagtail-modeltranslation keep a request's site root paths (what every page
    address is worked out from) for each language, instead of for the last one asked: a page
    links to itself in both languages (the language switcher, the hreflang links), and each
    switch read them again from the default cache, Redis in production: five reads a page,
    two now (one a language)."""
    original = ORIGINALS["_new_get_site_root_paths"] = (
        modeltranslation_patches._new_get_site_root_paths
    )

    def _get_site_root_paths(self, request=None):
        holder = request if request else self
        kept = holder.__dict__.setdefault("_site_root_paths_by_language", {})
        language = translation.get_language()
        if language not in kept:
            kept[language] = original(self, request)
        return kept[language]

    for model in (Page, *get_page_models()):
        if model.__dict__.get("_get_site_root_paths") is original:
            model._get_site_root_paths = _get_site_root_paths


def chooser_blocks_read_with_rows():
    """Make the StreamField blocks that choose a page, a document or an image read the chosen
    objects with SQL written once (ciso/rows.py) instead of `in_bulk`, whose query Django
    builds anew for every block type of every page shown: some forty columns for a page
    (an eighth of the achievements page's instructions). Same objects, same order, the same
    copy for an object chosen twice; any other model, or a value that is not a number, goes
    Wagtail's way."""
    original = ORIGINALS["ChooserBlock.bulk_to_python"] = ChooserBlock.bulk_to_python
    models = (Page, get_document_model(), get_image_model())

    def bulk_to_python(self, values):
        model = self.model_class
        if model not in models or not all(v is None or type(v) is int for v in values):
            return original(self, values)
        wanted = sorted({v for v in values if v is not None})
        found = {}
        if wanted:
            part = rows.columns(model)
            table = connection.ops.quote_name(model._meta.db_table)
            pk = connection.ops.quote_name(model._meta.pk.column)
            found = {
                obj.pk: obj
                for (obj,) in rows.fetch(
                    f"SELECT {part.sql} FROM {table} WHERE {table}.{pk} = ANY(%s)", [wanted], part
                )
            }
        seen, result = set(), []
        for value in values:
            obj = found.get(value)
            if obj is not None and value in seen:
                obj = copy.copy(obj)  # as Wagtail does: each choice its own instance
            result.append(obj)
            seen.add(value)
        return result

    ChooserBlock.bulk_to_python = bulk_to_python


def clusterable_rows_without_relation_lookup():
    """Make modelcluster's model constructor skip its search for child relations among the
    keyword arguments when there are none: every page read from the database is built with
    positional values only (`Model.from_db`), and the search walked the model's fields on
    each of them (about 20 µs a page, some 180 pages on the home page)."""
    original = ORIGINALS["ClusterableModel.__init__"] = ClusterableModel.__init__

    def __init__(self, *args, **kwargs):
        if kwargs:
            original(self, *args, **kwargs)
        else:
            super(ClusterableModel, self).__init__(*args)

    ClusterableModel.__init__ = __init__


# Spreadsheet programs run a cell that begins with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value):
    """A CSV cell that spreadsheet programs show as text instead of running it: one that
    begins like a formula gets a leading apostrophe (OWASP's advice on CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def csv_downloads_without_formulas():
    """Make every CSV download of the admin (the Translations report, Wagtail's reports and
    listings: SpreadsheetExportMixin) go through spreadsheet_text. Wagtail's Excel files already
    keep such cells as text, but its CSV files write them verbatim (Wagtail leaves the risk to
    the spreadsheet program), and a title an editor typed must not run a formula on the
    computer of whoever opens the report."""

    preprocess = ORIGINALS["preprocess_field_value"] = SpreadsheetExportMixin.preprocess_field_value

    def preprocess_field_value(self, field, value, export_format):
        value = preprocess(self, field, value, export_format)
        return spreadsheet_text(value) if export_format == self.FORMAT_CSV else value

    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value


def chooser_without_inline_script():
    """Make Wagtail's chooser widgets (page, image, document, snippet, task) start their
    JavaScript from an inert <template> element, read by static/js/admin-csp.js, instead of
    the inline <script> that BaseChooser.render writes in Python (no template to override)."""

    def render(self, name, value, attrs=None, renderer=None):
        try:
            id_ = attrs["id"]
        except (KeyError, TypeError) as e:
            raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from e
        value_data = self.get_value_data(value)
        widget_html = self.render_html(name, value_data, attrs)
        if isinstance(self, AdminTaskChooser):
            # Its render_js_init is `createTaskChooser(id)`.
            init = format_html(
                '<template data-ciso-init="createTaskChooser" data-ciso-target="{}"></template>',
                id_,
            )
        else:
            options = self.get_js_init_options(id_, name, value_data)
            init = format_html(
                '<template data-ciso-init="{}" data-ciso-target="{}" data-ciso-config="{}">'
                "</template>",
                self.js_constructor,
                id_,
                json.dumps(options),
            )
        return format_html("{}{}", widget_html, init)

    ORIGINALS["BaseChooser.render"] = BaseChooser.render
    BaseChooser.render = render


# Wagtail's labels translated at import, that this admin shows: (module, object, path to the
# label, English source). A path goes through attributes, dictionary keys and list indexes.
# (Wagtail has more, on screens this site does not offer: images in rich text, the image URL
# generator.)
WAGTAIL_IMPORT_TIME_LABELS = [
    # Every chooser modal and widget (images, documents, snippets): its tabs and buttons.
    ("wagtail.admin.viewsets.chooser", "ChooserViewSet", "choose_one_text", "Choose"),
    ("wagtail.admin.viewsets.chooser", "ChooserViewSet", "choose_another_text", "Choose another"),
    ("wagtail.admin.viewsets.chooser", "ChooserViewSet", "edit_item_text", "Edit"),
    ("wagtail.admin.viewsets.chooser", "ChooserViewSet", "search_tab_label", "Search"),
    ("wagtail.admin.viewsets.chooser", "ChooserViewSet", "create_action_label", "Create"),
    # The image permissions of a group (its edit form).
    ("wagtail.images.forms", "GroupImagePermissionFormSet", "permission_types.0.1", "Add"),
    (
        "wagtail.images.forms",
        "GroupImagePermissionFormSet",
        "permission_types.0.2",
        "Add/edit images you own",
    ),
    ("wagtail.images.forms", "GroupImagePermissionFormSet", "permission_types.1.1", "Edit"),
    (
        "wagtail.images.forms",
        "GroupImagePermissionFormSet",
        "permission_types.1.2",
        "Edit any image",
    ),
    ("wagtail.images.forms", "GroupImagePermissionFormSet", "permission_types.2.1", "Choose"),
    (
        "wagtail.images.forms",
        "GroupImagePermissionFormSet",
        "permission_types.2.2",
        "Select images in choosers",
    ),
    # The collection permissions of a group.
    (
        "wagtail.admin.forms.collections",
        "GroupCollectionManagementPermissionFormSet",
        "permission_types.0.1",
        "Add",
    ),
    (
        "wagtail.admin.forms.collections",
        "GroupCollectionManagementPermissionFormSet",
        "permission_types.0.2",
        "Add collections",
    ),
    (
        "wagtail.admin.forms.collections",
        "GroupCollectionManagementPermissionFormSet",
        "permission_types.1.1",
        "Edit",
    ),
    (
        "wagtail.admin.forms.collections",
        "GroupCollectionManagementPermissionFormSet",
        "permission_types.1.2",
        "Edit collections",
    ),
    (
        "wagtail.admin.forms.collections",
        "GroupCollectionManagementPermissionFormSet",
        "permission_types.2.1",
        "Delete",
    ),
    (
        "wagtail.admin.forms.collections",
        "GroupCollectionManagementPermissionFormSet",
        "permission_types.2.2",
        "Delete collections",
    ),
    # The snippets a workflow applies to: a label Wagtail forgot (Django shows "Content types").
    (
        "wagtail.admin.forms.workflows",
        "WorkflowContentTypeForm",
        "base_fields.content_types.label",
        "content types",
    ),
    # The comment of a moderator's approval or rejection.
    ("wagtail.forms", "TaskStateCommentForm", "base_fields.comment.label", "Comment"),
    # The redirects listing: its filter and the headings of its export.
    (
        "wagtail.contrib.redirects.filters",
        "RedirectsReportFilterSet",
        "base_filters.is_permanent.label",
        "Type",
    ),
    (
        "wagtail.contrib.redirects.filters",
        "RedirectsReportFilterSet",
        "base_filters.is_permanent.extra.choices.0.1",
        "Permanent",
    ),
    (
        "wagtail.contrib.redirects.filters",
        "RedirectsReportFilterSet",
        "base_filters.is_permanent.extra.choices.1.1",
        "Temporary",
    ),
    (
        "wagtail.contrib.redirects.filters",
        "RedirectsReportFilterSet",
        "base_filters.is_permanent.extra.empty_label",
        "All",
    ),
    ("wagtail.contrib.redirects.views", "IndexView", "export_headings.old_path", "From"),
    ("wagtail.contrib.redirects.views", "IndexView", "export_headings.site", "Site"),
    ("wagtail.contrib.redirects.views", "IndexView", "export_headings.link", "To"),
    (
        "wagtail.contrib.redirects.views",
        "IndexView",
        "export_headings.get_is_permanent_display",
        "Type",
    ),
]

# What translate_import_time_labels found, by entry: the value Wagtail had made.
replaced = ORIGINALS.setdefault("import-time labels", {})


def translate_import_time_labels():
    """Replace each label of WAGTAIL_IMPORT_TIME_LABELS by its lazy translation.

    Run from AppConfig.ready(), before the admin's viewsets are built (they copy some of
    these labels into the views and widgets they make)."""

    for entry in WAGTAIL_IMPORT_TIME_LABELS:
        module, name, path, source = entry
        owner, steps = getattr(import_module(module), name), path.split(".")
        value = owner
        for step in steps:
            value = _step(value, step)
        replaced[entry] = value
        _replace(owner, steps, capfirst(gettext_lazy(source)))


def _step(container, step):
    if isinstance(container, (list, tuple)):
        return container[int(step)]
    if isinstance(container, dict):
        return container[step]
    return getattr(container, step)


def _replace(container, steps, value):
    """Put `value` at `steps` under `container`; a tuple on the way is rebuilt (choices and
    permission types are tuples), so the container returned may be a new one."""
    step, *rest = steps
    if rest:
        value = _replace(_step(container, step), rest, value)
    if isinstance(container, tuple):
        items = list(container)
        items[int(step)] = value
        return tuple(items)
    if isinstance(container, list):
        container[int(step)] = value
    elif isinstance(container, dict):
        container[step] = value
    else:
        setattr(container, step, value)
    return container


def modeltranslation_settings_without_inline_script():
    """The admin's Content-Security-Policy forbids inline scripts (README.md, Security), and
    wagtail-modeltranslation hands its settings to its editor scripts through one: its hook is
    taken out of Wagtail's registry (which has no public way to remove a hook) and replaced by
    an inert JSON block read by a static file, registered first so that it runs before the
    package's scripts (its replacement: `modeltranslation_settings_js`, ciso/wagtail_hooks.py)."""

    ORIGINALS["translation_settings"] = modeltranslation_hooks.translation_settings
    hooks._hooks["insert_editor_js"] = [
        (fn, order)
        for fn, order in hooks._hooks.get("insert_editor_js", [])
        if fn is not modeltranslation_hooks.translation_settings
    ]


def brand_gunicorn_errors():
    """Make a gunicorn worker answer the requests it refuses with the site's pages."""

    bare = ORIGINALS["write_error"] = util.write_error

    def write_error(sock, status_int, reason, mesg):
        try:
            body = servers.page(status_int).encode()
        except Exception:  # gunicorn's bare page rather than no answer at all
            logger.exception("The error page for %s could not be rendered", status_int)
            return bare(sock, status_int, reason, mesg)
        head = (
            f"HTTP/1.1 {status_int} {reason}\r\n"
            "Connection: close\r\n"
            "Content-Type: text/html; charset=utf-8\r\n"
            f"Content-Length: {len(body)}\r\n"
            "\r\n"
        )
        util.write_nonblock(sock, head.encode("latin-1") + body)

    util.write_error = write_error


def apply():
    """The patches of Django's process (not gunicorn's: `brand_gunicorn_errors`)."""
    translate_import_time_labels()
    site_lookup_in_one_query()
    site_root_paths_per_language()
    chooser_blocks_read_with_rows()
    clusterable_rows_without_relation_lookup()
    chooser_without_inline_script()
    csv_downloads_without_formulas()
    modeltranslation_settings_without_inline_script()
