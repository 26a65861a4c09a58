"""The site's URLs plus views that fail on purpose, for the error page tests: each raises
what a real view would, and the site's handlers (ciso/urls.py) answer."""

from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import BadRequest, PermissionDenied
from django.urls import path

from ciso import urls as site_urls


def forbidden(request):
    raise PermissionDenied


def bad_request(request):
    raise BadRequest("the view could not read the request")


def broken(request):
    raise ValueError("a bug")


urlpatterns = [
    *i18n_patterns(
        path("_errors/forbidden/", forbidden),
        path("_errors/bad-request/", bad_request),
        path("_errors/broken/", broken),
        prefix_default_language=True,
    ),
    *site_urls.urlpatterns,
]

handler400 = site_urls.handler400
handler403 = site_urls.handler403
handler404 = site_urls.handler404
handler500 = site_urls.handler500
