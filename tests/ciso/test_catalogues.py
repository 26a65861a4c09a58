"""The FR/EN interface catalogues are complete and their compiled files are up to date."""

import gettext
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def _messages(language):
    with open(LOCALE / language / "LC_MESSAGES" / "django.po", "rb") as po:
        return [m for m in read_po(po) if m.id]


def test_every_interface_string_has_a_french_translation():
    untranslated = [m.id for m in _messages("fr") if not m.string or m.fuzzy]
    assert untranslated == []


@pytest.mark.parametrize("language", ["fr", "en"])
def test_compiled_catalogue_matches_its_source(language):
    """A .po edited without `make messages` would ship stale strings: the .mo must match."""
    with open(LOCALE / language / "LC_MESSAGES" / "django.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    for message in _messages(language):
        if message.string and not message.fuzzy:
            msgid = message.id if isinstance(message.id, str) else message.id[0]
            msgstr = message.string if isinstance(message.string, str) else message.string[0]
            assert compiled.gettext(msgid) == msgstr, msgid


def test_both_catalogues_hold_the_same_strings():
    assert {str(m.id) for m in _messages("fr")} == {str(m.id) for m in _messages("en")}
