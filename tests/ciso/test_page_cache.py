"""The page cache (ciso/caching.py): anonymous visitors get cached pages, per language; a change
that a public page shows empties it; staff, sessions, cookies, the admin, private pages and
query strings the page did not understand pass by."""

import pytest
from django.core.cache import caches
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction

from ciso import caching
from ciso.models import SiteSettings, StandardPage
from projects.models import Country

pytestmark = pytest.mark.django_db

MISSION_FR = "/fr/mission-et-actions/"


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.CISO_PAGE_CACHE = True
    caches["pages"].clear()
    yield
    caches["pages"].clear()


def state(response):
    return response.get("X-Page-Cache")


def test_a_second_visit_is_served_from_the_cache_with_one_query(client):
    from django.db import connection

    first = client.get("/fr/")
    assert (first.status_code, state(first)) == (200, "miss")
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/fr/")
    assert (second.status_code, state(second)) == (200, "hit")
    # The generation: whether anything changed since the page was kept.
    assert [query["sql"] for query in queries] == [
        "SELECT token FROM ciso_pagecachegeneration WHERE id = 1"
    ]
    assert second.content == first.content


def test_a_browser_that_has_the_page_gets_a_304(client):
    etag = client.get("/fr/")["ETag"]
    response = client.get("/fr/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and response.content == b""
    assert "max-age" not in response.get("Cache-Control", "")


def test_each_language_and_query_string_has_its_own_entry(client):
    client.get("/fr/projets/")
    assert state(client.get("/en/projects/")) == "miss"
    assert state(client.get("/fr/projets/?status=completed")) == "miss"
    assert state(client.get("/fr/projets/?status=completed")) == "hit"
    english = client.get("/en/projects/")
    assert state(english) == "hit" and 'lang="en"' in english.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "utm_source=newsletter",  # a parameter the page does not read
        "status=completed&x=1",
        "status=nonsense",  # a value the filter refuses
        "country=HT",  # another spelling of country=ht
        "page=1",  # the first page has no number
        "page=999",  # shown as the last page
    ],
)
def test_a_query_string_the_page_did_not_understand_is_never_kept(client, query):
    """Strangers cannot fill the cache: each of these is answered, and built anew each time."""
    for _attempt in range(2):
        response = client.get(f"/fr/projets/?{query}")
        assert response.status_code == 200 and state(response) == "skip"


def test_the_search_keeps_the_words_as_it_read_them(client):
    assert state(client.get("/fr/recherche/?q=syndicats")) == "miss"
    assert state(client.get("/fr/recherche/?q=syndicats")) == "hit"
    assert state(client.get("/fr/recherche/?q=++syndicats")) == "skip"
    assert state(client.get("/fr/recherche/?q=syndicats&type=nonsense")) == "skip"


def test_a_404_is_never_kept(client):
    for _attempt in range(2):
        assert state(client.get("/fr/nulle-part-123/")) == "skip"


def test_publishing_a_page_empties_the_cache(client):
    client.get(MISSION_FR)
    assert state(client.get(MISSION_FR)) == "hit"
    page = StandardPage.objects.get(slug_fr="mission-et-actions")
    page.title_fr = "Notre mission, revue"
    page.save_revision().publish()
    response = client.get(MISSION_FR)
    assert state(response) == "miss" and "Notre mission, revue" in response.content.decode()


def test_a_draft_leaves_the_cached_page_in_place(client):
    client.get(MISSION_FR)
    page = StandardPage.objects.get(slug_fr="mission-et-actions")
    page.title_fr = "Brouillon pas encore publié"
    page.save_revision()
    response = client.get(MISSION_FR)
    assert state(response) == "hit" and "Brouillon" not in response.content.decode()


def test_a_snippet_draft_leaves_the_cached_page_in_place(client):
    client.get("/en/projects/")
    cuba = Country.objects.get(iso_code="CU")
    cuba.name_en = "Cuba, a draft"
    cuba.save_revision()
    response = client.get("/en/projects/")
    assert state(response) == "hit" and "Cuba, a draft" not in response.content.decode()


def test_publishing_a_snippet_or_changing_settings_empties_it(client):
    client.get("/en/projects/")
    cuba = Country.objects.get(iso_code="CU")
    cuba.name_en = "Republic of Cuba"
    cuba.save_revision().publish()
    assert "Republic of Cuba" in client.get("/en/projects/").content.decode()

    client.get("/fr/")
    assert state(client.get("/fr/")) == "hit"
    site_settings = SiteSettings.objects.get()
    site_settings.tagline_fr = "Une nouvelle devise"
    site_settings.save()
    assert state(client.get("/fr/")) == "miss"


def test_staff_always_see_the_site_as_it_is(staff_client, client):
    client.get(MISSION_FR)  # cached for anonymous visitors
    response = staff_client.get(MISSION_FR)
    assert state(response) is None  # the cache does not even look
    assert state(staff_client.get(MISSION_FR)) is None


