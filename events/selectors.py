"""What the event pages show, each in a fixed number of queries however many events there are.

An event is upcoming until it is over (`EventPage.is_past`, at the time of the request): the
database tells the events by their last day in Montréal, and Python those of today."""

from django.db.models import Q
from django.utils import timezone

from ciso.queries import CARD_IMAGE_SPECS, image_renditions, public_pages
from events.models import TIME_ZONE, EventPage

PAST_PER_PAGE = 20


def events(index_page, pictures=True):
    """The live, public events of `index_page` (a query, not run yet), with their kind and,
    unless told, their picture and its renditions (a second query)."""
    # A list shows no body: its columns (long JSON to decode) are not read.
    found = public_pages(EventPage.objects.live().child_of(index_page)).defer(
        "body", "body_fr", "body_en"
    )
    if not pictures:
        return found.select_related("kind")
    return found.select_related("kind", "image").prefetch_related(
        image_renditions("image", *CARD_IMAGE_SPECS)
    )


def _last_day(lookup, day):
    """The events whose last day (its end date, or its start date) is `lookup` ("gte",
    "lte") `day`."""
    return Q(**{f"end_date__{lookup}": day}) | Q(
        end_date__isnull=True, **{f"start_date__{lookup}": day}
    )


def upcoming(index_page, now=None, pictures=True):
    """The events not over yet, soonest first: one query (and its renditions')."""
    now = now or timezone.now()
    today = now.astimezone(TIME_ZONE).date()
    found = events(index_page, pictures).filter(_last_day("gte", today))
    found = found.order_by("start_date", "start_time", "pk")
    return [event for event in found if not event.is_past(now)]


def past(index_page, now=None):
    """The events that are over, the latest first (a query, not run yet: paginated). Those of
    today that are not over yet are left out as the page is read (`is_past`)."""
    now = now or timezone.now()
    today = now.astimezone(TIME_ZONE).date()
    return (
        events(index_page)
        .filter(_last_day("lte", today))
        .order_by("-start_date", "-start_time", "-pk")
    )


def next_change(events_shown, now=None):
    """How many seconds a list of `events_shown` stays right: until the first of those not
    over yet is over, or starts (None when there is none)."""
    now = now or timezone.now()
    moments = [
        moment
        for event in events_shown
        for moment in (event.starts_at, event.ends_at)
        if moment > now
    ]
    if not moments:
        return None
    return max(1, int((min(moments) - now).total_seconds()))
