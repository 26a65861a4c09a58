from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    """News (Nouvelles): articles, their categories and tags, the index and its feeds."""

    name = "news"
    verbose_name = _("News")

    def ready(self):
        # Imported once the models are: these modules use them.
        from ciso import caching, search
        from news.models import NewsCategory

        search.register_kind("news", _("News"))  # NewsArticlePage.search_kind
        caching.shown_on_pages(NewsCategory)
