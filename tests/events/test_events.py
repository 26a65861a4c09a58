"""Events: when and where (Montréal's time), the index (upcoming soonest first, past by year,
moving on its own when an event ends), the .ics files and the calendar (RFC 5545), JSON-LD
Event, validation, queries that do not grow with the events."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from icalendar import Calendar

from events.models import TIME_ZONE, EventPage
from events.selectors import upcoming
from events.templatetags.event_tags import event_when
from tests.events.factories import add_event, in_days

pytestmark = pytest.mark.django_db


def titles(doc, section):
    return [t.get_text(strip=True) for t in doc.select(f"#{section} ~ ul .card__title")]


def test_the_initial_exhibition_is_a_past_event_with_nothing_invented():
    event = EventPage.objects.get(slug_fr="exposition-cinquantenaire")
    assert event.start_date == datetime.date(2025, 6, 3)
    assert event.place_name == "Écomusée du fier monde"
    assert event.all_day and not event.address and not event.registration_url
    assert event.kind.name_fr == "Exposition" and event.kind.name_en == "Exhibition"
    assert event.is_past()


def test_the_index_shows_the_upcoming_soonest_first_then_the_past_by_year(client, html):
    later = add_event(title_fr="Plus tard", start_date=in_days(30))
    soon = add_event(title_fr="Bientôt", start_date=in_days(2))
    add_event(title_fr="Brouillon", start_date=in_days(1), live=False)
    last_year = add_event(title_fr="L’an dernier", start_date=datetime.date(2024, 5, 1))
    doc = html(client.get("/fr/activites/"))
    upcoming_titles = [
        t.get_text(strip=True) for t in doc.select("#upcoming-heading ~ ul .card__title")
    ]
    assert upcoming_titles == [soon.title_fr, later.title_fr]
    years = [h.get_text() for h in doc.select(".event-index__year")]
    assert years == ["2025", "2024"]
    assert last_year.title_fr in doc.select_one("#past-heading").parent.get_text()
    assert "Brouillon" not in doc.get_text()


def test_an_event_that_ends_moves_to_the_past_without_a_publish(client, html):
    now = timezone.now().astimezone(TIME_ZONE)
    start = (now - datetime.timedelta(hours=2)).time().replace(microsecond=0)
    end_at = now + datetime.timedelta(hours=1)
    event = add_event(start_date=now.date(), start_time=start, end_time=end_at.time())
    if end_at.date() != now.date():  # near midnight: end tomorrow
        event.end_date = end_at.date()
        event.save()
    assert [e.pk for e in upcoming(event.get_parent())] == [event.pk]
    # An hour later, with nothing published, it is over.
    assert upcoming(event.get_parent(), now=end_at + datetime.timedelta(minutes=1)) == []
    # And the page cache keeps the list no longer than until then.
    response = client.get("/fr/activites/")
    assert 0 < response.valid_for <= 3600


def test_an_event_page_tells_when_where_and_how_to_take_part(client, html):
    event = add_event(
        start_date=datetime.date(2030, 6, 3),
        start_time=datetime.time(19),
        end_time=datetime.time(21, 30),
        place_name="Centre Saint-Pierre",
        address="1212, rue Panet\nMontréal (Québec)",
        online_url="https://meet.example.org/ciso",
        registration_url="https://forms.example.org/inscription",
        slug_en="evening-talk",
    )
    doc = html(client.get(event.url))
    facts = doc.select_one(".event-facts").get_text(" ", strip=True)
    assert "3 juin 2030, de 19 h à 21 h 30" in facts.replace("\u00a0", " ")
    assert "(heure de Montréal)" in facts and "1212, rue Panet" in facts
    assert doc.select_one('a.button[href="https://forms.example.org/inscription"]')
    assert doc.select_one(f'a[href="{event.url}ics/"]')
    english = html(client.get("/en/events/evening-talk/"))
    assert "3 June 2030, 7 to 9:30 p.m." in english.select_one(".event-facts").get_text(
        " ", strip=True
    ).replace("\u00a0", " ")
    scripts = [json.loads(s.string) for s in doc.select('script[type="application/ld+json"]')]
    data = next(s for s in scripts if s["@type"] == "Event")
    assert data["startDate"] == "2030-06-03T19:00:00-04:00"
    assert data["endDate"] == "2030-06-03T21:30:00-04:00"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [place["@type"] for place in data["location"]] == ["Place", "VirtualLocation"]
    assert data["organizer"]["name"] and data["offers"]["url"].startswith("https://forms.")


@pytest.mark.parametrize(
    ("fields", "french", "english"),
    [
        ({"start_date": datetime.date(2026, 6, 3)}, "3 juin 2026", "3 June 2026"),
        (
            {"start_date": datetime.date(2026, 6, 1), "end_date": datetime.date(2026, 6, 5)},
            "du 1er au 5 juin 2026",
            "1–5 June 2026",
        ),
        (
            {"start_date": datetime.date(2026, 5, 30), "end_date": datetime.date(2026, 6, 2)},
            "du 30 mai au 2 juin 2026",
            "30 May – 2 June 2026",
        ),
        (
            {"start_date": datetime.date(2026, 6, 3), "start_time": datetime.time(9, 30),
             "end_time": datetime.time(16)},
            "3 juin 2026, de 9 h 30 à 16 h",
            "3 June 2026, 9:30 a.m. to 4 p.m.",
        ),
    ],
)  # fmt: skip
def test_dates_and_times_read_as_montreal_writes_them(fields, french, english):
    event = EventPage(title="x", **fields)
    with translation.override("fr"):
        assert event_when(event).replace("\u00a0", " ") == french
    with translation.override("en"):
        assert event_when(event).replace("\u00a0", " ") == english


def test_an_event_cannot_end_before_it_starts():
    event = EventPage(
        title="x", start_date=datetime.date(2026, 6, 3), end_date=datetime.date(2026, 6, 1)
    )
    with pytest.raises(ValidationError) as raised:
        event.clean()
    assert "end_date" in raised.value.message_dict


def _calendar(client, url):
    response = client.get(url)
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content), response


def test_an_events_ics_file_is_valid_and_keeps_its_uid_across_edits(client):
    event = add_event(
        start_date=datetime.date(2030, 11, 4),
        start_time=datetime.time(18),
        end_time=datetime.time(20),
        title_en="Unions, solidarity; and more",
        place_name="Salle A, 2e étage",
        slug_en="ics-event",
    )
    cal, response = _calendar(client, "/en/events/ics-event/ics/")
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    (item,) = cal.walk("VEVENT")
    assert str(item["SUMMARY"]) == "Unions, solidarity; and more"
    assert b"Unions\\, solidarity\\; and more" in response.content  # escaped text (3.3.11)
    assert item["DTSTART"].dt == datetime.datetime(2030, 11, 4, 18, tzinfo=TIME_ZONE)
    assert item["DTSTART"].params["TZID"] == "America/Toronto"
    assert cal.walk("VTIMEZONE")[0]["TZID"] == "America/Toronto"
    assert item["DTSTAMP"] and item["UID"]
    first_uid = str(item["UID"])
    event.title_en = "A new title"
    event.start_date = datetime.date(2030, 11, 5)
    event.save_revision().publish()
    cal, _response = _calendar(client, "/en/events/ics-event/ics/")
    assert str(cal.walk("VEVENT")[0]["UID"]) == first_uid


def test_a_whole_day_event_is_dates_in_its_ics_file(client):
    add_event(
        start_date=datetime.date(2030, 5, 1), end_date=datetime.date(2030, 5, 3), slug_en="days"
    )
    cal, _response = _calendar(client, "/en/events/days/ics/")
    item = cal.walk("VEVENT")[0]
    assert item["DTSTART"].dt == datetime.date(2030, 5, 1)
    assert item["DTEND"].dt == datetime.date(2030, 5, 4)  # the day after the last (3.6.1)


@pytest.mark.parametrize("url", ["/fr/activites/calendrier/", "/en/events/calendar/"])
def test_the_calendar_holds_the_upcoming_events_in_its_language(client, url):
    add_event(title_fr="À venir", title_en="Coming up", start_date=in_days(5))
    cal, _response = _calendar(client, url)
    summaries = [str(item["SUMMARY"]) for item in cal.walk("VEVENT")]
    assert summaries == (["À venir"] if url.startswith("/fr/") else ["Coming up"])


def test_the_index_costs_the_same_queries_with_10_and_200_events(client):
    def queries():
        client.get("/fr/activites/")
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/fr/activites/").status_code == 200
        return len(captured)

    for n in range(10):
        add_event(start_date=in_days(n + 1))
    before = queries()
    for n in range(190):
        add_event(start_date=datetime.date(2000, 1, 1) + datetime.timedelta(days=30 * n))
    assert queries() == before <= 10


def test_the_search_finds_events_and_filters_them(client, html):
    doc = html(client.get("/fr/recherche/", {"q": "Écomusée", "type": "event"}))
    found = [a["href"] for a in doc.select(".search-result__title a")]
    assert found == ["/fr/activites/exposition-cinquantenaire/"]


def _home_sections(html, client, language="fr"):
    return [h2.get_text() for h2 in html(client.get(f"/{language}/")).select("main h2")]


def test_the_home_page_shows_the_next_events_only_when_there_are(client, html, settings):
    # The initial content has none to come: no heading over nothing.
    assert "Prochaines activités" not in _home_sections(html, client)
    for n in range(4):
        add_event(title_fr=f"Prochaine {n}", start_date=in_days(3 + n))
    doc = html(client.get("/fr/"))
    section = next(h2 for h2 in doc.select("main h2") if h2.get_text() == "Prochaines activités")
    shown = [a.get_text() for a in section.parent.select(".event-list__title a")]
    assert shown == ["Prochaine 0", "Prochaine 1", "Prochaine 2"]  # the next three
    assert "Coming up" in _home_sections(html, client, "en")


def test_the_cached_home_page_lets_an_event_go_when_it_starts_or_ends(
    client, settings, monkeypatch
):
    from django.core.cache import caches

    settings.CISO_PAGE_CACHE = True
    kept = []
    pages = caches["pages"]
    original = type(pages).set
    monkeypatch.setattr(
        type(pages),
        "set",
        lambda self, key, value, *args, **kwargs: (
            kept.append(kwargs.get("timeout")),
            original(self, key, value, *args, **kwargs),
        )[1],
    )
    now = timezone.now().astimezone(TIME_ZONE)
    start = now + datetime.timedelta(minutes=30)
    add_event(start_date=start.date(), start_time=start.time().replace(microsecond=0))
    response = client.get("/fr/")
    assert response["X-Page-Cache"] == "miss"
    # Kept until the event starts, no longer.
    assert kept and 0 < kept[-1] <= 30 * 60
    client.get("/fr/mission-et-actions/")  # a page that does not change with the time
    assert kept[-1] is None


def test_the_home_page_still_costs_at_most_10_queries_with_events(client):
    for n in range(5):
        add_event(start_date=in_days(n + 1))
    client.get("/en/")
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/en/").status_code == 200
    assert len(captured) <= 10


@pytest.mark.parametrize(
    ("mode", "text"), [("fr", "Brouillon en français."), ("en", "An English draft.")]
)
def test_an_editor_writes_an_event_and_previews_it_in_each_language(client, mode, text):
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    from ciso.editorial.roles import EDITORS
    from events.models import EventIndexPage
    from tests.users import signed_in

    signed_in(client, "editor", "fr", EDITORS)
    index = EventIndexPage.objects.get()
    data = nested_form_data(
        {
            "title_fr": "Formation écrite dans l’admin",
            "title_en": "A training written in the admin",
            "slug_fr": "formation-admin",
            "slug_en": "admin-training",
            "start_date": "2030-03-05",
            "start_time": "18:30",
            "end_date": "",
            "end_time": "20:00",
            "place_name": "Centre Saint-Pierre",
            "summary_fr": "Brouillon en français.",
            "summary_en": "An English draft.",
            "body_fr": streamfield([]),
            "body_en": streamfield([]),
        }
    )
    add = f"/admin/pages/add/events/eventpage/{index.pk}/"
    response = client.post(add, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = EventPage.objects.get(slug_fr="formation-admin")
    assert not event.live  # a draft until published
    assert event.starts_at == datetime.datetime(2030, 3, 5, 18, 30, tzinfo=TIME_ZONE)
    preview = f"/admin/pages/{event.pk}/edit/preview/"
    assert client.post(preview, data).json()["is_valid"] is True
    content = client.get(f"{preview}?mode={mode}").content.decode()
    assert f'<html lang="{mode}">' in content and text in content
    # An end before the start is refused, in the editor's language.
    refused = client.post(add, {**data, "slug_fr": "autre", "end_time": "17:00"})
    assert refused.status_code == 200
    assert "ne peut pas finir avant de commencer" in refused.content.decode()


def test_a_start_without_an_end_publishes_no_end(client, html):
    event = add_event(
        start_date=datetime.date(2030, 2, 1), start_time=datetime.time(19), slug_en="no-end"
    )
    cal, _response = _calendar(client, "/en/events/no-end/ics/")
    item = cal.walk("VEVENT")[0]
    assert "DTEND" not in item and item["DTSTART"].dt.hour == 19
    doc = html(client.get(f"/fr/activites/{event.slug_fr}/"))
    data = next(
        json.loads(s.string)
        for s in doc.select('script[type="application/ld+json"]')
        if json.loads(s.string)["@type"] == "Event"
    )
    assert "endDate" not in data
    assert "1er février 2030, 19 h" in doc.select_one(".event-facts").get_text().replace(
        "\u00a0", " "
    )


def test_a_calendar_with_nothing_to_come_is_still_valid(client):
    cal, _response = _calendar(client, "/en/events/calendar/")
    assert not cal.walk("VEVENT") and cal.walk("VTIMEZONE")  # a component (RFC 5545, 3.6)
