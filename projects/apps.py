from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    """Cooperation projects with partners in the Global South: countries, partners, projects."""

    name = "projects"
    verbose_name = _("Projects")

    def ready(self):
        from projects import signals

        signals.connect()
