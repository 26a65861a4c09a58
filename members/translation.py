"""Fields of the members' models translated with modeltranslation (French is the default). A
member organisation has none: its name is its own."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from members.models import MemberKind, MembersPage


@register(MemberKind)
class MemberKindTR(TranslationOptions):
    fields = ("name",)


@register(MembersPage)
class MembersPageTR(TranslationOptions):
    fields = ("intro", "image_alt", "body")
