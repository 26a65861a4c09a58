from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CisoConfig(AppConfig):
    """The site-wide parts: home page, standard pages, site settings, navigation."""

    name = "ciso"
    verbose_name = _("Site")

    def ready(self):
        from ciso import admin_language, caching, security, signals

        caching.connect()
        signals.connect()
        admin_language.connect()
        admin_language.translate_import_time_labels()
        security.chooser_without_inline_script()
        security.csv_downloads_without_formulas()
