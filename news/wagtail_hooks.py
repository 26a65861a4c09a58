"""The news categories as snippets in the admin."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from ciso.editorial.admin_language import SnippetChooserViewSet
from news.models import NewsCategory


class NewsCategoryViewSet(SnippetViewSet):
    chooser_viewset_class = SnippetChooserViewSet  # its buttons in the admin's language
    model = NewsCategory
    icon = "tag"
    list_display = ["name", "slug"]  # and Wagtail's status column
    search_fields = ["name"]


register_snippet(NewsCategoryViewSet)
