"""The members page's search entries name the published member organisations
(MembersPage.search_texts): kept as members and kinds are published, changed or deleted."""

from django.db.models.signals import post_delete, post_save

from ciso import search
from ciso.caching import DRAFT_BOOKKEEPING
from members.models import MemberKind, MemberOrganisation, MembersPage


def directory_changed(sender, instance, raw=False, update_fields=None, **kwargs):
    """A member or a kind published, unpublished or deleted (a kind's members are found only
    while it is published). A draft (only its revision bookkeeping saved) changes nothing
    visitors can find."""
    if raw or (update_fields and set(update_fields) <= DRAFT_BOOKKEEPING):
        return
    for page in MembersPage.objects.live():
        search.update_page(page)


def connect():
    for model in (MemberOrganisation, MemberKind):
        uid = f"members.search.{model._meta.model_name}"
        post_save.connect(directory_changed, sender=model, dispatch_uid=f"{uid}.saved")
        post_delete.connect(directory_changed, sender=model, dispatch_uid=f"{uid}.deleted")
