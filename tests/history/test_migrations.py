"""The data migration that retires the figure kind that counted the website's project pages."""

import importlib

import pytest
from django.apps import apps

from history.models import AchievementsPage, Figure
from projects.models import ProjectPage

pytestmark = pytest.mark.django_db

migration = importlib.import_module("history.migrations.0003_no_figure_about_the_website")

SEEDED = {
    "label_fr": "projets de coopération présentés sur ce site",
    "label_en": "cooperation projects presented on this site",
}
STAFF = {"label_fr": "projets menés avec nos partenaires", "label_en": "projects with partners"}


@pytest.fixture
def older_page():
    """The achievements page as an older site has it: the figure we seeded, and one that staff
    made from the same kind, in the rows and in the latest revision."""
    page = AchievementsPage.objects.get()
    page.figures.add(Figure(qualifier="exact", source="projects", **SEEDED))
    page.figures.add(Figure(qualifier="exact", source="projects", **STAFF))
    page.save_revision().publish()
    return page


def figures_of(page):
    rows = {f.label_fr: (f.source, f.number) for f in Figure.objects.filter(page=page)}
    revision = page.revisions.latest("pk").content["figures"]  # not the cached latest_revision
    kept = {f["label_fr"]: (f["source"], f["number"]) for f in revision}
    return rows, kept


def test_the_seeded_figure_goes_and_a_staff_figure_keeps_the_number_it_showed(older_page):
    page = older_page
    shown = ProjectPage.objects.live().count()  # what the figure showed
    others = Figure.objects.filter(page=page).exclude(source="projects").count()

    migration.retire_the_projects_kind(apps, None)

    rows, kept = figures_of(page)
    assert rows == kept
    assert SEEDED["label_fr"] not in rows
    assert rows[STAFF["label_fr"]] == ("", shown)
    assert len(rows) == others + 1
    assert not Figure.objects.filter(source="projects").exists()


def test_running_it_on_a_site_without_such_figures_changes_nothing():
    page = AchievementsPage.objects.get()
    before = figures_of(page)
    migration.retire_the_projects_kind(apps, None)
    assert figures_of(page) == before