def test_a_visitor_with_a_session_is_not_served_from_the_cache(client, settings):
    client.get(MISSION_FR)
    client.cookies[settings.SESSION_COOKIE_NAME] = "whatever"
    assert state(client.get(MISSION_FR)) is None


def test_the_admin_and_documents_are_never_cached(client):
    for _attempt in range(2):
        assert state(client.get("/admin/login/")) != "hit"


def test_a_response_that_sets_or_depends_on_a_cookie_is_not_kept(rf):
    request = rf.get("/fr/")
    request.page_cache_query = ""
    keeps = caching.PageCacheMiddleware.keeps
    assert keeps(request, HttpResponse("x"))
    sets_one = HttpResponse("x")
    sets_one.set_cookie("a", "b")
    depends = HttpResponse("x", headers={"Vary": "Accept-Encoding, Cookie"})
    private = HttpResponse("x", headers={"Cache-Control": "private"})
    assert not any(keeps(request, response) for response in (sets_one, depends, private))


def test_a_private_page_is_never_served_from_the_cache(client):
    page = StandardPage.objects.get(slug_fr="mission-et-actions")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    first = client.get(MISSION_FR)
    second = client.get(MISSION_FR)
    assert state(second) != "hit"
    assert 'name="password"' in first.content.decode()

    restriction = page.get_view_restrictions().first()
    url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    assert client.post(url, {"password": "secret", "return_url": MISSION_FR}).status_code == 302
    content = client.get(MISSION_FR).content.decode()
    assert 'name="password"' not in content
    # Someone else, without the password, still gets the form.
    from django.test import Client

    other = Client().get(MISSION_FR)
    assert 'name="password"' in other.content.decode() and state(other) != "hit"


def test_the_cache_can_be_switched_off(client, settings):
    settings.CISO_PAGE_CACHE = False
    client.get("/fr/")
    assert state(client.get("/fr/")) is None


def test_the_language_redirect_of_the_root_is_chosen_for_each_visitor(client):
    client.get("/", HTTP_ACCEPT_LANGUAGE="fr")
    client.cookies["django_language"] = "en"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")
    assert state(response) != "hit" and response["Location"].startswith("/en/")


def test_a_page_made_private_leaves_the_cache_at_once(client):
    client.get(MISSION_FR)
    assert state(client.get(MISSION_FR)) == "hit"
    page = StandardPage.objects.get(slug_fr="mission-et-actions")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    response = client.get(MISSION_FR)
    assert state(response) != "hit" and 'name="password"' in response.content.decode()


def test_a_collection_made_private_takes_its_documents_out_of_cached_pages(client):
    """The search lists the booklet; once its collection is private, the cached results must
    not keep its title and link."""
    from django.contrib.auth.models import Group
    from wagtail.documents import get_document_model
    from wagtail.models import CollectionViewRestriction

    search = "/fr/recherche/?q=petite+histoire"
    booklet = get_document_model().objects.get()
    client.get(search)
    assert state(client.get(search)) == "hit"
    assert booklet.url in client.get(search).content.decode()
    restriction = CollectionViewRestriction.objects.create(
        collection=booklet.collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set(Group.objects.all())
    response = client.get(search)
    assert state(response) != "hit"
    assert booklet.url not in response.content.decode()


def test_a_page_built_while_content_changed_is_never_served(client, monkeypatch):
    """A request that read the database before a change and answers after it keeps its page
    under the generation it started with: no request after the change reads that one."""
    original = StandardPage.get_context

    def changed_meanwhile(self, request, *args, **kwargs):
        caching.empty()  # staff published something during this request
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(StandardPage, "get_context", changed_meanwhile)
    assert state(client.get(MISSION_FR)) == "miss"
    monkeypatch.setattr(StandardPage, "get_context", original)
    assert state(client.get(MISSION_FR)) == "miss"
    assert state(client.get(MISSION_FR)) == "hit"


def test_privacy_written_without_signals_still_empties_it(client):
    """A QuerySet.update, a data migration or a SQL fix sends no signal: the database's own
    triggers write the new generation."""
    from django.db import connection

    page = StandardPage.objects.get(slug_fr="mission-et-actions")
    client.get(MISSION_FR)
    assert state(client.get(MISSION_FR)) == "hit"
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO wagtailcore_pageviewrestriction (page_id, restriction_type, password)"
            " VALUES (%s, 'password', 'secret')",
            [page.pk],
        )
    response = client.get(MISSION_FR)
    assert state(response) != "hit" and 'name="password"' in response.content.decode()
    PageViewRestriction.objects.filter(page=page).update(password="other")
    client.get(MISSION_FR)
    assert state(client.get(MISSION_FR)) != "hit"  # the password form sets the CSRF cookie


def test_migrate_empties_it(client):
    from django.core.management import call_command

    client.get("/fr/")
    assert state(client.get("/fr/")) == "hit"
    call_command("migrate", verbosity=0)
    assert state(client.get("/fr/")) == "miss"
