"""Which translated texts are missing or out of date, in each language.

A field is *missing* in a language when it is empty there and filled in the other. A
translation (English) is *out of date* when the source text (French, the site's default
language) changed after the translation was last written: whenever a translation changes, the
fingerprint of the source text at that moment is kept (TranslationFingerprint); a later change
of the source no longer matches it. Editing the translation does not make the source stale.

Pages and moderated snippets are judged on their latest revision (what editors and translators
work on, published or not); settings on their saved values.
"""

import hashlib
import json
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import get_all_child_relations
from modeltranslation.translator import NotRegistered, translator
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Page

from ciso.models import TranslationFingerprint

LANGUAGES = [code for code, _name in settings.LANGUAGES]
SOURCE = settings.LANGUAGE_CODE
TRANSLATIONS = [code for code in LANGUAGES if code != SOURCE]
MISSING, OUT_OF_DATE = "missing", "out_of_date"
STATUS_LABELS = {MISSING: _("Missing"), OUT_OF_DATE: _("Out of date")}
# Computed, not written by anyone.
SKIPPED_FIELDS = {"url_path"}


def translated_fields(model):
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return []
    return [name for name in options.all_fields if name not in SKIPPED_FIELDS]


def field_text(obj, field, language):
    """The stored text of one language of a translated field, as a comparable string."""
    value = obj.__dict__.get(f"{field}_{language}")
    if value is None:
        return ""
    raw = getattr(value, "raw_data", None)  # a StreamField value
    if raw is not None:
        return json.dumps(list(raw), sort_keys=True, default=str) if len(raw) else ""
    return str(value).strip()


def fingerprint(text):
    return hashlib.sha256(text.encode()).hexdigest()


def _other(language):
    return next(code for code in LANGUAGES if code != language)


def translated_children(obj):
    """The saved inline objects of a page whose fields are translated (milestones, figures)."""
    children = []
    for relation in get_all_child_relations(obj):
        if translated_fields(relation.related_model):
            children += [c for c in getattr(obj, relation.get_accessor_name()).all() if c.pk]
    return children


def record_changes(obj, previous=None, *, reviewed=False):
    """After `obj` was saved (or a page revision made): for each translation whose text changed
    since `previous` (another instance, or None for a new object), keep the fingerprint of the
    source text it was written against. `reviewed`: a translator saved it, vouching for every
    translation as it stands, changed or not."""
    if isinstance(obj, Page):
        content_type = ContentType.objects.get_for_model(Page)
        previous_children = {
            (type(c), c.pk): c for c in (translated_children(previous) if previous else [])
        }
        for child in translated_children(obj):
            record_changes(child, previous_children.get((type(child), child.pk)), reviewed=reviewed)
    else:
        content_type = ContentType.objects.get_for_model(obj)
    for field in translated_fields(type(obj)):
        source = field_text(obj, field, SOURCE)
        for language in TRANSLATIONS:
            text = field_text(obj, field, language)
            before = field_text(previous, field, language) if previous is not None else None
            if not text or not source or (text == before and not reviewed):
                continue
            TranslationFingerprint.objects.update_or_create(
                content_type=content_type,
                object_id=str(obj.pk),
                field=field,
                language=language,
                defaults={"source_fingerprint": fingerprint(source)},
            )


@dataclass
class Row:
    """One field of one object that needs work in one language."""

    title: str
    kind: str
    section: str
    field: str  # the field's name
    field_label: str  # its verbose name, shown in the admin's language
    language: str
    status: str
    edit_url: str

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]


def _field_label(model, field):
    try:
        return model._meta.get_field(field).verbose_name
    except LookupError:
        return field


def object_rows(obj, fingerprints, *, title, kind, section, edit_url):
    """The rows of `obj` that need work."""
    rows = []
    for field in translated_fields(type(obj)):
        texts = {language: field_text(obj, field, language) for language in LANGUAGES}
        for language in LANGUAGES:
            source = texts[_other(language)]
            if not source:
                continue
            status = None
            if not texts[language]:
                status = MISSING
            elif language != SOURCE:
                kept = fingerprints.get((field, language))
                if kept is not None and kept != fingerprint(source):
                    status = OUT_OF_DATE
            if status:
                rows.append(
                    Row(
                        title=title,
                        kind=kind,
                        section=section,
                        field=field,
                        field_label=_field_label(type(obj), field),
                        language=language,
                        status=status,
                        edit_url=edit_url,
                    )
                )
    return rows


def _fingerprints_by_object():
    kept = {}
    for (
        content_type_id,
        object_id,
        field,
        language,
        value,
    ) in TranslationFingerprint.objects.values_list(
        "content_type_id", "object_id", "field", "language", "source_fingerprint"
    ):
        kept.setdefault((content_type_id, object_id), {})[(field, language)] = value
    return kept


def translated_snippet_models():
    """The snippets and settings whose texts are translated: every model registered with
    modeltranslation (by the apps' translation.py) that is neither a page nor a page's inline
    child (a milestone, saved with its page's revision). Snippets first, settings last."""
    models = [
        model
        for model in translator.get_registered_models(abstract=False)
        if not issubclass(model, Page)
        and not any(isinstance(f, ParentalKey) for f in model._meta.get_fields())
    ]
    return sorted(models, key=lambda model: issubclass(model, BaseSiteSetting))


def report_rows():
    """Every field of every page, snippet and setting that is missing or out of date."""
    kept = _fingerprints_by_object()
    rows = []
    page_type = ContentType.objects.get_for_model(Page)
    pages = Page.objects.filter(depth__gt=1).specific().order_by("path")
    sections = {page.path: page.title for page in pages if page.depth == 3}
    for page in pages:
        latest = page.get_latest_revision_as_object() if page.has_unpublished_changes else page
        section = sections.get(page.path[: Page.steplen * 3], str(_("Home page")))
        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        kind = str(page.specific_class._meta.verbose_name)
        rows += object_rows(
            latest,
            kept.get((page_type.pk, str(page.pk)), {}),
            title=page.title,
            kind=kind,
            section=section,
            edit_url=edit_url,
        )
        for child in translated_children(latest):
            child_type = ContentType.objects.get_for_model(child)
            rows += object_rows(
                child,
                kept.get((child_type.pk, str(child.pk)), {}),
                title=f"{page.title} — {child}",
                kind=kind,
                section=section,
                edit_url=edit_url,
            )
    for model in translated_snippet_models():
        content_type = ContentType.objects.get_for_model(model)
        for obj in model.objects.all():
            if getattr(obj, "has_unpublished_changes", False):
                obj = obj.get_latest_revision_as_object()  # the draft waiting for approval
            if issubclass(model, BaseSiteSetting):
                edit_url = reverse(
                    "wagtailsettings:edit",
                    args=[model._meta.app_label, model._meta.model_name, obj.site_id],
                )
            else:
                edit_url = reverse(
                    f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:edit",
                    args=[obj.pk],
                )
            rows += object_rows(
                obj,
                kept.get((content_type.pk, str(obj.pk)), {}),
                title=str(obj),
                kind=str(model._meta.verbose_name),
                section=str(_("Snippets and settings")),
                edit_url=edit_url,
            )
    return rows


def counts(rows=None):
    rows = report_rows() if rows is None else rows
    return {
        status: sum(1 for row in rows if row.status == status) for status in (MISSING, OUT_OF_DATE)
    }
