"""The fragment cache (settings.CISO_FRAGMENT_CACHE): the routes of pages served and the
costly parts of pages (bodies, timeline, figures, project cards) are kept under the content
version, so that what staff publish shows at once, and a preview always shows the draft."""

import pickle
from types import SimpleNamespace

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ciso import chrome
from ciso.models import SiteSettings, StandardPage
from history.models import HistoryPage
from projects.models import Country, ProjectPage

pytestmark = pytest.mark.django_db

MISSION_FR = "/fr/mission-et-actions/"
PAGES = [
    "/fr/",
    MISSION_FR,
    "/fr/historique/",
    "/en/achievements/",
    "/fr/projets/",
    "/en/projects/?status=completed",
    "/fr/projets/pays/haiti/",
    "/en/projects/konbit-democratic-haiti/",
]


@pytest.fixture(autouse=True)
def fragments_on(settings):
    settings.CACHES = {
        **settings.CACHES,
        "fragments": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "test-fragments",
            "TIMEOUT": 60,
        },
    }
    caches["fragments"].clear()
    yield
    caches["fragments"].clear()


def queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured), response.content.decode()


@pytest.mark.parametrize("path", PAGES)
def test_a_page_served_again_is_the_same_and_costs_fewer_queries(client, path):
    cold, first = queries(client, path)
    warm, second = queries(client, path)
    assert second == first
    assert warm < cold, (cold, warm)


def test_publishing_a_page_shows_at_once(client):
    client.get(MISSION_FR)
    page = StandardPage.objects.get(slug_fr="mission-et-actions")
    page.title_fr = "Notre mission, revue"
    page.intro_fr = "Une introduction toute neuve."
    page.save_revision().publish()
    html = client.get(MISSION_FR).content.decode()
    assert "Notre mission, revue" in html and "Une introduction toute neuve." in html


def test_a_milestone_published_with_its_page_shows_at_once(client):
    client.get("/fr/historique/")
    page = HistoryPage.objects.get()
    milestones = list(page.milestones.all())
    milestones[0].title_fr = "Un jalon réécrit"
    page.milestones = milestones  # as the editor's form does
    page.save_revision().publish()
    assert "Un jalon réécrit" in client.get("/fr/historique/").content.decode()


def test_a_country_renamed_shows_on_the_cards_at_once(client):
    client.get("/fr/projets/")
    haiti = Country.objects.get(iso_code="HT")
    haiti.name_fr = "Ayiti"
    haiti.save_revision().publish()
    html = client.get("/fr/projets/").content.decode()
    assert "Ayiti ·" in html  # a card's country line


def test_site_settings_changed_show_at_once(client):
    client.get("/fr/")
    site_settings = SiteSettings.objects.get()
    site_settings.tagline_fr = "Une devise toute neuve"
    site_settings.save()
    assert "Une devise toute neuve" in client.get("/fr/").content.decode()


def test_a_preview_shows_the_draft_not_the_kept_content(client):
    client.get(MISSION_FR)
    page = StandardPage.objects.get(slug_fr="mission-et-actions")
    page.title_fr = "Titre du brouillon"
    page.save_revision()
    draft = page.get_latest_revision_as_object()
    preview = draft.make_preview_request().content.decode()
    assert "Titre du brouillon" in preview
    # Visitors still get the published page.
    assert "Titre du brouillon" not in client.get(MISSION_FR).content.decode()


def test_unpublishing_a_page_makes_its_address_a_404_at_once(client):
    path = "/en/projects/konbit-democratic-haiti/"
    assert client.get(path).status_code == 200
    ProjectPage.objects.get(slug_en="konbit-democratic-haiti").unpublish()
    assert client.get(path).status_code == 404


def test_addresses_that_lead_nowhere_are_not_kept(client):
    client.get("/fr/projets/pays/haiti/")
    kept = len(caches["fragments"]._cache)
    for n in range(30):
        assert client.get(f"/fr/projets/pays/nulle-part-{n}/").status_code == 404
        assert client.get(f"/fr/page-inconnue-{n}/").status_code == 404
    assert len(caches["fragments"]._cache) == kept


def test_a_change_made_through_another_worker_shows_at_once(client, settings):
    """With caches in each process's memory, the content version is a file that every worker
    reads: a change handled by another gunicorn worker (which replaced the file; nothing ran
    here) still hides what this process kept."""
    settings.WAGTAIL_CACHE = True  # the page cache too
    caches["pages"].clear()
    assert client.get(MISSION_FR).status_code == 200
    assert client.get(MISSION_FR)["X-Page-Cache"] == "hit"
    StandardPage.objects.filter(slug_fr="mission-et-actions").update(
        title_fr="Changé par un autre processus"
    )
    chrome._write_version_file()  # what the other worker's signal did
    response = client.get(MISSION_FR)
    assert response["X-Page-Cache"] == "miss"
    assert "Changé par un autre processus" in response.content.decode()


def test_each_language_lists_the_projects_in_the_order_of_its_own_titles(client, html):
    from projects.models import ProjectIndexPage
    from tests.projects.factories import add_project

    index = ProjectIndexPage.objects.get()
    cuba = Country.objects.get(iso_code="CU")
    add_project(index, country=cuba, start_year=2030, title_fr="Aaa projet", title_en="Zzz project")
    add_project(index, country=cuba, start_year=2030, title_fr="Bbb projet", title_en="Yyy project")

    def first_two(path):
        doc = html(client.get(path))
        return [a.get_text() for a in doc.select(".project-card__title a")][:2]

    assert first_two("/fr/projets/") == ["Aaa projet", "Bbb projet"]
    assert first_two("/en/projects/") == ["Yyy project", "Zzz project"]


def test_nothing_kept_is_used_while_the_content_version_cannot_be_read(client, monkeypatch):
    """Redis not answering (or the version file unreadable): a version that no change would
    ever move must not be used, or a page unpublished since could come back."""
    queries(client, MISSION_FR)
    warm, _html = queries(client, MISSION_FR)  # route and content kept
    monkeypatch.setattr(chrome, "content_version", lambda: None)
    first, _html = queries(client, MISSION_FR)
    again, _html = queries(client, MISSION_FR)
    assert again == first > warm


def test_a_kept_route_that_cannot_be_read_is_walked_again(client, monkeypatch):
    from ciso import routing

    client.get(MISSION_FR)

    def unreadable(data):
        raise ModuleNotFoundError("kept by another version of the code")

    monkeypatch.setattr(routing, "pickle", SimpleNamespace(loads=unreadable, dumps=pickle.dumps))
    assert "Mission" in client.get(MISSION_FR).content.decode()


def test_the_footer_and_brand_follow_the_language_and_the_settings(client):
    english = client.get("/en/").content.decode()
    french = client.get("/fr/").content.decode()
    assert ">Contact<" in english and 'href="/en/"' in english.split("</header>")[0]
    assert 'href="/fr/"' in french.split("</header>")[0]
    site_settings = SiteSettings.objects.get()
    site_settings.email = "nouvelle-adresse@example.org"
    site_settings.save()
    assert "nouvelle-adresse@example.org" in client.get("/en/").content.decode()
