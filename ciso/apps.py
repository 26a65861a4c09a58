from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CisoConfig(AppConfig):
    """The site-wide parts: home page, standard pages, site settings, navigation."""

    name = "ciso"
    verbose_name = _("Site")

    def ready(self):
        from ciso import caching, front_cache, patches, signals
        from ciso.editorial import admin_language

        patches.apply()
        caching.connect()
        signals.connect()
        front_cache.connect()
        admin_language.connect()
