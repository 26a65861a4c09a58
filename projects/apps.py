from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    """Cooperation projects with partners in the Global South: countries, partners, projects."""

    name = "projects"
    verbose_name = _("Projects")

    def ready(self):
        # Imported once the models are: these modules use them.
        from ciso import caching, sitemaps
        from projects import search, signals
        from projects.models import Country, Partner, Theme
        from projects.sitemaps import CountrySitemap

        signals.connect()
        search.connect()
        sitemaps.register("countries", CountrySitemap)
        caching.shown_on_pages(Country, Partner, Theme)
