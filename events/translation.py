"""Fields of the events' models translated with modeltranslation (French is the default). A
place's name and address are the same in both languages."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from events.models import EventIndexPage, EventKind, EventPage


@register(EventKind)
class EventKindTR(TranslationOptions):
    fields = ("name",)


@register(EventIndexPage)
class EventIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(EventPage)
class EventPageTR(TranslationOptions):
    fields = ("summary", "body", "image_alt")
