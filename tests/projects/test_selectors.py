"""The queries of the projects section: filters, their counts, countries, prefetching."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import PageViewRestriction
from wagtail_factories import ImageFactory

from ciso.i18n import shown_language
from projects.models import Country, Partner, ProjectPage
from projects.selectors import (
    CARD_IMAGE_FILTERS,
    COUNTRY_IMAGE_FILTERS,
    ProjectFilters,
    ProjectIds,
    cards,
    countries_and_partners,
    country_detail,
    facet_counts,
    filter_projects,
    live_countries,
    live_country,
    partner_countries,
    project_detail_relations,
    project_facts,
    project_list,
    projects_per_country,
)
from tests.projects.factories import add_project

pytestmark = pytest.mark.django_db

KONBIT = "konbit-haiti"
COVID = "resilience-solidarite-covid-mexique"


def slugs(projects):
    return [project.slug_fr for project in projects]


def listed(**filters):
    return slugs(project_list(filters=ProjectFilters(**filters)))


# The list and each filter alone


def test_all_live_projects_newest_first(index):
    assert slugs(project_list(index_page=index)) == [COVID, KONBIT]
    assert slugs(project_list()) == [COVID, KONBIT]


def test_same_start_year_is_ordered_by_title_in_each_language(make_project):
    make_project(start_year=2020, title_fr="Zapatistes", title_en="Zapatistas", slug_fr="z")
    make_project(start_year=2020, title_fr="Agroécologie", title_en="Agroecology", slug_fr="a")
    make_project(start_year=2020, title_fr="Syndicats", title_en="Labour unions", slug_fr="s")
    with translation.override("fr"):
        assert listed() == ["a", COVID, "s", "z", KONBIT]
    with translation.override("en"):
        assert listed() == ["a", "s", COVID, "z", KONBIT]


def test_drafts_and_private_projects_are_not_listed(make_project):
    make_project(slug_fr="brouillon", live=False)
    private = make_project(slug_fr="prive")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    assert listed() == [COVID, KONBIT]


@pytest.mark.parametrize(("iso_code", "expected"), [("HT", [KONBIT]), ("MX", [COVID]), ("CU", [])])
def test_filter_by_country(countries, iso_code, expected):
    assert listed(country=countries[iso_code]) == expected


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("community", [KONBIT]), ("other", [KONBIT]), ("union", []), ("peasant", [])],
)
def test_filter_by_kind_of_partner(kind, expected):
    assert listed(kind=kind) == expected


def test_a_project_with_two_partners_of_the_kind_is_listed_once(make_project, partners):
    make_project(slug_fr="deux-syndicats", partners=[partners["FAT"], partners["Antèn Ouvriye"]])
    projects = project_list(filters=ProjectFilters(kind="union"))
    assert slugs(projects) == ["deux-syndicats"]
    assert projects.count() == 1


def test_filter_by_status(make_project):
    make_project(slug_fr="en-cours", status="ongoing")
    assert listed(status="completed") == [KONBIT]
    assert listed(status="ongoing") == ["en-cours"]


@pytest.mark.parametrize(
    ("year_from", "year_to", "expected"),
    [
        (2010, None, [COVID, KONBIT]),  # Konbit ran until 2012; COVID has no end year
        (2012, None, [COVID, KONBIT]),
        (2013, None, [COVID]),
        (2050, None, [COVID]),  # a project with no end year is still active
        (None, 2008, []),
        (None, 2009, [KONBIT]),
        (None, 2020, [COVID, KONBIT]),
        (2010, 2011, [KONBIT]),  # active during the period, though it began before it
        (2012, 2012, [KONBIT]),
        (2013, 2019, []),
        (2019, 2021, [COVID]),
        (1995, 2030, [COVID, KONBIT]),
    ],
)
def test_filter_by_period_keeps_projects_active_at_some_point_in_it(year_from, year_to, expected):
    assert listed(year_from=year_from, year_to=year_to) == expected


def test_period_of_a_one_year_project(make_project):
    make_project(slug_fr="un-an", start_year=2016, end_year=2016)
    assert listed(year_from=2016, year_to=2016) == ["un-an"]
    assert listed(year_from=2017) == [COVID]
    assert listed(year_to=2015) == [KONBIT]


LISTED_FILTERS = [
    {},
    {"kind": "union"},
    {"kind": "community", "status": "completed"},
    {"status": "ongoing", "year_to": 2016},
    {"year_from": 2013},
    {"year_from": 2010, "year_to": 2011},
]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_lists_ids_are_those_of_project_list_in_its_order(
    index, countries, make_project, partners, language
):
    """The ids a page of the list shows (SQL) are those of the projects `project_list` gives
    (the ORM's live and public pages, the filters as `ProjectFilters.conditions()`), in its
    order in each language, and `filter_projects` counts them."""
    make_project(slug_fr="brouillon", live=False)
    private = make_project(slug_fr="prive")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    make_project(
        start_year=2020, title_fr="Zapatistes", title_en="Agroecology", status="ongoing",
        partners=[partners["FAT"], partners["Antèn Ouvriye"], partners["ICKL"]],
    )  # fmt: skip
    for n in range(3):
        make_project(country="HT", start_year=2010 + n, end_year=2012 + n, status="completed")
    with translation.override(language):
        for filters in [*LISTED_FILTERS, {"country": countries["HT"]}]:
            filters = ProjectFilters(**filters)
            listed = [project.pk for project in project_list(index_page=index, filters=filters)]
            facts = project_facts(index, by_period=filters.has_period)
            total = filter_projects(facts, filters)[0]
            assert total == len(listed), filters
            assert ProjectIds(index, filters, total)[0:total] == listed, filters
            assert ProjectIds(None, filters, total)[1:3] == listed[1:3], filters


def test_facts_gather_the_projects_that_share_them(index, countries, make_project, partners):
    two_unions = [partners["FAT"], partners["Antèn Ouvriye"], partners["ICKL"]]
    for year in (2001, 2002):
        make_project(country="HT", start_year=year, status="completed", partners=two_unions)
    haiti = countries["HT"].pk
    facts = {(f.country_id, f.status, tuple(sorted(f.kinds))): f for f in project_facts(index)}
    shared = facts[(haiti, "completed", ("community", "union"))]
    assert (shared.projects, shared.start_year, shared.end_year) == (2, None, None)
    assert facts[(haiti, "completed", ("community", "other"))].projects == 1  # Konbit
    by_period = project_facts(index, by_period=True)
    assert sorted((f.start_year, f.projects) for f in by_period if f.country_id == haiti) == [
        (2001, 1),
        (2002, 1),
        (2009, 1),
    ]
    assert sum(f.projects for f in by_period) == sum(f.projects for f in facts.values()) == 4


def test_no_facts_in_a_private_section(index):
    PageViewRestriction.objects.create(page=index, restriction_type="password", password="x")
    assert project_facts(index) == project_facts() == []
    assert partner_countries(index)[0].project_count == 0


# Filters combined


def test_filters_combine(countries, make_project, partners):
    make_project(
        slug_fr="haiti-syndicat",
        country="HT",
        start_year=2011,
        status="ongoing",
        partners=[partners["Antèn Ouvriye"]],
    )
    ht, mx = countries["HT"], countries["MX"]
    assert listed(country=ht) == ["haiti-syndicat", KONBIT]
    assert listed(country=ht, status="completed") == [KONBIT]
    assert listed(country=ht, kind="union") == ["haiti-syndicat"]
    assert listed(country=ht, year_from=2013) == ["haiti-syndicat"]
    assert listed(country=ht, kind="community", year_from=2010, year_to=2011) == [KONBIT]
    assert listed(country=ht, kind="community", year_from=2013) == []
    assert listed(country=mx, status="completed") == []
    assert listed(kind="union", status="ongoing", year_to=2011) == ["haiti-syndicat"]


def test_active_says_whether_any_filter_is_chosen(countries):
    assert not ProjectFilters().active
    assert not ProjectFilters(errors=["Pays"]).active
    assert ProjectFilters(country=countries["HT"]).active
    assert ProjectFilters(year_to=2000).active


# Counts per filter value


def test_counts_without_filters(countries):
    counts = facet_counts()
    assert counts["country"] == {countries["HT"].pk: 1, countries["MX"].pk: 1}
    assert counts["kind"] == {"community": 1, "other": 1}
    assert counts["status"] == {"completed": 1, "": 1}


def test_counts_keep_the_other_filters_and_leave_out_their_own(countries, make_project):
    make_project(slug_fr="cuba-en-cours", status="ongoing")
    ht, mx, cu = countries["HT"].pk, countries["MX"].pk, countries["CU"].pk

    # Choosing a country does not hide the others' counts, but restricts the other facets.
    counts = facet_counts(filters=ProjectFilters(country=countries["HT"]))
    assert counts["country"] == {ht: 1, mx: 1, cu: 1}
    assert counts["kind"] == {"community": 1, "other": 1}
    assert counts["status"] == {"completed": 1}

    counts = facet_counts(filters=ProjectFilters(status="ongoing"))
    assert counts["country"] == {cu: 1}
    assert counts["kind"] == {}
    assert counts["status"] == {"completed": 1, "ongoing": 1, "": 1}

    counts = facet_counts(filters=ProjectFilters(kind="community", year_from=2013))
    assert counts["country"] == {}
    assert counts["kind"] == {}

    # The period is no facet of its own: it always applies.
    counts = facet_counts(filters=ProjectFilters(year_to=2012))
    assert counts["country"] == {ht: 1}
    assert counts["status"] == {"completed": 1}


def test_counts_add_up_the_projects_of_each_value(countries, partners, make_project):
    for _ in range(3):
        make_project(status="ongoing", partners=[partners["FAT"], partners["ICKL"]])
    counts = facet_counts()
    assert counts["country"][countries["CU"].pk] == 3
    assert counts["status"]["ongoing"] == 3
    # A project counts once per kind, however many of its partners are of that kind.
    make_project(partners=[partners["FAT"], partners["Antèn Ouvriye"]])
    assert facet_counts()["kind"] == {"union": 4, "community": 4, "other": 1}


# Countries


def test_partner_countries_with_their_number_of_live_projects(index, make_project):
    make_project(country="HT", slug_fr="brouillon", live=False)
    make_project(country="MX")
    countries = {c.iso_code: c.project_count for c in partner_countries(index)}
    assert countries == {"DZ": 0, "BF": 0, "CU": 0, "GT": 0, "HT": 1, "ML": 0, "MX": 2}
    assert [c.name_fr for c in partner_countries(index)][:3] == ["Algérie", "Burkina Faso", "Cuba"]
    # Counted by PostgreSQL, or from the facts the list has read already: the same.
    per_country = projects_per_country(project_facts(index, by_period=True))
    assert {c.iso_code: per_country[c.pk] for c in live_countries()} == countries
    with translation.override("en"):
        names = [c.name for c in partner_countries(index)]
        assert names == [c.name for c in live_countries()]
        assert names == sorted(names) and "Algeria" in names


def test_partner_countries_do_not_count_private_projects(index, make_project):
    private = make_project(country="HT")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    countries = {c.iso_code: c.project_count for c in partner_countries(index)}
    assert countries["HT"] == facet_counts(index_page=index)["country"][private.country_id] == 1


def test_country_detail_lists_its_projects_and_partners(index, countries, make_project):
    make_project(country="HT", slug_fr="haiti-2015")
    make_project(country="MX", slug_fr="mexique-2015")
    detail = country_detail(countries["HT"], index)
    assert [card.url for card in detail["projects"]] == [
        "/fr/projets/haiti-2015/",
        "/fr/projets/konbit-haiti/",
    ]
    assert [p.name for p in detail["partners"]] == [
        "Antèn Ouvriye",
        "Institut culturel Karl Lévêque",
        "Plateforme haïtienne de plaidoyer pour un développement alternatif",
    ]
    assert country_detail(countries["CU"], index)["projects"] == []


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_card_says_what_its_project_says(
    index, countries, partners, make_project, language, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    draft_country = Country.objects.create(
        name_fr="Pérou", slug_fr="perou", iso_code="PE", region="latin_america", latitude=0,
        longitude=0, live=False,
    )  # fmt: skip
    projects = [
        ProjectPage.objects.get(slug_fr=KONBIT),
        make_project(
            country="MX", status="ongoing", end_year=None, title_en="", summary_en="",
            image=ImageFactory(), image_alt_fr="Une photo", image_alt_en="",
            partners=[partners["FAT"], partners["ICKL"]],
        ),
        make_project(start_year=2001, end_year=2001, status="completed", slug_en=""),
        add_project(index, country=draft_country, start_year=2010, end_year=2012),
    ]  # fmt: skip
    partners["ICKL"].live = False
    partners["ICKL"].save()
    request = RequestFactory().get("/")
    with translation.override(language):
        shown = cards([project.pk for project in projects], request)
        for card, project in zip(shown, projects, strict=True):
            project = ProjectPage.objects.get(pk=project.pk)
            assert card.url == project.get_url(request)
            assert (card.title, card.summary) == (project.title, project.summary)
            assert card.country_name == project.country.name
            assert (card.period, card.status_label) == (
                project.period,
                project.get_status_display(),
            )
            assert card.image == project.image and card.image_alt == project.image_alt
            assert card.partners == [
                p.acronym or p.name for p in project.partners.filter(live=True).order_by("name")
            ]
            for field in ("title", "summary"):
                assert shown_language(card, field) == shown_language(project, field)
    assert shown[1].partners == ["FAT"]


def test_cards_cost_the_same_for_1_and_for_12_projects(index, make_project, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    ids = [
        make_project(image=ImageFactory(), image_alt_fr="x", image_alt_en="y").pk for _ in range(12)
    ]
    # The renditions made once, and the sites' root paths (no request), which Wagtail keeps.
    for card in cards(ids):
        card.image.get_renditions(*CARD_IMAGE_FILTERS)
    with CaptureQueriesContext(connection) as none:
        assert cards([]) == []
    with CaptureQueriesContext(connection) as one:
        cards(ids[:1])
    with CaptureQueriesContext(connection) as twelve:
        shown = cards(ids)
        assert len(shown) == 12
        # Their pictures and the renditions a card shows came with them.
        for card in shown:
            assert len(card.image.get_renditions(*CARD_IMAGE_FILTERS)) == 4
    assert len(none) == len(one) == len(twelve) == 1


def test_live_country_by_its_slug_in_either_language(countries):
    mexico = countries["MX"]
    with translation.override("en"):
        assert live_country(mexico.slug_en) == mexico
        assert live_country(mexico.slug_fr) == mexico  # the page redirects to the English one
        assert live_country(mexico.slug_en).name == mexico.name_en
    assert live_country("nowhere") is None
    mexico.live = False
    mexico.save()
    assert live_country(mexico.slug_fr) is None  # never shown before it is published


def test_live_country_comes_with_its_picture_and_renditions(countries, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    haiti = countries["HT"]
    haiti.image = ImageFactory()
    haiti.save()
    haiti.image.get_renditions(*COUNTRY_IMAGE_FILTERS)
    with CaptureQueriesContext(connection) as queries:
        country = live_country(haiti.slug_fr)
        assert country.image == haiti.image
        assert len(country.image.get_renditions(*COUNTRY_IMAGE_FILTERS)) == 6
    assert len(queries) == 1
    haiti.image = None
    haiti.save()
    assert live_country(haiti.slug_fr).image is None


def test_project_detail_relations_in_order():
    konbit = ProjectPage.objects.get(slug_fr=KONBIT)
    relations = project_detail_relations(konbit)
    assert [p.acronym for p in relations["partners"]] == ["ICKL", "PAPDA"]
    assert [t.name_fr for t in relations["themes"]] == [
        "Crises et reconstruction",
        "Démocratie et droits",
    ]


# Cost


def test_project_list_costs_the_same_for_2_and_for_22_projects(make_project, partners):
    def cost():
        with CaptureQueriesContext(connection) as queries:
            for project in project_list(filters=ProjectFilters(kind="union")):
                assert project.country.name
                assert project.live_partners
        return len(queries)

    union = [partners["FAT"], partners["ICKL"]]
    for _ in range(2):
        make_project(partners=union)
    before = cost()
    for _ in range(20):
        make_project(partners=union)
    assert cost() == before


def test_the_countries_and_partners_of_the_home_page_as_the_orm_gives_them(
    index, partners, countries
):
    # One unpublished, one (first by name) in a country since unpublished.
    first = Partner.objects.create(
        name="Aaa", kind=next(iter(Partner.Kind)).value, country=countries["CU"], live=True
    )
    hidden = next(iter(partners.values()))
    hidden.live = False
    hidden.save()
    Country.objects.filter(pk=countries["CU"].pk).update(live=False)
    with CaptureQueriesContext(connection) as queries:
        listed, ours = countries_and_partners(index)
        shown = [
            (p.pk, p.name, p.acronym, (p.country.pk, p.country.name, p.country.live)) for p in ours
        ]
    assert len(queries) == 1
    orm = Partner.objects.filter(live=True).select_related("country").order_by("name", "pk")
    assert shown == [
        (p.pk, p.name, p.acronym, (p.country.pk, p.country.name, p.country.live)) for p in orm
    ]
    assert hidden.pk not in {p.pk for p in ours}
    assert ours[0].pk == first.pk and not ours[0].country.live
    # The countries, as partner_countries gives them.
    assert [(c.pk, c.project_count) for c in listed] == [
        (c.pk, c.project_count) for c in partner_countries(index)
    ]
