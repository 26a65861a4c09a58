"""Translation fingerprints follow every change of a translated text (translation_status)."""

from django.conf import settings
from django.db.models.signals import post_save, pre_save
from wagtail.models import Page, Revision

from ciso.editorial.roles import TRANSLATORS
from ciso.editorial.translation_status import (
    record_changes,
    translated_fields,
    translated_snippet_models,
)

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def remember_translated_values(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    instance._previous_version = sender.objects.filter(pk=instance.pk).first()


def record_snippet_translations(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    if update_fields is not None:
        # A moderated snippet saving a draft stores only its revision bookkeeping: the
        # instance in hand then holds the draft, not what is stored (the revision records it).
        stored = {f"{field}_{code}" for field in translated_fields(sender) for code in LANGUAGES}
        if not stored & set(update_fields):
            return
    record_changes(instance, getattr(instance, "_previous_version", None))


def record_revision_translations(sender, instance, created=False, raw=False, **kwargs):
    """Pages and moderated snippets change through revisions (drafts included): compare each
    new revision with the one before it or, for a snippet's first one, with its stored row."""
    if raw or not created:
        return
    model = instance.base_content_type.model_class()
    if not (issubclass(model, Page) or translated_fields(model)):
        return
    previous = (
        Revision.objects.filter(
            base_content_type=instance.base_content_type,
            object_id=instance.object_id,
            pk__lt=instance.pk,
        )
        .order_by("-pk")
        .first()
    )
    if previous is not None:
        previous = previous.as_object()
    elif not issubclass(model, Page):
        previous = model.objects.filter(pk=instance.object_id).first()
    # A translator who saves vouches for the translations, even those left unchanged.
    reviewed = bool(instance.user) and instance.user.groups.filter(name=TRANSLATORS).exists()
    record_changes(instance.as_object(), previous, reviewed=reviewed)


def connect():
    post_save.connect(
        record_revision_translations, sender=Revision, dispatch_uid="ciso.editorial.revision"
    )
    for model in translated_snippet_models():
        uid = f"ciso.editorial.translations.{model._meta.label_lower}"
        pre_save.connect(remember_translated_values, sender=model, dispatch_uid=f"{uid}.pre")
        post_save.connect(record_snippet_translations, sender=model, dispatch_uid=f"{uid}.post")
