from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    """The CISO's member organisations, by kind, and the page that lists them."""

    name = "members"
    verbose_name = _("Members")

    def ready(self):
        # Imported once the models are: these modules use them.
        from ciso import caching
        from members import search
        from members.models import MemberKind, MemberOrganisation

        search.connect()
        caching.shown_on_pages(MemberKind, MemberOrganisation)
