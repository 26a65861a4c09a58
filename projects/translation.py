"""Fields of projects' models translated with modeltranslation (French is the default)."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from projects.models import Country, Partner, ProjectIndexPage, ProjectPage, Theme


@register(Country)
class CountryTR(TranslationOptions):
    fields = ("name", "slug", "description", "image_alt")


@register(Partner)
class PartnerTR(TranslationOptions):
    # The name stays in the organisation's own language.
    fields = ("description",)


@register(Theme)
class ThemeTR(TranslationOptions):
    fields = ("name",)


@register(ProjectIndexPage)
class ProjectIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(ProjectPage)
class ProjectPageTR(TranslationOptions):
    fields = ("summary", "body", "funders", "image_alt", "documents")
