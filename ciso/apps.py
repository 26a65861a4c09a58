from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CisoConfig(AppConfig):
    """The site-wide parts: home page, standard pages, site settings, navigation."""

    name = "ciso"
    verbose_name = _("Site")

    def ready(self):
        from ciso import security, signals

        signals.connect()
        security.chooser_without_inline_script()
