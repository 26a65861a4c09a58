"""Pages are found by their address in two queries, always the page Wagtail's own routing (one
segment at a time) would find, with whether any view restriction applies to them."""

import pytest
from django.http import Http404
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, Site

from ciso import routing
from ciso.models import HomePage, StandardPage
from projects.models import Country, ProjectIndexPage
from tests.projects.factories import add_project

pytestmark = pytest.mark.django_db


def wagtails_route(request, site, path):
    try:
        return site.root_page.specific.route(request, [c for c in path.split("/") if c])
    except Http404:
        return None


def summary(result):
    """What a route result says: the page, and for a routable page's route its view and
    arguments."""
    if result is None:
        return None
    page, args, kwargs = result
    if args:
        view, view_args, view_kwargs = args
        args = (view.__func__, view_args, view_kwargs)
    return (type(page), page.pk, args, kwargs)


def assert_same_route(rf, language, path):
    site = Site.objects.get(is_default_site=True)
    with translation.override(language):
        ours = routing.route(rf.get(f"/{language}/{path}"), site, path)
        wagtails = wagtails_route(rf.get(f"/{language}/{path}"), site, path)
    assert summary(ours) == summary(wagtails), (language, path)
    return ours


def page_paths(language):
    """The path (after the language prefix) of every page of the site, in `language`."""
    home = HomePage.objects.get()
    prefix = getattr(home, f"url_path_{language}")
    return [
        getattr(page, f"url_path_{language}")[len(prefix) :]
        for page in Page.objects.descendant_of(home, inclusive=True)
    ]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_page_is_found_where_wagtail_finds_it(rf, language):
    paths = page_paths(language)
    assert len(paths) >= 9
    for path in paths:
        assert assert_same_route(rf, language, path) is not None, path


@pytest.mark.parametrize(
    ("language", "path"),
    [
        ("fr", "projets/pays/haiti/"),
        ("en", "projects/countries/haiti/"),
        ("fr", "projets/countries/haiti/"),  # the index's route of the other language
        ("fr", "projets/pays/"),
        ("fr", "projets/pays/nulle-part/"),
        ("fr", "nulle-part/"),
        ("fr", "historique/nulle-part/encore/"),
        ("en", "historique/"),  # a French slug where an English one exists
        ("en", "mission-and-activities/more/"),
    ],
)
def test_routes_and_unknown_addresses_as_wagtail(rf, language, path):
    assert_same_route(rf, language, path)


def test_country_pages_are_served_by_the_index(rf):
    page, args, _kwargs = assert_same_route(rf, "fr", "projets/pays/haiti/")
    assert isinstance(page, ProjectIndexPage)
    assert args[1:] == ((), {"slug": "haiti"})


def test_drafts_are_not_found_but_their_live_children_are(rf):
    home = HomePage.objects.get()
    draft = home.add_child(
        instance=StandardPage(
            title_fr="Brouillon", slug_fr="brouillon", slug_en="draft", live=False
        )
    )
    draft.add_child(instance=StandardPage(title_fr="Enfant", slug_fr="enfant", slug_en="child"))
    assert assert_same_route(rf, "fr", "brouillon/") is None
    assert assert_same_route(rf, "fr", "brouillon/enfant/") is not None
    assert assert_same_route(rf, "en", "draft/child/") is not None


def test_a_page_without_english_slug_has_its_french_one_in_english(rf):
    home = HomePage.objects.get()
    home.add_child(instance=StandardPage(title_fr="Seulement", slug_fr="seulement-fr", slug_en=""))
    assert assert_same_route(rf, "en", "seulement-fr/") is not None


def test_a_route_of_the_index_wins_over_a_project_of_the_same_slug(rf):
    index = ProjectIndexPage.objects.get()
    haiti = Country.objects.get(iso_code="HT")
    add_project(index, country=haiti, start_year=2020, slug_fr="pays", slug_en="countries")
    page, args, _kwargs = assert_same_route(rf, "fr", "projets/pays/haiti/")
    assert isinstance(page, ProjectIndexPage)
    page, args, _kwargs = assert_same_route(rf, "fr", "projets/pays/")
    assert page.slug_fr == "pays"
    assert not args


def test_an_alias_is_found_where_wagtail_finds_it(rf):
    source = StandardPage.objects.get(slug_fr="rqic")
    alias = source.create_alias(parent=StandardPage.objects.get(slug_fr="mission-et-actions"))
    page, _args, _kwargs = assert_same_route(rf, "fr", "mission-et-actions/rqic/")
    assert page.pk == alias.pk
    page, _args, _kwargs = assert_same_route(rf, "en", "mission-and-activities/rqic/")
    assert page.pk == alias.pk


