"""What ciso/patches.py relies on in the libraries it changes: each test fails when an upgrade
changes it, so that the patch is looked at again."""

import pytest
from django.urls import resolve
from django.utils import translation
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.models import Page

from ciso import patches

pytestmark = pytest.mark.django_db


def test_wagtail_reads_the_route_of_a_request_where_the_page_view_leaves_it(
    rf, django_assert_num_queries
):
    request = rf.get("/fr/nulle-part/")
    route = object()
    setattr(request, patches.ROUTE_ATTRIBUTE, route)
    with django_assert_num_queries(0):  # neither the site nor the pages are looked up
        assert Page.route_for_request(request, "nulle-part/") is route


def test_wagtail_keeps_the_route_it_found_there(rf):
    request = rf.get("/fr/")
    result = Page.route_for_request(request, "")
    assert getattr(request, patches.ROUTE_ATTRIBUTE) is result
    assert result.page.slug_fr == "accueil"


def test_the_page_view_replaces_wagtails_at_its_address():
    pattern = next(p for p in wagtail_urls.urlpatterns if p.name == "wagtail_serve")
    assert pattern.callback is wagtail_views.serve
    assert pattern.pattern.regex.pattern == wagtail_urls.serve_pattern
    for language, url in [("fr", "/fr/"), ("fr", "/fr/historique/"), ("en", "/en/projects/")]:
        with translation.override(language):
            assert resolve(url).func is patches.serve
