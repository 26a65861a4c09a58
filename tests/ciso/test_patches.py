"""The patches of ciso/patches.py: each replaced object is still the one the patch was written
for. A failure here after an upgrade means: read the new version of that object, then change
the patch (or drop it, if the library now does the right thing) and its fingerprint below."""

import hashlib
import inspect

import pytest
from gunicorn import util

from ciso import patches

# name in patches.ORIGINALS → (module, qualified name, sha256 of its source, first 16 digits),
# as the versions pinned in requirements.txt have them.
FINGERPRINTS = {
    "route": ("wagtail_modeltranslation.patch_wagtailadmin", "_new_route", "deccc0c8975a2a9e"),
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
}


def replaced(name):
    if name == "write_error":  # patched in gunicorn's workers only
        return patches.ORIGINALS.get(name, util.write_error)
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
    assert callables | {"write_error"} == set(FINGERPRINTS)


def test_the_patches_are_in_place():
    from wagtail import hooks
    from wagtail.admin.views.mixins import SpreadsheetExportMixin
    from wagtail.admin.widgets import BaseChooser

    from ciso.models import HomePage

    assert HomePage.route is not patches.ORIGINALS["route"]
    assert BaseChooser.render is not patches.ORIGINALS["BaseChooser.render"]
    assert (
        SpreadsheetExportMixin.preprocess_field_value
        is not patches.ORIGINALS["preprocess_field_value"]
    )
    editor_js = hooks.get_hooks("insert_editor_js")
    assert patches.ORIGINALS["translation_settings"] not in editor_js
