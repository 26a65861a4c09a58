"""A page not yet translated into English shows the French, marked as French, with a notice."""

import pytest

from ciso.models import StandardPage
from history.models import HistoryPage
from projects.models import ProjectPage

pytestmark = pytest.mark.django_db

NOTICE = "This page is not fully translated yet: some passages are shown in French."


def test_untranslated_page_shows_french_marked_lang_fr_with_a_notice(client, html):
    page = StandardPage.objects.get(slug_fr="rqic")
    page.title_en = ""
    page.intro_en = ""
    page.body_en = []
    page.save_revision().publish()
    doc = html(client.get("/en/rqic/"))
    assert doc.html["lang"] == "en"
    assert doc.h1.get_text() == page.title_fr and doc.h1["lang"] == "fr"
    assert doc.select_one(".lead")["lang"] == "fr"
    body = doc.select_one(".page-body")
    assert body["lang"] == "fr" and "Le RQIC rassemblait" in body.get_text()
    assert doc.select_one(".notice--translation").get_text() == NOTICE


def test_translated_page_has_no_notice_and_no_lang_marks(client, html):
    doc = html(client.get("/en/rqic/"))
    assert doc.select_one(".notice--translation") is None
    assert "lang" not in doc.h1.attrs
    assert "lang" not in doc.select_one(".page-body").attrs


def test_french_page_never_shows_the_notice(client, html):
    page = StandardPage.objects.get(slug_fr="rqic")
    page.body_en = []
    page.save_revision().publish()
    assert html(client.get("/fr/rqic/")).select_one(".notice--translation") is None


@pytest.mark.parametrize(
    ("model", "lookup", "url", "field"),
    [
        (HistoryPage, {}, "/en/history/", "intro"),
        (
            ProjectPage,
            {"slug_fr": "konbit-haiti"},
            "/en/projects/konbit-democratic-haiti/",
            "summary",
        ),
    ],
)
def test_notice_on_other_page_types(client, html, model, lookup, url, field):
    page = model.objects.get(**lookup)
    setattr(page, f"{field}_en", "")
    page.save_revision().publish()
    doc = html(client.get(url))
    assert doc.select_one(".notice--translation").get_text() == NOTICE


def test_notice_is_in_french_when_english_is_shown_on_the_french_site(client, html):
    page = StandardPage.objects.get(slug_fr="rqic")
    page.intro_fr = ""
    page.save_revision().publish()
    doc = html(client.get("/fr/rqic/"))
    notice = doc.select_one(".notice--translation").get_text()
    assert notice == (
        "Cette page n’est pas encore entièrement traduite\u202f: certains passages sont "
        "affichés en anglais."
    )
    assert doc.select_one(".lead")["lang"] == "en"
