"""Member organisations and their kinds as snippets in the admin."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from ciso.editorial.admin_language import SnippetChooserViewSet
from members.models import MemberKind, MemberOrganisation


class MemberOrganisationViewSet(SnippetViewSet):
    chooser_viewset_class = SnippetChooserViewSet  # its buttons in the admin's language
    model = MemberOrganisation
    icon = "group"
    list_display = ["name", "acronym", "kind"]  # and Wagtail's status column
    list_filter = ["kind", "live"]
    search_fields = ["name", "acronym"]


class MemberKindViewSet(SnippetViewSet):
    chooser_viewset_class = SnippetChooserViewSet
    model = MemberKind
    icon = "list-ul"  # dragged into the order the members page shows them in


class MembersViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Members")
    menu_icon = "group"
    items = (MemberOrganisationViewSet, MemberKindViewSet)


register_snippet(MembersViewSetGroup)
