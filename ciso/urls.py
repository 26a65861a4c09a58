from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from ciso import views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.SERVE_MEDIA:
    # Uploaded images (and their renditions). A front proxy that serves /media/ from the same
    # folder takes this off Django: set SERVE_MEDIA=false then.
    urlpatterns.append(
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )

# Every public page lives under its language prefix: /fr/…, /en/…. Wagtail's addresses (the
# password form of a private page, the login), its catch-all page view replaced by ours: the
# same view in fewer queries (ciso/views.py).
urlpatterns += i18n_patterns(
    *[pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"],
    re_path(wagtail_urls.serve_pattern, views.serve, name="wagtail_serve"),
    prefix_default_language=True,
)

handler404 = "ciso.views.page_not_found"
