"""The patches of ciso/patches.py: each replaced object is still the one the patch was written
for. A failure here after an upgrade means: read the new version of that object, then change
the patch (or drop it, if the library now does the right thing) and its fingerprint below."""

import hashlib
import inspect
from unittest.mock import ANY

import pytest
from django.urls import resolve
from django.utils import translation
from gunicorn import util
from modelcluster.models import ClusterableModel
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.blocks import PageChooserBlock
from wagtail.blocks.field_block import ChooserBlock
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.models import Page, Site
from wagtail.models import sites as wagtail_sites

from ciso import patches
from history.models import HistoryPage, Milestone

# name in patches.ORIGINALS → (module, qualified name, sha256 of its source, first 16 digits),
# as the versions pinned in requirements.txt have them.
FINGERPRINTS = {
    "route_for_request": ("wagtail.models.pages", "Page.route_for_request", "5530d229b2de42ba"),
    "BaseChooser.render": (
        "wagtail.admin.widgets.chooser",
        "BaseChooser.render",
        "810cfc10654a354c",
    ),
    "preprocess_field_value": (
        "wagtail.admin.views.mixins",
        "SpreadsheetExportMixin.preprocess_field_value",
        "9929e55f29ea4dfa",
    ),
    "translation_settings": (
        "wagtail_modeltranslation.wagtail_hooks",
        "translation_settings",
        "b708fd68dfe7b319",
    ),
    "write_error": ("gunicorn.util", "write_error", "bd0143a03c15a2c8"),
    "ClusterableModel.__init__": (
        "modelcluster.models",
        "ClusterableModel.__init__",
        "65554d2ea22731e3",
    ),
    "get_site_for_hostname": (
        "wagtail.models.sites",
        "get_site_for_hostname",
        "a6457f6fff48bb96",
    ),
    "ChooserBlock.bulk_to_python": (
        "wagtail.blocks.field_block",
        "ChooserBlock.bulk_to_python",
        "3204b32b24da9b89",
    ),
    "_new_get_site_root_paths": (
        "wagtail_modeltranslation.patch_wagtailadmin",
        "_new_get_site_root_paths",
        "aca20c30130731a7",
    ),
}


def replaced(name):
    if name == "write_error":  # patched in gunicorn's workers only
        return patches.ORIGINALS.get(name, util.write_error)
    if name == "route_for_request":  # not replaced: read where it keeps a request's route
        return Page.route_for_request
    return patches.ORIGINALS[name]


@pytest.mark.parametrize("name", FINGERPRINTS)
def test_what_each_patch_replaces_is_unchanged(name):
    module, qualname, fingerprint = FINGERPRINTS[name]
    original = replaced(name)
    assert (original.__module__, original.__qualname__) == (module, qualname)
    source = inspect.getsource(original)
    assert hashlib.sha256(source.encode()).hexdigest()[:16] == fingerprint, (
        f"{module}.{qualname} changed: read it again before keeping ciso/patches.py's patch"
    )


def test_every_patch_is_fingerprinted():
    callables = {name for name, value in patches.ORIGINALS.items() if callable(value)}
    assert callables | {"write_error", "route_for_request"} == set(FINGERPRINTS)


def test_the_patches_are_in_place():
    from wagtail import hooks
    from wagtail.admin.views.mixins import SpreadsheetExportMixin
    from wagtail.admin.widgets import BaseChooser

    assert BaseChooser.render is not patches.ORIGINALS["BaseChooser.render"]
    assert (
        SpreadsheetExportMixin.preprocess_field_value
        is not patches.ORIGINALS["preprocess_field_value"]
    )
    editor_js = hooks.get_hooks("insert_editor_js")
    assert patches.ORIGINALS["translation_settings"] not in editor_js
    assert wagtail_sites.get_site_for_hostname is not patches.ORIGINALS["get_site_for_hostname"]
    assert ClusterableModel.__init__ is not patches.ORIGINALS["ClusterableModel.__init__"]
    assert ChooserBlock.bulk_to_python is not patches.ORIGINALS["ChooserBlock.bulk_to_python"]
    for model in (Page, HistoryPage):
        assert model._get_site_root_paths is not patches.ORIGINALS["_new_get_site_root_paths"]


@pytest.mark.django_db
def test_a_page_built_with_its_child_objects_still_gets_them():
    # What the patch leaves to modelcluster: child relations given to the constructor.
    milestone = Milestone(year=1975, title_fr="Fondation")
    page = HistoryPage(title_fr="Historique", milestones=[milestone])
    assert list(page.milestones.all()) == [milestone]
    assert HistoryPage(title_fr="Historique").milestones.count() == 0


# Sites and requests where Wagtail's choice differs: (hostname, port, is_default) of each site,
# then the (hostname, port) of a request.
SITES = [
    ("ciso.qc.ca", 80, True),
    ("ciso.qc.ca", 8080, False),
    ("en.ciso.qc.ca", 80, False),
    ("other.example", 80, False),
    ("other.example", 8000, False),
]
REQUESTS = [
    ("ciso.qc.ca", 80),
    ("ciso.qc.ca", 8080),
    ("ciso.qc.ca", 443),
    ("en.ciso.qc.ca", 80),
    ("en.ciso.qc.ca", 9000),
    ("other.example", 8000),
    ("other.example", 9000),
    ("unknown.example", 80),
]