def test_two_queries_whatever_the_depth(rf, django_assert_num_queries):
    site = Site.objects.get(is_default_site=True)
    path = "projets/konbit-haiti/"
    with translation.override("fr"):
        routing.route(rf.get(f"/fr/{path}"), site, path)  # page types known to the process
    with translation.override("fr"), django_assert_num_queries(2):
        page, _args, _kwargs = routing.route(rf.get(f"/fr/{path}"), site, path)
    assert page.slug_fr == "konbit-haiti"


def test_the_breadcrumbs_and_parent_come_with_the_page(client, html, django_assert_num_queries):
    page = client.get("/fr/projets/konbit-haiti/").context["page"]
    assert [a.slug_fr for a in page.route_ancestors] == ["accueil", "projets"]
    with django_assert_num_queries(0):
        assert page.get_parent().slug_fr == "projets"
    index = ProjectIndexPage.objects.get()
    crumbs = html(client.get("/en/projects/konbit-democratic-haiti/")).select(".breadcrumbs a")
    assert [a.get_text() for a in crumbs][:2] == ["Home", index.title_en]
    assert [a["href"] for a in crumbs][:2] == ["/en/", "/en/projects/"]


def test_private_pages_still_ask_for_their_password(client):
    home = HomePage.objects.get()
    private = home.add_child(instance=StandardPage(title_fr="Privé", slug_fr="prive", slug_en="pv"))
    private.add_child(instance=StandardPage(title_fr="Dedans", slug_fr="dedans", slug_en="inside"))
    assert client.get("/fr/prive/dedans/").status_code == 200
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    for url in ("/fr/prive/", "/fr/prive/dedans/", "/en/pv/inside/"):
        response = client.get(url)
        assert b'name="password"' in response.content, url
    assert b'name="password"' not in client.get("/fr/mission-et-actions/").content


def test_whether_restrictions_apply_comes_with_the_page(rf, django_assert_num_queries):
    """Read in the routing's query, as Wagtail finds the restrictions: those of the page and
    of its ancestors. For an alias (Wagtail gives it those of its source) it is not known, and
    the restrictions are read."""
    site = Site.objects.get(is_default_site=True)
    home = HomePage.objects.get()

    def add(parent, slug):
        return parent.add_child(instance=StandardPage(title_fr=slug, slug_fr=slug, slug_en=slug))

    private = add(home, "prive")
    add(add(private, "enfant"), "petit-enfant")
    private_child = add(add(home, "public"), "enfant-prive")
    private_child.create_alias(parent=home, update_slug="alias")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    PageViewRestriction.objects.create(page=private_child, restriction_type="login")
    expected = {  # path: (what the routing says, whether restrictions apply)
        "": (False, False),
        "mission-et-actions/": (False, False),
        "projets/pays/haiti/": (False, False),
        "prive/": (True, True),
        "prive/enfant/petit-enfant/": (True, True),
        "public/": (False, False),
        "public/enfant-prive/": (True, True),
        "alias/": (None, True),  # its source's restriction
    }
    for path, (said, restricted) in expected.items():
        with translation.override("fr"):
            page = routing.route(rf.get(f"/fr/{path}"), site, path).page
        assert page.has_view_restrictions is said, path
        assert bool(list(Page.get_view_restrictions(page))) is restricted, path
        assert bool(list(page.get_view_restrictions())) is restricted, path
        if not restricted:
            with django_assert_num_queries(0):
                assert list(page.get_view_restrictions()) == []


def test_the_main_menu_comes_with_the_page(rf, django_assert_num_queries):
    site = Site.objects.get(is_default_site=True)
    home = HomePage.objects.get()
    private = home.add_child(
        instance=StandardPage(title_fr="Privé", slug_fr="prive", slug_en="pv", show_in_menus=True)
    )
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    expected = list(home.get_children().live().in_menu().public())
    assert private.pk not in [page.pk for page in expected]
    for path in ("", "historique/", "projets/pays/haiti/", "nulle-part/"):
        request = rf.get(f"/fr/{path}")
        with translation.override("fr"):
            routing.route(request, site, path)
        with django_assert_num_queries(0):
            assert routing.main_menu(request) == expected, path
    # A request that was not routed (a view that is not a page): read in one query.
    request = rf.get("/fr/recherche/")
    Site.find_for_request(request)  # as every request does first
    with django_assert_num_queries(1):
        assert routing.main_menu(request) == expected


def test_a_restriction_written_without_any_signal_applies_on_the_next_request(client):
    assert client.get("/fr/projets/konbit-haiti/").status_code == 200
    PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page=ProjectIndexPage.objects.get(), restriction_type="login")]
    )
    for url in ("/fr/projets/konbit-haiti/", "/fr/projets/pays/haiti/", "/en/projects/"):
        assert client.get(url).status_code == 302, url


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_pages_address_from_its_url_path_is_wagtails(rf, language):
    request = rf.get("/")
    with translation.override(language):
        for page in Page.objects.all():
            expected = page.get_url(request) if page.depth >= 2 else None
            assert routing.page_url(request, page.url_path) == expected, page.url_path
