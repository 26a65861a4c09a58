"""Staff edit the site-wide pages in the Wagtail admin, in both languages."""

import pytest
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from ciso.models import StandardPage

pytestmark = pytest.mark.django_db


def test_admin_login_page_loads(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert b'name="username"' in response.content


def test_admin_requires_sign_in(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_edit_view_shows_both_languages(staff_client):
    page = StandardPage.objects.get(slug_fr="mission-et-actions")
    response = staff_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    content = response.content.decode()
    for field in ("title_fr", "title_en", "slug_fr", "slug_en", "intro_fr", "intro_en"):
        assert f'name="{field}"' in content, field


def test_staff_publish_an_edit_in_both_languages(staff_client):
    page = StandardPage.objects.get(slug_fr="rqic")
    data = nested_form_data(
        {
            "title_fr": "RQIC (archives)",
            "title_en": "RQIC (archive)",
            "slug_fr": "rqic",
            "slug_en": "rqic-archive",
            "intro_fr": "Texte français revu.",
            "intro_en": "Revised English text.",
            "body_fr": streamfield([("paragraph", rich_text("<p>Corps en français.</p>"))]),
            "body_en": streamfield([("paragraph", rich_text("<p>English body.</p>"))]),
            "action-publish": "publish",
        }
    )
    response = staff_client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    page.refresh_from_db()
    assert page.title_en == "RQIC (archive)"
    fr = staff_client.get("/fr/rqic/").content.decode()
    en = staff_client.get("/en/rqic-archive/").content.decode()
    assert "Corps en français." in fr and "Texte français revu." in fr
    assert "English body." in en and "Revised English text." in en


def test_site_settings_are_editable_in_both_languages(staff_client):
    response = staff_client.get("/admin/settings/ciso/sitesettings/", follow=True)
    assert response.status_code == 200
    content = response.content.decode()
    for field in ("tagline_fr", "tagline_en", "footer_text_fr", "footer_text_en"):
        assert f'name="{field}"' in content, field


@pytest.mark.parametrize(
    ("mode", "lang", "text"), [("fr", "fr", "Brouillon français."), ("en", "en", "English draft.")]
)
def test_preview_a_draft_in_each_language(staff_client, mode, lang, text):
    page = StandardPage.objects.get(slug_fr="rqic")
    preview_url = f"/admin/pages/{page.pk}/edit/preview/"
    data = nested_form_data(
        {
            "title_fr": page.title_fr,
            "title_en": page.title_en,
            "slug_fr": page.slug_fr,
            "slug_en": page.slug_en,
            "intro_fr": "Brouillon français.",
            "intro_en": "English draft.",
            "body_fr": streamfield([]),
            "body_en": streamfield([]),
        }
    )
    assert staff_client.post(preview_url, data).json()["is_valid"] is True
    content = staff_client.get(f"{preview_url}?mode={mode}").content.decode()
    assert f'<html lang="{lang}">' in content
    assert text in content
    # The draft is not live.
    assert (
        text not in staff_client.get("/en/rqic/" if lang == "en" else "/fr/rqic/").content.decode()
    )


def test_revision_comparison_shows_both_languages(staff_client):
    page = StandardPage.objects.get(slug_fr="rqic")
    first = page.latest_revision
    page.title_fr = "RQIC (titre revu)"
    page.title_en = "RQIC (revised title)"
    second = page.save_revision()
    url = f"/admin/pages/{page.pk}/revisions/compare/{first.pk}...{second.pk}/"
    content = staff_client.get(url).content.decode()
    assert "RQIC (titre revu)" in content and "RQIC (revised title)" in content


def test_scheduled_publishing_publishes_both_languages(client):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    page = StandardPage.objects.get(slug_fr="rqic")
    page.intro_fr = "Introduction programmée."
    page.intro_en = "Scheduled introduction."
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = page.save_revision()
    revision.publish()  # with a future go-live date: scheduled, not live
    assert "Scheduled introduction." not in client.get("/en/rqic/").content.decode()

    # An hour later: the go-live time has passed.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.refresh_from_db()
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    call_command("publish_scheduled", stdout=__import__("io").StringIO())
    assert "Scheduled introduction." in client.get("/en/rqic/").content.decode()
    assert "Introduction programmée." in client.get("/fr/rqic/").content.decode()


def test_staff_edit_the_home_pages_hero_and_sections_in_both_languages(staff_client):
    from ciso.models import HomePage

    home = HomePage.objects.get()
    content = staff_client.get(f"/admin/pages/{home.pk}/edit/").content.decode()
    for field in ("hero_heading_fr", "hero_heading_en", "hero_text_en", "image_alt_en"):
        assert f'name="{field}"' in content, field
    mission = StandardPage.objects.get(slug_fr="mission-et-actions")
    figures = {
        "heading": "En chiffres",
        "figures": streamfield([("item", {"value": "1975", "label": "fondation"})]),
        "page": "",
        "link_label": "",
    }
    data = nested_form_data(
        {
            "title_fr": home.title_fr,
            "title_en": home.title_en,
            "slug_fr": home.slug_fr,
            "slug_en": home.slug_en,
            "hero_heading_fr": "Ensemble, ici et ailleurs",
            "hero_heading_en": "Together, here and abroad",
            "hero_text_fr": "",
            "hero_text_en": "",
            "hero_actions_fr": streamfield(
                [("action", {"label": "Agir", "page": mission.pk, "url": "", "style": "primary"})]
            ),
            "hero_actions_en": streamfield(
                [
                    (
                        "action",
                        {
                            "label": "Act",
                            "page": "",
                            "url": "https://example.org/",
                            "style": "secondary",
                        },
                    )
                ]
            ),
            "image": "",
            "image_alt_fr": "",
            "image_alt_en": "",
            "intro_fr": rich_text(""),
            "intro_en": rich_text(""),
            "body_fr": streamfield([("figures", figures)]),
            "body_en": streamfield([]),
            "action-publish": "publish",
        }
    )
    response = staff_client.post(f"/admin/pages/{home.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    fr = staff_client.get("/fr/").content.decode()
    en = staff_client.get("/en/").content.decode()
    assert "Ensemble, ici et ailleurs" in fr and 'href="/fr/mission-et-actions/"' in fr
    assert "En chiffres" in fr and "fondation" in fr
    assert "Together, here and abroad" in en and 'href="https://example.org/"' in en


def test_a_hero_button_needs_a_page_or_an_address(staff_client):
    from ciso.models import HomePage

    home = HomePage.objects.get()
    data = nested_form_data(
        {
            "title_fr": home.title_fr,
            "title_en": home.title_en,
            "slug_fr": home.slug_fr,
            "slug_en": home.slug_en,
            "hero_actions_fr": streamfield(
                [("action", {"label": "Agir", "page": "", "url": "", "style": "primary"})]
            ),
            "hero_actions_en": streamfield([]),
            "intro_fr": rich_text(""),
            "intro_en": rich_text(""),
            "body_fr": streamfield([]),
            "body_en": streamfield([]),
            "action-publish": "publish",
        }
    )
    response = staff_client.post(f"/admin/pages/{home.pk}/edit/", data)
    assert response.status_code == 200  # the form again, with the error
    assert "Choisissez une page ou saisissez une adresse." in response.content.decode()  # fr admin
    home.refresh_from_db()
    assert home.hero_actions_fr[0].value["label"] != "Agir"
