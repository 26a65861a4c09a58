"""Public views: Wagtail's page view with fewer queries, and the error views. The 500 page is
Django's own handler rendering templates/500.html."""

from django.shortcuts import render
from django.views.decorators.csrf import requires_csrf_token
from wagtail import views as wagtail_views

from ciso import chrome, routing


def serve(request, path):
    """Wagtail's `serve` view, given the site from the cache (ciso/chrome.py) and the page
    found in two queries (ciso/routing.py); Wagtail then checks the view restrictions, runs
    its hooks and serves the page as usual."""
    site = chrome.prepare(request)
    if site is not None and not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = routing.route(request, site, path)
    return wagtail_views.serve(request, path)


@requires_csrf_token
def page_not_found(request, exception=None):
    # There is no page to translate: the language links lead to each language's home page.
    chrome.prepare(request)
    return render(request, "404.html", {"alternates_home_only": True}, status=404)
