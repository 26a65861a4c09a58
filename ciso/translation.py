"""Fields of ciso's models translated with modeltranslation (French is the default)."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from ciso.models import HomePage, SiteSettings, StandardPage


@register(HomePage)
class HomePageTR(TranslationOptions):
    fields = ("image_alt", "hero_heading", "hero_text", "hero_actions", "intro", "body")


@register(StandardPage)
class StandardPageTR(TranslationOptions):
    fields = ("intro", "image_alt", "body")


@register(SiteSettings)
class SiteSettingsTR(TranslationOptions):
    # The organisation's name is a French proper noun, the same in both languages.
    fields = ("tagline", "address", "footer_text", "affiliations")
