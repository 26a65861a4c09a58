"""Events as iCalendar (RFC 5545), with the `icalendar` library: one file per event, and the
calendar of the upcoming events that visitors subscribe to."""

import datetime

from django.utils import timezone
from icalendar import Calendar, Event, Timezone, vText
from wagtail.models import Site

from events.models import TIME_ZONE

PRODUCT = "-//CISO//Site web//FR"


def uid(event, request):
    """The same for an event whatever is edited (its title, its dates, its address), and
    however the site is reached: its page's id and the site's own host name."""
    return f"event-{event.pk}@{Site.find_for_request(request).hostname}"


def calendar(events, request, name=None):
    """The iCalendar text of `events`, in the active language."""
    cal = Calendar()
    cal.add("prodid", PRODUCT)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if name:
        cal.add("x-wr-calname", name)
        cal.add("x-wr-timezone", str(TIME_ZONE))
    stamp = timezone.now()
    for event in events:
        cal.add_component(_event(event, request, stamp))
    # The VTIMEZONE of America/Toronto, which the times name: always one, so that a calendar
    # with no event to come still has a component (RFC 5545, 3.6), over the years it covers.
    days = [e.start_date for e in events] + [e.last_day for e in events] + [stamp.date()]
    first = datetime.date(min(days).year, 1, 1)
    last = datetime.date(max(days).year + 1, 1, 1)
    cal.add_component(Timezone.from_tzinfo(TIME_ZONE, TIME_ZONE.key, first, last))
    return cal.to_ical()


def _event(event, request, stamp):
    item = Event()
    item.add("uid", uid(event, request))
    item.add("dtstamp", stamp)
    if event.all_day:
        item.add("dtstart", event.start_date)
        # DTEND of whole days is the day after the last one (RFC 5545, 3.6.1).
        item.add("dtend", event.last_day + datetime.timedelta(days=1))
    else:
        item.add("dtstart", event.starts_at)
        if event.has_end:  # a start alone is allowed (3.6.1): no end is made up
            item.add("dtend", event.ends_at)
    item.add("summary", event.title)
    item.add("description", event.summary)
    place = ", ".join(
        part
        for part in [event.place_name, *(line.strip() for line in event.address.splitlines())]
        if part
    )
    if place:
        item.add("location", vText(place))
    elif event.online_url:
        item.add("location", vText(event.online_url))
    item.add("url", request.build_absolute_uri(event.get_url(request)))
    if event.last_published_at:
        item.add("last-modified", event.last_published_at)
    return item
