from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CisoConfig(AppConfig):
    """The site-wide parts: home page, standard pages, site settings, navigation."""

    name = "ciso"
    verbose_name = _("Site")

    def ready(self):
        # Imported once the models are: these modules use them.
        from ciso import addresses, caching, front_cache, patches
        from ciso.editorial import admin_language
        from ciso.editorial import signals as editorial_signals
        from ciso.search import signals as search_signals

        patches.apply()
        caching.connect()
        front_cache.connect()
        search_signals.connect()
        editorial_signals.connect()
        addresses.connect()
        admin_language.connect()
