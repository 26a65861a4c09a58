"""The wording of achievement figures in each language."""

import pytest

from history.figures import ABOUT, EXACT, HUNDREDS, MANY, MORE_THAN, SEVERAL, headline, phrase


@pytest.mark.parametrize(
    ("qualifier", "number", "label", "expected"),
    [
        (MORE_THAN, 50, "tournées", "Plus d’une cinquantaine de tournées"),
        (ABOUT, 40, "stages de courte durée", "Une quarantaine de stages de courte durée"),
        (ABOUT, 10, "ateliers", "Une dizaine d’ateliers"),
        (ABOUT, 100, "invité-e-s", "Une centaine d’invité-e-s"),
        (ABOUT, 45, "stages", "Environ 45 stages"),
        (MORE_THAN, 1200, "formations", "Plus de 1\u202f200 formations"),
        (EXACT, 3, "colloques", "Trois colloques"),
        (EXACT, 51, "ans de solidarité", "51 ans de solidarité"),
        (EXACT, 1, "colloque", "1 colloque"),
        (SEVERAL, None, "missions d’observation", "Plusieurs missions d’observation"),
        (MANY, None, "colloques internationaux", "Un grand nombre de colloques internationaux"),
        (MANY, None, "échanges", "Un grand nombre d’échanges"),
        (HUNDREDS, None, "formations", "Plusieurs centaines de formations"),
    ],
)
def test_french_wording(qualifier, number, label, expected):
    assert phrase(qualifier, number, label, "fr") == expected


@pytest.mark.parametrize(
    ("qualifier", "number", "label", "expected"),
    [
        (MORE_THAN, 50, "speaking tours", "More than fifty speaking tours"),
        (ABOUT, 40, "short internships", "About forty short internships"),
        (ABOUT, 45, "internships", "About forty-five internships"),
        (ABOUT, 100, "guests", "About one hundred guests"),
        (MORE_THAN, 1200, "sessions", "More than 1,200 sessions"),
        (EXACT, 3, "colloquia", "Three colloquia"),
        (EXACT, 51, "years", "51 years"),
        (SEVERAL, None, "observation missions", "Several observation missions"),
        (MANY, None, "international conferences", "Many international conferences"),
        (HUNDREDS, None, "training sessions", "Several hundred training sessions"),
    ],
)
def test_english_wording(qualifier, number, label, expected):
    assert phrase(qualifier, number, label, "en") == expected


@pytest.mark.parametrize(
    ("qualifier", "number", "language", "expected"),
    [
        (MORE_THAN, 50, "fr", "50+"),
        (ABOUT, 40, "en", "About 40"),
        (ABOUT, 40, "fr", "Une quarantaine"),
        (ABOUT, 45, "fr", "Environ 45"),
        (ABOUT, 1200, "fr", "Environ 1\u202f200"),
        (EXACT, 1200, "fr", "1\u202f200"),
        (EXACT, 1200, "en", "1,200"),
        (SEVERAL, None, "fr", "Plusieurs"),
        (HUNDREDS, None, "en", "Hundreds"),
    ],
)
def test_headline(qualifier, number, language, expected):
    assert headline(qualifier, number, language) == expected


def test_unknown_qualifier_is_an_error():
    with pytest.raises(ValueError, match="Unknown qualifier"):
        phrase("roughly", 3, "things", "fr")


def test_no_computed_figure_counts_the_website_itself():
    """A figure says what the CISO has done: the number of pages of this site is not one."""
    from history.models import Figure

    assert {key for key, _label in Figure.SOURCE_CHOICES} == {
        "",
        "years_since_founding",
        "partner_countries",
    }
