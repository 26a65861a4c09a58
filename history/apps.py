from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HistoryConfig(AppConfig):
    """The organisation's history (milestones) and achievements (figures)."""

    name = "history"
    verbose_name = _("History")
