"""The FR/EN interface catalogues are complete and their compiled files are up to date."""

import gettext
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def _messages(language):
    with open(LOCALE / language / "LC_MESSAGES" / "django.po", "rb") as po:
        return [m for m in read_po(po) if m.id]


def _translated(message):
    return all(message.string) if message.pluralizable else bool(message.string)


def test_every_interface_string_has_a_french_translation():
    untranslated = [m.id for m in _messages("fr") if m.fuzzy or not _translated(m)]
    assert untranslated == []


@pytest.mark.parametrize("language", ["fr", "en"])
def test_compiled_catalogue_matches_its_source(language):
    """A .po edited without `make messages` would ship stale strings: the .mo must match."""
    with open(LOCALE / language / "LC_MESSAGES" / "django.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    for message in _messages(language):
        if message.fuzzy or not _translated(message):
            continue
        if message.pluralizable:
            singular, plural = message.id
            assert compiled.ngettext(singular, plural, 1) == message.string[0], singular
            assert compiled.ngettext(singular, plural, 5) == message.string[-1], plural
        else:
            assert compiled.gettext(message.id) == message.string, message.id


def test_both_catalogues_hold_the_same_strings():
    assert {str(m.id) for m in _messages("fr")} == {str(m.id) for m in _messages("en")}


def test_french_interface_strings_follow_french_typography():
    """A narrow no-break space (U+202F) before : ; ! ? and inside « », never an ordinary space
    that would let the punctuation start a line, nor no space at all."""
    with open(LOCALE / "fr" / "LC_MESSAGES" / "django.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    wrong = [
        text
        for key, text in compiled._catalog.items()
        if key  # not the header
        and (
            re.search(r"[ \u00a0][:;!?»]|«[ \u00a0]", text)
            or re.search(r"[^\s\u202f][;!?»]|«[^\u202f]|[^\s\u202f]: ", text)
        )
    ]
    assert wrong == []
