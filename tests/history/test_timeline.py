"""The timeline read from the database and from a preview's milestones in memory."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail_factories import ImageFactory

from ciso.models import StandardPage
from history import timeline
from history.models import HistoryPage, Milestone

pytestmark = pytest.mark.django_db

SHOWN = ["anchor", "iso_date", "date", "title", "title_lang", "text", "text_lang", "picture"]


def shown(entries):
    return [
        [getattr(entry, name) for name in SHOWN]
        + [entry.link and (entry.link["url"], entry.link["text"], entry.link["document"])]
        for entry in entries
    ]


@pytest.fixture
def long_history(settings, tmp_path):
    """The history page with 36 milestones over six decades, some with a picture, a link to a
    page or a document, some not translated."""
    settings.MEDIA_ROOT = tmp_path
    history = HistoryPage.objects.get()
    page = StandardPage.objects.get(slug_fr="mission-et-actions")
    document = get_document_model().objects.first()
    for i in range(31):
        history.milestones.add(
            Milestone(
                year=1970 + i * 2,
                month=i % 12 + 1 if i % 3 else None,
                day=i % 28 + 1 if i % 6 == 1 else None,
                title_fr=f"Jalon {i}",
                title_en=f"Step {i}" if i % 4 else "",
                text_fr=f"Texte {i}\nsur deux lignes" if i % 5 else "",
                image=ImageFactory() if i % 7 == 0 else None,
                image_alt_fr="Une photo",
                image_alt_en="A photo" if i % 2 else "",
                link_page=page if i % 3 == 0 else None,
                link_document=document if i % 3 == 1 else None,
                link_text_fr="Lire la suite" if i % 9 == 0 else "",
            )
        )
    history.save_revision().publish()
    return HistoryPage.objects.get()


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("decade", [None, "1980", "2030", "x"])
def test_a_preview_shows_the_timeline_as_the_live_page_does(long_history, language, decade):
    # A draft of the page as it is, as the admin previews it: its milestones in memory.
    preview = long_history.save_revision().as_object()
    assert preview.milestones.is_deferring
    with translation.override(language):
        live = timeline.for_page(long_history, decade)
        previewed = timeline.for_page(preview, decade)
    assert live.decades == previewed.decades and live.decades
    assert (live.decade, live.asked) == (previewed.decade, previewed.asked)
    assert shown(live.milestones) == shown(previewed.milestones)
    assert live.milestones


def test_the_timeline_costs_two_queries(long_history):
    timeline.for_page(long_history, "1970")  # the first view makes the renditions
    with CaptureQueriesContext(connection) as queries:
        entries = timeline.for_page(long_history, "1970").milestones
    assert len(queries) == 2
    assert [entry.iso_date for entry in entries][:3] == ["1970", "1972-02-02", "1974-03"]
    pictures = [entry.picture for entry in entries if entry.picture]
    assert pictures and all(p.startswith("<picture><source ") for p in pictures)
    assert any(".fill-320x240.format-webp" in p for p in pictures)
    links = [entry.link for entry in entries if entry.link]
    assert {link["text"] for link in links} >= {
        "Lire la suite",
        "Mission et actions",
        "Petite histoire d’un grand réseau de solidarité internationale",
    }
