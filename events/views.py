"""The events list, an event's page, its .ics file and the calendar of the upcoming events,
served by EventIndexPage and EventPage. What says "upcoming" is right at the time of the
request: the page cache keeps these pages no longer than until the next event starts or ends
(`caching.valid_for`)."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone

from ciso import caching
from events import calendars, selectors


def event_index(request, index_page):
    now = timezone.now()
    upcoming = selectors.upcoming(index_page, now)
    page_obj = Paginator(selectors.past(index_page, now), selectors.PAST_PER_PAGE).get_page(
        request.GET.get("page")
    )
    past = [event for event in page_obj.object_list if event.is_past(now)]
    years = {}
    for event in past:
        years.setdefault(event.start_date.year, []).append(event)
    context = index_page.get_context(request)
    context.update(
        {
            "upcoming": upcoming,
            "past_years": list(years.items()),
            "page_obj": page_obj,
            "calendar_url": index_page.calendar_url(request=request),
        }
    )
    response = TemplateResponse(request, "events/event_index_page.html", context)
    caching.valid_for(response, selectors.next_change([*upcoming, *page_obj.object_list], now))
    return caching.understood_query(response, page=page_obj.number if page_obj.number > 1 else None)


def event_page(request, event):
    now = timezone.now()
    context = event.get_context(request)
    context.update({"is_past": event.is_past(now), "ics_url": event.ics_url(request)})
    response = TemplateResponse(request, event.get_template(request), context)
    caching.valid_for(response, selectors.next_change([event], now))
    return response


def event_ics(request, event):
    response = HttpResponse(
        calendars.calendar([event], request), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


def calendar(request, index_page):
    now = timezone.now()
    upcoming = selectors.upcoming(index_page, now)
    response = HttpResponse(
        calendars.calendar(upcoming, request, name=index_page.title),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="calendar.ics"'
    caching.valid_for(response, selectors.next_change(upcoming, now))
    return caching.understood_query(response)
