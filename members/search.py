"""The members page's search entries name the published member organisations
(MembersPage.search_texts): kept as members are published, changed or deleted."""

from django.db.models.signals import post_delete, post_save

from ciso import search
from ciso.caching import DRAFT_BOOKKEEPING
from members.models import MemberOrganisation, MembersPage


def member_changed(sender, instance, raw=False, update_fields=None, **kwargs):
    """A member published or deleted. A draft (only its revision bookkeeping saved) changes
    nothing visitors can find."""
    if raw or (update_fields and set(update_fields) <= DRAFT_BOOKKEEPING):
        return
    for page in MembersPage.objects.live():
        search.update_page(page)


def connect():
    uid = "members.search.member"
    post_save.connect(member_changed, sender=MemberOrganisation, dispatch_uid=f"{uid}.saved")
    post_delete.connect(member_changed, sender=MemberOrganisation, dispatch_uid=f"{uid}.deleted")
