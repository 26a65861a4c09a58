"""What staff may enter and where the project pages may live."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail_factories import ImageFactory

from ciso.models import HomePage, StandardPage
from projects.models import Country, ProjectIndexPage, ProjectPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def konbit():
    return ProjectPage.objects.get(slug_fr="konbit-haiti")


# Validation of what staff enter


def test_a_project_cannot_end_before_it_starts(konbit):
    konbit.end_year = 2008
    with pytest.raises(ValidationError) as error:
        konbit.full_clean()
    assert "end_year" in error.value.message_dict
    with translation.override("fr"):
        assert error.value.message_dict["end_year"] == [
            "Le projet ne peut pas finir avant de commencer."
        ]


@pytest.mark.parametrize(("start_year", "end_year"), [(2009, 2009), (2009, None), (2009, 2030)])
def test_valid_periods(konbit, start_year, end_year):
    konbit.start_year, konbit.end_year = start_year, end_year
    konbit.full_clean()


@pytest.mark.parametrize(
    ("field", "year"), [("start_year", 1899), ("start_year", 2201), ("end_year", 3000)]
)
def test_years_stay_within_sensible_bounds(konbit, field, year):
    setattr(konbit, field, year)
    with pytest.raises(ValidationError) as error:
        konbit.full_clean()
    assert field in error.value.message_dict


def test_main_image_needs_alt_text(konbit, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    konbit.image = ImageFactory()
    konbit.image_alt_fr = konbit.image_alt_en = ""
    with pytest.raises(ValidationError) as error:
        konbit.full_clean()
    assert set(error.value.message_dict) == {"image_alt_fr", "image_alt_en"}  # English title
    konbit.image_alt_fr = "Des militantes réunies à Port-au-Prince"
    with pytest.raises(ValidationError) as error:
        konbit.full_clean()
    assert set(error.value.message_dict) == {"image_alt_en"}
    konbit.image_alt_en = "Activists gathered in Port-au-Prince"
    konbit.full_clean()


def test_image_alt_text_is_shown_in_each_language(client, html, konbit, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    konbit.image = ImageFactory(width=1600, height=900)
    konbit.image_alt_fr = "Des militantes réunies"
    konbit.image_alt_en = "Activists gathered"
    konbit.save_revision().publish()
    assert html(client.get("/fr/projets/konbit-haiti/")).select_one("main figure img")["alt"] == (
        "Des militantes réunies"
    )
    en = html(client.get("/en/projects/konbit-democratic-haiti/"))
    assert en.select_one("main figure img")["alt"] == "Activists gathered"
    cards = html(client.get("/en/projects/")).select(".project-card")
    (picture,) = [card.picture for card in cards if "Konbit" in card.get_text()]
    card = picture.img
    assert card["alt"] == "Activists gathered"
    # WebP at two sizes, JPEG for the browsers without it; sized, so nothing shifts.
    assert len(card["srcset"].split(",")) == 2 and ".jpg" in card["src"]
    webp = picture.select_one('source[type="image/webp"]')
    assert len(webp["srcset"].split(",")) == 2 and ".webp" in webp["srcset"]
    assert card["width"] and card["height"]


def new_country(iso_code):
    return Country(
        name_fr="Sénégal",
        slug_fr="senegal",
        iso_code=iso_code,
        region="africa",
        latitude=14.5,
        longitude=-14.5,
    )


@pytest.mark.parametrize("iso_code", ["SEN", "S", "S1", "ÉT", ""])
def test_iso_code_is_two_letters(iso_code):
    with pytest.raises(ValidationError) as error:
        new_country(iso_code).full_clean()
    assert "iso_code" in error.value.message_dict


def test_iso_code_is_unique():
    with pytest.raises(ValidationError) as error:
        new_country("HT").full_clean()
    assert "iso_code" in error.value.message_dict


def test_lower_case_iso_code_is_capitalised():
    country = new_country("sn")
    country.full_clean()
    assert country.iso_code == "SN"


# What the project says of its years


@pytest.mark.parametrize(
    ("start_year", "end_year", "fr", "en"),
    [
        (2009, 2012, "2009–2012", "2009–2012"),
        (2016, 2016, "2016", "2016"),
        (2020, None, "Depuis 2020", "Since 2020"),
    ],
)
def test_period(start_year, end_year, fr, en):
    project = ProjectPage(start_year=start_year, end_year=end_year)
    with translation.override("fr"):
        assert str(project.period) == fr
    with translation.override("en"):
        assert str(project.period) == en


def test_names_and_slugs_are_translated():
    mexico = Country.objects.get(iso_code="MX")
    with translation.override("fr"):
        assert (mexico.name, mexico.slug, str(mexico)) == ("Mexique", "mexique", "Mexique")
    with translation.override("en"):
        assert (mexico.name, mexico.slug, str(mexico)) == ("Mexico", "mexico", "Mexico")


def test_partner_is_named_with_its_acronym():
    partners = {str(partner) for partner in Country.objects.get(iso_code="HT").partners.all()}
    assert partners == {
        "Antèn Ouvriye",
        "Institut culturel Karl Lévêque (ICKL)",
        "Plateforme haïtienne de plaidoyer pour un développement alternatif (PAPDA)",
    }


# Where the pages may live


def test_project_index_lives_once_under_the_home_page():
    home = HomePage.objects.get()
    standard = StandardPage.objects.get(slug_fr="mission-et-actions")
    index = ProjectIndexPage.objects.get()
    assert ProjectIndexPage in HomePage.allowed_subpage_models()
    assert not ProjectIndexPage.can_create_at(home)  # one per site: it exists already
    assert not ProjectIndexPage.can_create_at(standard)
    assert not ProjectIndexPage.can_create_at(index)
    assert index.allowed_subpage_models() == [ProjectPage]


def test_a_project_index_may_be_created_when_there_is_none():
    home = HomePage.objects.get()
    ProjectIndexPage.objects.get().delete()
    assert ProjectIndexPage.can_create_at(home)
    assert not ProjectIndexPage.can_create_at(StandardPage.objects.get(slug_fr="rqic"))


def test_projects_live_only_under_the_project_index():
    index = ProjectIndexPage.objects.get()
    konbit = ProjectPage.objects.get(slug_fr="konbit-haiti")
    assert ProjectPage.can_create_at(index)
    assert not ProjectPage.can_create_at(HomePage.objects.get())
    assert not ProjectPage.can_create_at(StandardPage.objects.get(slug_fr="mission-et-actions"))
    assert not ProjectPage.can_create_at(konbit)
    assert ProjectPage.allowed_subpage_models() == []
    assert ProjectPage.allowed_parent_page_models() == [ProjectIndexPage]
    assert ProjectIndexPage.allowed_parent_page_models() == [HomePage]


def test_an_ongoing_project_cannot_have_ended_in_a_past_year(make_project):
    project = make_project(start_year=2000)
    project.status = "ongoing"
    project.end_year = 2005
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert "status" in error.value.message_dict


# What a publish of the index refreshes in the front cache (ciso/front_cache.py)


@pytest.mark.parametrize(
    ("language", "feed", "countries"), [("fr", "/flux/", "/pays/"), ("en", "/feed/", "/countries/")]
)
def test_the_project_index_names_its_feed_and_country_pages(index, language, feed, countries):
    Country.objects.create(
        name_fr="Bolivie", slug_fr="bolivie", slug_en="bolivia", iso_code="BO",
        region="latin_america", latitude=-16.5, longitude=-68.1, live=False,
    )  # fmt: skip
    with translation.override(language):
        paths = index.get_cached_paths()
        published = [country.slug for country in Country.objects.filter(live=True)]
    # The index, its feed, and each published country's page with this language's slug.
    assert paths[:2] == ["/", feed]
    assert sorted(paths[2:]) == sorted(f"{countries}{slug}/" for slug in published)
    assert f"{countries}haiti/" in paths
    assert not any("boliv" in path for path in paths)
