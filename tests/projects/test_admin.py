"""Staff manage countries, partners and projects in the Wagtail admin, in both languages."""

import pytest
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from projects.models import Country, Partner, ProjectIndexPage, ProjectPage

pytestmark = pytest.mark.django_db


def test_country_snippet_edits_both_languages(staff_client):
    haiti = Country.objects.get(iso_code="HT")
    url = f"/admin/snippets/projects/country/edit/{haiti.pk}/"
    content = staff_client.get(url).content.decode()
    for field in ("name_fr", "name_en", "slug_fr", "slug_en", "iso_code"):
        assert f'name="{field}"' in content, field
    data = {
        "name_fr": "Haïti",
        "name_en": "Republic of Haiti",
        "slug_fr": "haiti",
        "slug_en": "republic-of-haiti",
        "iso_code": "ht",
        "region": "latin_america",
        "latitude": "19.0",
        "longitude": "-72.4",
    }
    # Saved as a draft: the public site keeps the published country.
    assert staff_client.post(url, data).status_code == 302
    haiti.refresh_from_db()
    assert haiti.name_en == "Haiti" and haiti.has_unpublished_changes
    assert staff_client.get("/en/projects/countries/haiti/").status_code == 200

    assert staff_client.post(url, {**data, "action-publish": "1"}).status_code == 302
    haiti.refresh_from_db()
    assert (haiti.name_en, haiti.iso_code) == ("Republic of Haiti", "HT")
    assert not haiti.has_unpublished_changes
    assert staff_client.get("/en/projects/countries/republic-of-haiti/").status_code == 200


def test_partner_snippet_list_and_edit(staff_client):
    assert staff_client.get("/admin/snippets/projects/partner/").status_code == 200
    fat = Partner.objects.get(acronym="FAT")
    content = staff_client.get(f"/admin/snippets/projects/partner/edit/{fat.pk}/").content
    assert b'name="description_fr"' in content and b'name="description_en"' in content


def test_staff_create_a_project_in_both_languages(staff_client):
    index = ProjectIndexPage.objects.get()
    mali = Country.objects.get(iso_code="ML")
    data = nested_form_data(
        {
            "title_fr": "Projet au Mali",
            "title_en": "Project in Mali",
            "slug_fr": "projet-mali",
            "slug_en": "project-mali",
            "summary_fr": "Résumé en français.",
            "summary_en": "Summary in English.",
            "country": mali.pk,
            "start_year": 2001,
            "end_year": 2004,
            "status": "completed",
            "funders_fr": "",
            "funders_en": "",
            "image_alt_fr": "",
            "image_alt_en": "",
            "body_fr": streamfield([("paragraph", rich_text("<p>Corps.</p>"))]),
            "body_en": streamfield([("paragraph", rich_text("<p>Body.</p>"))]),
            "documents_fr": streamfield([]),
            "documents_en": streamfield([]),
            "action-publish": "publish",
        }
    )
    response = staff_client.post(f"/admin/pages/add/projects/projectpage/{index.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors
    project = ProjectPage.objects.get(slug_fr="projet-mali")
    assert project.live
    assert "Summary in English." in staff_client.get("/en/projects/project-mali/").content.decode()
    assert "Projet au Mali" in staff_client.get("/fr/projets/pays/mali/").content.decode()
