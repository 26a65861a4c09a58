"""Translation status: missing, out of date after a French edit, up to date again once the
English is saved; the report, its filters and CSV; the dashboard panel."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

from ciso.editorial import translation_status
from ciso.editorial.roles import TRANSLATORS
from ciso.models import StandardPage
from projects.models import Country

pytestmark = pytest.mark.django_db


def statuses(title):
    return {
        (row.field, row.language): row.status
        for row in translation_status.report_rows()
        if row.title == title
    }


@pytest.fixture
def rqic():
    return StandardPage.objects.get(slug_fr="rqic")


def test_initial_content_is_fully_translated():
    assert translation_status.report_rows() == []


def test_missing_english_and_missing_french(rqic):
    rqic.intro_en = ""
    rqic.search_description_fr = ""
    rqic.save_revision()  # a draft counts: it is what translators work on
    assert statuses(rqic.title) == {
        ("intro", "en"): "missing",
        ("search_description", "fr"): "missing",
    }


def test_out_of_date_after_a_french_edit_then_up_to_date_after_the_english(rqic):
    rqic.intro_fr = "Nouvelle introduction."
    rqic.save_revision().publish()
    assert statuses(rqic.title) == {("intro", "en"): "out_of_date"}

    rqic = StandardPage.objects.get(pk=rqic.pk)
    rqic.intro_en = "New introduction."
    rqic.save_revision().publish()
    assert statuses(rqic.title) == {}


def test_a_streamfield_edit_is_detected(rqic):
    rqic.body_fr = [{"type": "paragraph", "value": "<p>Texte revu.</p>"}]
    rqic.save_revision().publish()
    assert statuses(rqic.title) == {("body", "en"): "out_of_date"}


def test_snippets_too():
    cuba = Country.objects.get(iso_code="CU")
    cuba.name_fr = "République de Cuba"
    cuba.save()
    assert statuses("République de Cuba") == {("name", "en"): "out_of_date"}
    cuba.name_en = "Republic of Cuba"
    cuba.save()
    assert statuses("République de Cuba") == {}


@pytest.fixture
def translator_client(client):
    user = get_user_model().objects.create_user("traductrice", password="pw")
    user.groups.add(Group.objects.get(name=TRANSLATORS))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"  # the admin in English, as this translator chose
    profile.save()
    client.force_login(user)
    return client


def _needs_work(rqic):
    rqic.intro_fr = "Nouvelle introduction."
    rqic.title_en = ""
    rqic.save_revision().publish()
    cuba = Country.objects.get(iso_code="CU")
    cuba.name_en = ""
    cuba.save()


def test_report_lists_what_needs_work_with_edit_links(translator_client, html, rqic):
    _needs_work(rqic)
    response = translator_client.get("/admin/reports/translations/")
    assert response.status_code == 200
    doc = html(response)
    rows = doc.select("table tbody tr")
    assert len(rows) == 3
    links = {a["href"] for a in doc.select("table tbody tr a")}
    assert f"/admin/pages/{rqic.pk}/edit/" in links
    assert any("/admin/snippets/projects/country/edit/" in link for link in links)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=missing", 2),
        ("status=out_of_date", 1),
        ("language=en", 3),
        ("language=fr", 0),
        ("section=Snippets+and+settings", 1),
        ("kind=standard+page&status=missing", 1),
    ],
)
def test_report_filters(translator_client, html, rqic, query, expected):
    _needs_work(rqic)
    doc = html(translator_client.get(f"/admin/reports/translations/results/?{query}"))
    assert len(doc.select("table tbody tr")) == expected


def test_report_exports_csv(translator_client, rqic):
    _needs_work(rqic)
    response = translator_client.get("/admin/reports/translations/?export=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0] == ["Item", "Type", "Section", "Field", "Language", "Status", "Edit"]
    assert len(rows) == 4
    assert {row[5] for row in rows[1:]} == {"Missing", "Out of date"}


def test_dashboard_panel_shows_the_counts(translator_client, html, rqic):
    _needs_work(rqic)
    panel = html(translator_client.get("/admin/")).select_one("#translation-status-heading")
    text = panel.find_parent("section").get_text(" ", strip=True)
    assert "2 texts missing" in text and "1 text out of date" in text


def test_milestones_and_figures_are_checked_too():
    from history.models import AchievementsPage, HistoryPage

    history = HistoryPage.objects.get()
    milestones = list(history.milestones.all())
    milestone = milestones[0]
    milestone.title_en = ""
    history.milestones = milestones
    history.save_revision()
    achievements = AchievementsPage.objects.get()
    figures = list(achievements.figures.all())
    figures[0].label_fr = "tournées de conférences avec des invité-e-s du Sud"
    achievements.figures = figures
    achievements.save_revision()
    rows = {(row.title, row.field, row.status) for row in translation_status.report_rows()}
    assert (f"{history.title} — {milestone}", "title", "missing") in rows
    assert any(title.startswith(achievements.title) and field == "label" and status == "out_of_date"
               for title, field, status in rows)  # fmt: skip


def test_a_translator_saving_the_english_unchanged_vouches_for_it(rqic):
    rqic.intro_fr = "Nouvelle introduction."
    rqic.save_revision().publish()
    assert statuses(rqic.title) == {("intro", "en"): "out_of_date"}
    translator = get_user_model().objects.create_user("relectrice", password="pw")
    translator.groups.add(Group.objects.get(name=TRANSLATORS))
    StandardPage.objects.get(pk=rqic.pk).save_revision(user=translator)  # English reviewed
    assert statuses(rqic.title) == {}


def test_an_invalid_filter_keeps_the_valid_ones(translator_client, html, rqic):
    _needs_work(rqic)
    doc = html(
        translator_client.get("/admin/reports/translations/results/?status=missing&language=zz")
    )
    assert len(doc.select("table tbody tr")) == 2


def test_history_notice_when_a_milestone_is_not_translated(client, html):
    from history.models import HistoryPage, Milestone

    history = HistoryPage.objects.get()
    history.milestones.add(Milestone(year=2010, title_fr="Séisme en Haïti"))
    history.save_revision().publish()
    doc = html(client.get("/en/history/"))
    assert doc.select_one(".notice--translation") is not None
