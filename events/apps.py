from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Events (Activités): their pages, .ics files, the index and its calendar."""

    name = "events"
    verbose_name = _("Events")

    def ready(self):
        # Imported once the models are: these modules use them.
        from ciso import caching, search
        from events.models import EventKind

        search.register_kind("event", _("Events"))  # EventPage.search_kind
        caching.shown_on_pages(EventKind)
