"""Events (Activités): trainings, speaking tours, conferences, exhibitions… Each has its time in
Montréal's time zone, a place or a link to join online, a way to register, and an .ics file;
the index lists the upcoming ones first and the past ones by year."""

import datetime
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from ciso.blocks import RichStreamBlock
from ciso.models import BilingualPreviewMixin, ImageWithAlt, ModeratedSnippet, ViewRestrictionsMixin
from ciso.templatetags.seo_tags import share_rendition

# The events' times are Montréal's (America/Montreal is this zone's older name).
TIME_ZONE = ZoneInfo("America/Toronto")


class EventKind(ModeratedSnippet):
    """A kind of event (formation, tournée, conférence, exposition…): a translated vocabulary."""

    name = models.CharField(verbose_name=_("name"), max_length=100)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="event_kind")

    panels = [FieldPanel("name")]

    class Meta:
        verbose_name = _("kind of event")
        verbose_name_plural = _("kinds of event")
        ordering = ["name"]

    def __str__(self):
        return self.name


class EventIndexPage(BilingualPreviewMixin, RoutablePageMixin, ViewRestrictionsMixin, Page):  # noqa: DJ008 (Page’s)
    """The events: the upcoming ones, soonest first, then the past ones by year; and a
    calendar of the upcoming ones to subscribe to, in each language."""

    intro = models.TextField(verbose_name=_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["ciso.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1
    calendar_paths = {"fr": "calendrier/", "en": "calendar/"}
    # How the home page shows it (ciso.blocks.SectionBlock): the next events, when there are.
    teaser_template = "events/teaser.html"
    TEASER_EVENTS = 3

    class Meta:
        verbose_name = _("events page")
        verbose_name_plural = _("events pages")

    def calendar_url(self, language=None, request=None):
        language = (language or translation.get_language() or "fr")[:2]
        with translation.override(language):
            return self.get_url(request) + self.calendar_paths[language]

    def get_cached_paths(self):
        language = (translation.get_language() or "fr")[:2]
        return ["/", "/" + self.calendar_paths[language]]

    def get_teaser_context(self, request):
        """The next events (without their pictures), or None when none is announced; the page
        that shows them is right only until the first of them starts or ends."""
        from ciso import caching
        from events.selectors import next_change, upcoming

        coming = upcoming(self, pictures=False)[: self.TEASER_EVENTS]
        if not coming:
            return None
        caching.valid_for(request, next_change(coming))
        return {"events": coming}

    @path("", name="index")
    def index_route(self, request):
        from events.views import event_index

        return event_index(request, self)

    @path("calendrier/", name="calendar_fr")
    @path("calendar/", name="calendar_en")
    def calendar_route(self, request):
        from events.views import calendar

        return calendar(request, self)


class EventPage(
    BilingualPreviewMixin, RoutablePageMixin, ViewRestrictionsMixin, ImageWithAlt, Page
):  # noqa: DJ008
    """An event: when (a day or days, with or without times), where (a place, or online), how
    to take part (a registration link), what kind, and what it is."""

    search_kind = "event"  # its filter on the site search's results (ciso/search/)

    kind = models.ForeignKey(
        EventKind,
        verbose_name=_("kind"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    start_date = models.DateField(verbose_name=_("start date"))
    start_time = models.TimeField(
        verbose_name=_("start time"),
        null=True,
        blank=True,
        help_text=_("Montreal time. Leave empty for an all-day event."),
    )
    end_date = models.DateField(
        verbose_name=_("end date"),
        null=True,
        blank=True,
        help_text=_("When it lasts several days."),
    )
    end_time = models.TimeField(verbose_name=_("end time"), null=True, blank=True)
    place_name = models.CharField(verbose_name=_("place"), max_length=200, blank=True)
    address = models.TextField(verbose_name=_("address"), blank=True)
    online_url = models.URLField(
        verbose_name=_("online link"),
        blank=True,
        help_text=_("Where to join when it happens online (with or without a place)."),
    )
    registration_url = models.URLField(verbose_name=_("registration"), blank=True)
    summary = models.TextField(
        verbose_name=_("summary"), help_text=_("Two or three sentences, shown in the lists too.")
    )
    body = StreamField(RichStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time")]),
                FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")]),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [FieldPanel("place_name"), FieldPanel("address"), FieldPanel("online_url")],
            heading=_("Where"),
        ),
        FieldPanel("registration_url"),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("place_name"),
        index.FilterField("start_date"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        errors = {}
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = _("The event cannot end before it starts.")
        if self.end_time and not self.start_time:
            errors["end_time"] = _("An end time needs a start time.")
        elif (
            self.end_time
            and (self.end_date or self.start_date) == self.start_date
            and self.end_time <= self.start_time
        ):
            errors["end_time"] = _("The event cannot end before it starts.")
        if errors:
            raise ValidationError(errors)

    @property
    def all_day(self):
        return self.start_time is None

    @property
    def last_day(self):
        return self.end_date or self.start_date

    @property
    def starts_at(self):
        """When it starts, in Montréal (midnight of its first day for whole days)."""
        at = datetime.datetime.combine(self.start_date, self.start_time or datetime.time())
        return at.replace(tzinfo=TIME_ZONE)

    @property
    def has_end(self):
        """Whether its end is given (an end time, or days), rather than only its start."""
        return self.all_day or bool(self.end_time)

    @property
    def ends_at(self):
        """When it is over, in Montréal: its end time, else the end of its last day (or, for
        an event with a start time and no end, that day's end too)."""
        if self.end_time:
            return datetime.datetime.combine(self.last_day, self.end_time).replace(tzinfo=TIME_ZONE)
        next_day = self.last_day + datetime.timedelta(days=1)
        return datetime.datetime.combine(next_day, datetime.time()).replace(tzinfo=TIME_ZONE)

    def is_past(self, now=None):
        return self.ends_at <= (now or timezone.now())

    @property
    def listing_summary(self):
        return self.summary

    def ics_url(self, request=None):
        return self.get_url(request) + self.reverse_subpage("ics")

    @path("", name="page")
    def page_route(self, request):
        from events.views import event_page

        return event_page(request, self)

    @path("ics/", name="ics")
    def ics_route(self, request):
        from events.views import event_ics

        return event_ics(request, self)

    def structured_data(self, request, publisher):
        """schema.org's Event (ciso/templatetags/seo_tags.py `structured_data`)."""
        start = self.start_date.isoformat() if self.all_day else self.starts_at.isoformat()
        # A start time without an end time: no end is published (none was given).
        end = self.last_day.isoformat() if self.all_day else self.ends_at.isoformat()
        places = []
        if self.place_name or self.address:
            place = {"@type": "Place", "name": self.place_name or self.address.splitlines()[0]}
            if self.address:
                place["address"] = ", ".join(
                    line.strip() for line in self.address.splitlines() if line
                )
            places.append(place)
        if self.online_url:
            places.append({"@type": "VirtualLocation", "url": self.online_url})
        mode = "Mixed" if len(places) == 2 else "Online" if self.online_url else "Offline"
        data = {
            "@type": "Event",
            "name": self.title,
            "description": self.summary,
            "startDate": start,
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": f"https://schema.org/{mode}EventAttendanceMode",
            "organizer": publisher,
            "inLanguage": (translation.get_language() or "fr")[:2],
            "url": request.build_absolute_uri(self.get_url(request)),
        }
        if self.has_end:
            data["endDate"] = end
        if places:
            data["location"] = places[0] if len(places) == 1 else places
        if self.registration_url:
            data["offers"] = {"@type": "Offer", "url": self.registration_url}
        rendition = share_rendition(self.image)
        if rendition is not None:
            data["image"] = request.build_absolute_uri(rendition.url)
        return data
