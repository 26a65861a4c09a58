"""Helpers for content translated field by field."""

from django.conf import settings
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname


def shown_language(obj, field):
    """The language of the value that `obj.<field>` shows: the active language when it is
    filled in, otherwise the fallback language whose value modeltranslation shows instead."""
    active = (get_language() or settings.LANGUAGE_CODE)[:2]
    candidates = [active] + [
        code for code in settings.MODELTRANSLATION_FALLBACK_LANGUAGES["default"] if code != active
    ]
    for code in candidates:
        if getattr(obj, build_localized_fieldname(field, code), None):
            return code
    return active