@pytest.mark.django_db
@pytest.mark.parametrize("default_site", [True, False])
def test_the_site_lookup_chooses_as_wagtail_does(default_site):
    root = Page.objects.get(depth=1)
    Site.objects.all().delete()
    for hostname, port, is_default in SITES:
        Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=root,
            is_default_site=is_default and default_site,
        )
    wagtails, ours = patches.ORIGINALS["get_site_for_hostname"], wagtail_sites.get_site_for_hostname
    for hostname, port in REQUESTS:
        try:
            expected = wagtails(hostname, port)
        except Site.DoesNotExist:
            with pytest.raises(Site.DoesNotExist):
                ours(hostname, port)
            continue
        found = ours(hostname, port)
        assert (found.pk, found.match) == (expected.pk, expected.match), (hostname, port)
        # The root page comes with it, as Wagtail's select_related brings it.
        assert found.root_page.__dict__ == expected.root_page.__dict__ | {"_state": ANY}


@pytest.mark.django_db
def test_wagtail_reads_the_route_of_a_request_where_the_page_view_leaves_it(
    rf, django_assert_num_queries
):
    request = rf.get("/fr/nulle-part/")
    route = object()
    setattr(request, patches.ROUTE_ATTRIBUTE, route)
    with django_assert_num_queries(0):  # neither the site nor the pages are looked up
        assert Page.route_for_request(request, "nulle-part/") is route


@pytest.mark.django_db
def test_wagtail_keeps_the_route_it_found_there(rf):
    request = rf.get("/fr/")
    result = Page.route_for_request(request, "")
    assert getattr(request, patches.ROUTE_ATTRIBUTE) is result
    assert result.page.slug_fr == "accueil"


def test_the_page_view_replaces_wagtails_at_its_address():
    pattern = next(p for p in wagtail_urls.urlpatterns if p.name == "wagtail_serve")
    assert pattern.callback is wagtail_views.serve
    assert pattern.pattern.regex.pattern == wagtail_urls.serve_pattern
    for language, url in [("fr", "/fr/"), ("fr", "/fr/historique/"), ("en", "/en/projects/")]:
        with translation.override(language):
            assert resolve(url).func is patches.serve


@pytest.mark.django_db
def test_a_request_reads_the_site_root_paths_once_a_language(rf, monkeypatch):
    from wagtail_modeltranslation import patch_wagtailadmin

    reads = []
    original = patch_wagtailadmin._localized_site_get_site_root_paths

    def read():
        reads.append(translation.get_language())
        return original()

    monkeypatch.setattr(patch_wagtailadmin, "_localized_site_get_site_root_paths", read)
    page = HistoryPage.objects.get()
    request = rf.get("/fr/")
    urls = []
    # Back and forth, as the language switcher and the hreflang links go.
    for language in ("fr", "en", "fr", "en"):
        with translation.override(language):
            urls.append(page.get_url(request))
    assert urls == ["/fr/historique/", "/en/history/"] * 2
    assert reads == ["fr", "en"]


def state(obj):
    """What an instance holds, but for Django's bookkeeping."""
    return None if obj is None else {k: v for k, v in vars(obj).items() if k != "_state"}


@pytest.mark.django_db
@pytest.mark.parametrize("block", [PageChooserBlock(), DocumentChooserBlock()])
def test_chooser_blocks_get_the_objects_wagtail_would_give_them(block, django_assert_num_queries):
    model = block.model_class
    if model is get_document_model() and not model.objects.exists():
        pytest.fail("the initial content has documents")
    ids = list(model.objects.order_by("pk").values_list("pk", flat=True)[:3])
    # Chosen twice, left empty, or chosen and deleted since (an id that no longer exists).
    values = [ids[-1], None, ids[0], ids[-1], 999_999, *ids]
    with django_assert_num_queries(1):
        ours = block.bulk_to_python(values)
    wagtails = patches.ORIGINALS["ChooserBlock.bulk_to_python"](block, values)
    assert [state(o) for o in ours] == [state(o) for o in wagtails]
    assert [type(o) for o in ours] == [type(o) for o in wagtails]
    # Each choice its own instance, as Wagtail gives them.
    assert ours[0] is not ours[3] and ours[0] == ours[3]
    assert block.bulk_to_python([None]) == [None]


@pytest.mark.django_db
def test_chooser_blocks_leave_other_values_to_wagtail():
    block, page = PageChooserBlock(), Page.objects.get(depth=2)
    values = [str(page.pk), page.pk]  # a text id (never stored so, but Wagtail's to judge)
    wagtails = patches.ORIGINALS["ChooserBlock.bulk_to_python"](block, values)
    assert [state(o) for o in block.bulk_to_python(values)] == [state(o) for o in wagtails]
