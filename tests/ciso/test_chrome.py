"""The site, its settings and the menu come from the cache, and every change shows at once."""

import pytest
from wagtail.models import PageViewRestriction, Site

from ciso import chrome
from ciso.models import HomePage, SiteSettings, StandardPage

pytestmark = pytest.mark.django_db


def menu(html, client, url="/fr/"):
    return [a.get_text() for a in html(client.get(url)).select(".main-nav a")]


def test_the_chrome_costs_no_query_once_cached(rf, django_assert_num_queries):
    chrome.main_menu(rf.get("/fr/"))
    request = rf.get("/fr/")
    with django_assert_num_queries(0):
        site = chrome.prepare(request)
        assert chrome.main_menu(request)
        assert SiteSettings.for_request(request).acronym == "CISO"
        assert Site.find_for_request(request) == site


def test_the_menu_is_in_the_visitors_language(client, html):
    assert "Historique" in menu(html, client, "/fr/")
    assert "History" in menu(html, client, "/en/")


def test_a_page_published_or_unpublished_shows_in_the_menu_at_once(client, html):
    assert "Nouvelle page" not in menu(html, client)
    page = HomePage.objects.get().add_child(
        instance=StandardPage(
            title_fr="Nouvelle page", slug_fr="nouvelle", slug_en="new", show_in_menus=True
        )
    )
    page.save_revision().publish()
    assert "Nouvelle page" in menu(html, client)
    page.unpublish()
    assert "Nouvelle page" not in menu(html, client)


def test_a_renamed_or_deleted_page_shows_in_the_menu_at_once(client, html):
    page = StandardPage.objects.get(slug_fr="mission-et-actions")
    assert "Mission et actions" in menu(html, client)
    page.title_fr = "Notre mission"
    page.save_revision().publish()
    assert "Notre mission" in menu(html, client)
    page.delete()
    assert "Notre mission" not in menu(html, client)


def test_a_page_made_private_leaves_the_menu(client, html):
    page = StandardPage.objects.get(slug_fr="mission-et-actions")
    assert "Mission et actions" in menu(html, client)
    restriction = PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert "Mission et actions" not in menu(html, client)
    restriction.delete()
    assert "Mission et actions" in menu(html, client)


def test_changed_settings_show_at_once(client, html):
    assert "CISO" in html(client.get("/fr/")).select_one(".brand").get_text()
    site_settings = SiteSettings.objects.get()
    site_settings.acronym = "XYZ"
    site_settings.save()
    assert "XYZ" in html(client.get("/fr/")).select_one(".brand").get_text()


def test_the_cache_is_forgotten_again_when_the_change_is_committed(
    django_capture_on_commit_callbacks,
):
    before = chrome.content_version()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        chrome.bump_content_version()
    during = chrome.content_version()
    assert during != before
    for callback in callbacks:
        callback()
    assert chrome.content_version() not in (before, during)
