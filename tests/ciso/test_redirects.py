"""Changing a slug keeps the old address working, in the language whose slug changed."""

import pytest

from ciso.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def mission():
    return StandardPage.objects.get(slug_fr="mission-et-actions")


def publish(page, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()


def test_french_slug_change_redirects_the_french_address_only(client, mission):
    publish(mission, slug_fr="notre-mission")
    response = client.get("/fr/mission-et-actions/")
    assert response.status_code == 301
    assert response["Location"] == "/fr/notre-mission/"
    assert client.get("/fr/notre-mission/").status_code == 200
    assert client.get("/en/mission-and-activities/").status_code == 200


def test_english_slug_change_redirects_the_english_address(client, mission):
    publish(mission, slug_en="our-mission")
    response = client.get("/en/mission-and-activities/")
    assert response.status_code == 301
    assert response["Location"] == "/en/our-mission/"
    assert client.get("/fr/mission-et-actions/").status_code == 200


def test_both_slugs_and_the_pages_below_follow(client, mission):
    child = mission.add_child(
        instance=StandardPage(
            title_fr="Éducation", title_en="Education", slug_fr="education", slug_en="training"
        )
    )
    child.save_revision().publish()
    publish(StandardPage.objects.get(pk=mission.pk), slug_fr="mission", slug_en="mission-en")
    expected = {
        "/fr/mission-et-actions/": "/fr/mission/",
        "/en/mission-and-activities/": "/en/mission-en/",
        "/fr/mission-et-actions/education/": "/fr/mission/education/",
        "/en/mission-and-activities/training/": "/en/mission-en/training/",
    }
    for old, new in expected.items():
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, new), old
        assert client.get(new).status_code == 200, new


def test_a_country_slug_change_redirects_its_page(client):
    from projects.models import Country

    haiti = Country.objects.get(iso_code="HT")
    haiti.slug_en = "republic-of-haiti"
    haiti.save_revision().publish()
    response = client.get("/en/projects/countries/haiti/")
    assert (response.status_code, response["Location"]) == (
        301,
        "/en/projects/countries/republic-of-haiti/",
    )
    assert client.get("/fr/projets/pays/haiti/").status_code == 200  # French slug unchanged

    # A second change: the oldest address leads straight to the newest, with no chain.
    haiti = Country.objects.get(pk=haiti.pk)
    haiti.slug_en = "ayiti"
    haiti.save_revision().publish()
    for old in ("/en/projects/countries/haiti/", "/en/projects/countries/republic-of-haiti/"):
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (
            301,
            "/en/projects/countries/ayiti/",
        ), old


def test_country_pages_follow_the_project_index(client):
    from projects.models import ProjectIndexPage

    index = ProjectIndexPage.objects.get()
    publish(index, slug_fr="cooperation")
    response = client.get("/fr/projets/pays/haiti/")
    assert (response.status_code, response["Location"]) == (301, "/fr/cooperation/pays/haiti/")
    assert client.get("/fr/cooperation/pays/haiti/").status_code == 200
    assert client.get("/en/projects/countries/haiti/").status_code == 200
