"""The site's addresses, and the floor's page through the site's middleware (site_settings)."""

from django.urls import path

from ciso.urls import handler400, handler403, handler404, handler500, urlpatterns
from tests.bench.floor.views import page

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]

urlpatterns = [path("bench/floor/", page), *urlpatterns]
