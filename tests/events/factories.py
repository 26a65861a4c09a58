"""Events made for the tests, under the initial content's events page."""

import datetime
import itertools

from events.models import EventIndexPage, EventPage

_numbers = itertools.count()


def in_days(days):
    """The date `days` from today (negative: in the past)."""
    return datetime.date.today() + datetime.timedelta(days=days)


def add_event(*, start_date=None, live=True, **fields):
    """A live event under the events page, in both languages unless told."""
    n = next(_numbers)
    fields = {
        "title_fr": f"Activité d’essai {n}",
        "title_en": f"Test event {n}",
        "slug_fr": f"activite-essai-{n}",
        "slug_en": f"test-event-{n}",
        "summary_fr": "Une activité d’essai.",
        "summary_en": "A test event.",
        **fields,
    }
    return EventIndexPage.objects.get().add_child(
        instance=EventPage(start_date=start_date or in_days(10), live=live, **fields)
    )
