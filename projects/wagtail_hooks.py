"""Countries, partners and themes as snippets in the admin."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from ciso.editorial.admin_language import SnippetChooserViewSet
from projects.models import Country, Partner, Theme


class CountryViewSet(SnippetViewSet):
    chooser_viewset_class = SnippetChooserViewSet  # its buttons in the admin's language
    model = Country
    icon = "globe"
    list_display = ["name", "iso_code", "region"]
    list_filter = ["region"]
    search_fields = ["name"]


class PartnerViewSet(SnippetViewSet):
    chooser_viewset_class = SnippetChooserViewSet
    model = Partner
    icon = "group"
    list_display = ["name", "acronym", "kind", "country"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "acronym"]


class ThemeViewSet(SnippetViewSet):
    chooser_viewset_class = SnippetChooserViewSet
    model = Theme
    icon = "tag"


class CooperationViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Cooperation")
    menu_icon = "globe"
    items = (CountryViewSet, PartnerViewSet, ThemeViewSet)


register_snippet(CooperationViewSetGroup)
