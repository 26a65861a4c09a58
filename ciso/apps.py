from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CisoConfig(AppConfig):
    """The site-wide parts: home page, standard pages, site settings, navigation."""

    name = "ciso"
    verbose_name = _("Site")

    def ready(self):
        from django.db.models.signals import post_migrate

        from ciso import admin_language, front_cache, page_cache, security, signals

        signals.connect()
        front_cache.connect()
        admin_language.connect()
        admin_language.translate_import_time_labels()
        # A deployment runs `migrate`: what the caches kept was rendered by the old code.
        post_migrate.connect(page_cache.clear_pages, sender=self, dispatch_uid="ciso.deployed")
        security.chooser_without_inline_script()
        security.csv_downloads_without_formulas()
