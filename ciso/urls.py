from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from ciso import patches
from ciso.ops.health import healthz
from ciso.search.views import search_view
from ciso.security.views import PasswordResetView, authenticate_with_password, serve_document
from ciso.sitemaps import SITEMAPS

urlpatterns = [
    # Outside the language prefixes: the container healthcheck and monitoring call it.
    path("healthz", healthz, name="healthz"),
    # Before Wagtail's own route of the same name and address: requests are limited.
    path("admin/password_reset/", PasswordResetView.as_view(), name="wagtailadmin_password_reset"),
    path("admin/", include(wagtailadmin_urls)),
    # Before Wagtail's own route of the same name and shape: downloads get a sandboxing CSP.
    re_path(r"^documents/(\d+)/(.*)$", serve_document, name="wagtaildocs_serve"),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
]

if settings.SERVE_MEDIA:
    # Uploaded images (and their renditions). A front proxy that serves /media/ from the same
    # folder takes this off Django: set SERVE_MEDIA=false then. Never documents/: they go
    # through /documents/, which checks their collection's privacy.
    urlpatterns.append(
        re_path(
            r"^media/(?P<path>(?:images|original_images)/.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    )

# Every public page lives under its language prefix: /fr/…, /en/…, with Wagtail's addresses
# (the password form of a private page, the login), its page view given the route found by
# ciso/routing.py (ciso/patches.py).
urlpatterns += i18n_patterns(
    # Translated: /fr/recherche/, /en/search/. Before the catch-all page route.
    path(_("search/"), search_view, name="search"),
    # Before Wagtail's own route of the same name and address: guesses are limited.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    *[pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"],
    re_path(wagtail_urls.serve_pattern, patches.serve, name="wagtail_serve"),
    prefix_default_language=True,
)

# The site's own error pages, in the visitor's language (CSRF failures: CSRF_FAILURE_VIEW).
handler400 = "ciso.errors.bad_request"
handler403 = "ciso.errors.permission_denied"
handler404 = "ciso.errors.page_not_found"
handler500 = "ciso.errors.server_error"
