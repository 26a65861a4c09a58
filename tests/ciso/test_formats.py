"""One date format per language, day before month in both (ciso/formats)."""

import datetime

import pytest
from django.utils import formats, translation

from ciso.templatetags.ciso_tags import partial_date

DAY = datetime.date(2025, 6, 3)


@pytest.mark.parametrize(
    ("language", "precision", "expected"),
    [
        ("fr", "day", "3 juin 2025"),
        ("fr", "month", "juin 2025"),
        ("fr", "year", "2025"),
        ("en", "day", "3 June 2025"),
        ("en", "month", "June 2025"),
        ("en", "year", "2025"),
    ],
)
def test_a_date_reads_the_same_way_everywhere_in_a_language(language, precision, expected):
    with translation.override(language):
        assert partial_date(DAY, precision) == expected


@pytest.mark.parametrize(("language", "expected"), [("fr", "1er juin 2025"), ("en", "1 June 2025")])
def test_french_writes_the_first_of_the_month_as_an_ordinal(language, expected):
    with translation.override(language):
        assert partial_date(datetime.date(2025, 6, 1), "day") == expected


@pytest.mark.parametrize(("language", "expected"), [("fr", "3 juin 2025"), ("en", "3 June 2025")])
def test_the_date_filter_uses_the_same_format(language, expected):
    """`{{ value|date }}` and `date_format` in a template or a feed show what the timeline does,
    not Django's American English "June 3, 2025"."""
    with translation.override(language):
        assert formats.date_format(DAY) == expected
        assert formats.date_format(DAY, "MONTH_DAY_FORMAT") == expected.rsplit(" ", 1)[0]
