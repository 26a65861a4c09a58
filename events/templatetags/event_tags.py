"""When an event happens, written as a Montréal reader expects it in each language: "du 3 au
5 juin 2025", "3 juin 2025, de 19 h à 21 h 30"; "3–5 June 2025", "3 June 2025, 7 to 9:30 p.m."."""

from django import template
from django.utils import formats, translation
from django.utils.translation import gettext as _

register = template.Library()


def _french_time(time):
    return f"{time.hour}\u00a0h" + (f"\u00a0{time.minute:02d}" if time.minute else "")


def _english_time(time, with_period=True):
    hour = time.hour % 12 or 12
    text = f"{hour}:{time.minute:02d}" if time.minute else str(hour)
    if not with_period:
        return text
    if time.hour == 12 and not time.minute:
        return "noon"
    return f"{text}\u00a0{'a.m.' if time.hour < 12 else 'p.m.'}"


def _day(date, with_year=True):
    """ "3 juin 2026", "1er juin 2026" (French's ordinal first day), "3 June 2026"."""
    if date.day == 1 and (translation.get_language() or "fr")[:2] == "fr":
        return "1er " + formats.date_format(date, "YEAR_MONTH_FORMAT" if with_year else "F")
    return formats.date_format(date, "DATE_FORMAT" if with_year else "MONTH_DAY_FORMAT")


def _days(start, end, french):
    """The days from `start` to `end`, with as little repeated as reads well."""
    if end is None or end == start:
        return _day(start)
    if start.year != end.year:
        first, last = _day(start), _day(end)
    elif start.month != end.month:
        first, last = _day(start, with_year=False), _day(end)
    elif french:
        first, last = _day(start).split()[0], _day(end)
    else:
        return f"{start.day}–{_day(end)}"
    return f"du {first} au {last}" if french else f"{first} – {last}"


@register.simple_tag
def event_when(event):
    french = (translation.get_language() or "fr")[:2] == "fr"
    start, end = event.start_date, event.end_date if event.end_date != event.start_date else None
    if event.all_day:
        return _days(start, end, french)
    time = _french_time if french else _english_time
    if end is None:
        if event.end_time is None:
            return f"{_day(start)}, {time(event.start_time)}"
        if french:
            span = f"de {time(event.start_time)} à {time(event.end_time)}"
        else:
            same_half = (event.start_time.hour < 12) == (event.end_time.hour < 12)
            first = _english_time(event.start_time, with_period=not same_half)
            span = f"{first} to {time(event.end_time)}"
        return f"{_day(start)}, {span}"
    first = f"{_day(start)}, {time(event.start_time)}"
    last = _day(end) + (f", {time(event.end_time)}" if event.end_time else "")
    return _("from %(start)s to %(end)s") % {"start": first, "end": last}
