from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    """Cooperation projects with partners in the Global South: countries, partners, projects."""

    name = "projects"
    verbose_name = _("Projects")

    def ready(self):
        from ciso import caching
        from projects import signals
        from projects.models import Country, Partner, Theme

        signals.connect()
        caching.shown_on_pages(Country, Partner, Theme)
