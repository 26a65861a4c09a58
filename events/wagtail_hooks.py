"""The kinds of event as snippets in the admin."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from ciso.editorial.admin_language import SnippetChooserViewSet
from events.models import EventKind


class EventKindViewSet(SnippetViewSet):
    chooser_viewset_class = SnippetChooserViewSet  # its buttons in the admin's language
    model = EventKind
    icon = "date"
    search_fields = ["name"]


register_snippet(EventKindViewSet)
