"""Fields of history's models translated with modeltranslation (French is the default)."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from history.models import AchievementsPage, Figure, HistoryPage, Milestone


@register(HistoryPage)
class HistoryPageTR(TranslationOptions):
    fields = ("intro", "body")


@register(Milestone)
class MilestoneTR(TranslationOptions):
    fields = ("title", "text", "image_alt", "link_text")


@register(AchievementsPage)
class AchievementsPageTR(TranslationOptions):
    fields = ("intro", "body")


@register(Figure)
class FigureTR(TranslationOptions):
    fields = ("label", "text")
