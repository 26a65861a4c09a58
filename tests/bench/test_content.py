"""The benchmark's content generator (tests/bench/content.py)."""

import pytest
from django.utils import translation

from events.models import EventIndexPage, EventPage
from events.selectors import upcoming
from history.models import HistoryPage, Milestone
from news.models import NewsArticlePage
from projects.models import ProjectPage
from tests.bench.content import generate


@pytest.mark.django_db
def test_generate_adds_live_projects_and_milestones_that_the_site_serves(client):
    projects, milestones = ProjectPage.objects.count(), Milestone.objects.count()
    articles, events = NewsArticlePage.objects.count(), EventPage.objects.count()
    generate(projects=7, milestones=4, articles=5, events=12)
    assert NewsArticlePage.objects.count() == articles + 5
    assert EventPage.objects.count() == events + 12
    assert client.get("/fr/nouvelles/").status_code == client.get("/en/events/").status_code == 200
    assert len(upcoming(EventIndexPage.objects.get())) == 1  # one in ten to come
    assert ProjectPage.objects.count() == projects + 7
    assert Milestone.objects.count() == milestones + 4
    assert HistoryPage.objects.get().milestones.count() == milestones + 4
    added = list(ProjectPage.objects.order_by("-id")[:7])
    assert all(project.live for project in added)
    assert len({project.country_id for project in added}) > 1
    assert {project.status for project in added} >= {"completed", ""}
    project = added[0]
    for language, title in (("fr", project.title_fr), ("en", project.title_en)):
        with translation.override(language):
            response = client.get(project.url)
        assert response.status_code == 200, language
        assert title in response.content.decode()
