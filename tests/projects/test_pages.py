"""The project index (filters, counts, pagination, map), the country pages and the project pages,
as a visitor reads them in each language."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail_factories import ImageFactory

from projects.initial_content import COUNTRIES
from projects.models import Country, Partner, ProjectIndexPage, ProjectPage
from tests.projects.factories import add_project

pytestmark = pytest.mark.django_db

INDEX = {"fr": "/fr/projets/", "en": "/en/projects/"}
TITLES = {
    "konbit": {
        "fr": "Konbit pour une construction démocratique et solidaire d’Haïti",
        "en": "Konbit for a democratic and united Haiti",
    },
    "covid": {
        "fr": "Résilience et solidarité\u202f: s’organiser face à la crise de la COVID-19 au "
        "Mexique",
        "en": "Resilience and solidarity: organising in the face of the COVID-19 crisis in Mexico",
    },
}
BOTH = pytest.mark.parametrize("language", ["fr", "en"])


def cards(doc):
    return [a.get_text() for a in doc.select(".project-card .project-card__title a")]


def count_text(doc):
    return doc.select_one(".project-list__count").get_text(strip=True)


def counted(n, language):
    """What the list says of n projects: French puts 0 and 1 in the singular."""
    if language == "fr":
        return f"{n} projet" if n <= 1 else f"{n} projets"
    return f"{n} project" if n == 1 else f"{n} projects"


def options(doc, name):
    """The choices of a filter with their counts, without the "all" choice."""
    return [o.get_text() for o in doc.select(f"select[name={name}] option") if o["value"]]


def selected(doc, name):
    return [o["value"] for o in doc.select(f"select[name={name}] option[selected]")]


def notice_items(doc):
    """The filters the notice says were left out."""
    text = doc.select_one(".notice").get_text(" ", strip=True)
    return text.split(":", 1)[1].strip().rstrip(".").split(", ")


def current_page(doc):
    return doc.select_one(".pagination [aria-current=page]").get_text()


# The list and its filters


@BOTH
def test_index_lists_the_projects_newest_first(client, html, language):
    response = client.get(INDEX[language])
    assert response.status_code == 200
    doc = html(response)
    assert cards(doc) == [TITLES["covid"][language], TITLES["konbit"][language]]
    assert count_text(doc) == counted(2, language)
    assert doc.select_one(".empty-state") is None
    assert doc.select_one(".notice") is None
    assert doc.select_one(".pagination") is None  # one page only


def test_cards_say_where_when_and_with_whom(client, html):
    fr = html(client.get("/fr/projets/"))
    en = html(client.get("/en/projects/"))
    assert [m.get_text() for m in fr.select(".project-card__meta")] == [
        "Mexique · Depuis 2020",
        "Haïti · 2009–2012 · Terminé",
    ]
    assert [m.get_text() for m in en.select(".project-card__meta")] == [
        "Mexico · Since 2020",
        "Haiti · 2009–2012 · Completed",
    ]
    partners = [p.get_text(" ", strip=True) for p in en.select(".project-card__partners")]
    assert partners == ["Partners: ICKL, PAPDA"]  # the COVID project has none
    assert [a["href"] for a in en.select(".project-card__title a")] == [
        "/en/projects/resilience-solidarity-covid-mexico/",
        "/en/projects/konbit-democratic-haiti/",
    ]
    assert [a["href"] for a in fr.select(".project-card__title a")] == [
        "/fr/projets/resilience-solidarite-covid-mexique/",
        "/fr/projets/konbit-haiti/",
    ]


FILTERS = [
    ("country=ht", ["konbit"]),
    ("country=mx", ["covid"]),
    ("kind=community", ["konbit"]),
    ("kind=other", ["konbit"]),
    ("status=completed", ["konbit"]),
    ("year_from=2013", ["covid"]),
    ("year_from=2040", ["covid"]),  # no end year: still active
    ("year_to=2010", ["konbit"]),
    ("year_from=2010&year_to=2011", ["konbit"]),
    ("year_from=1995&year_to=2030", ["covid", "konbit"]),
    ("country=ht&status=completed", ["konbit"]),
    ("country=mx&year_from=2021", ["covid"]),
    ("country=ht&kind=other&status=completed&year_from=2009&year_to=2012", ["konbit"]),
]


@BOTH
@pytest.mark.parametrize(("query", "expected"), FILTERS)
def test_filters_alone_and_combined(client, html, language, query, expected):
    response = client.get(f"{INDEX[language]}?{query}")
    assert response.status_code == 200
    doc = html(response)
    assert cards(doc) == [TITLES[key][language] for key in expected]
    assert count_text(doc) == counted(len(expected), language)
    assert doc.select_one(".notice") is None


def test_filters_find_added_projects(client, html, make_project, partners):
    make_project(
        title_fr="Syndicats cubains",
        title_en="Cuban unions",
        start_year=2014,
        status="ongoing",
        partners=[partners["FAT"], partners["Sindicato de pepenadores Lázaro Cárdenas del Río"]],
    )
    doc = html(client.get("/en/projects/?kind=union"))
    assert cards(doc) == ["Cuban unions"]  # once, though two of its partners are unions
    assert count_text(doc) == "1 project"
    doc = html(client.get("/en/projects/?status=ongoing&year_to=2014&country=cu"))
    assert cards(doc) == ["Cuban unions"]
    doc = html(client.get("/en/projects/?status=ongoing&year_to=2013"))
    assert cards(doc) == []


def test_chosen_filters_are_shown_in_the_form(client, html):
    doc = html(client.get("/fr/projets/?country=ht&kind=other&status=completed&year_from=2010"))
    assert selected(doc, "country") == ["ht"]
    assert selected(doc, "kind") == ["other"]
    assert selected(doc, "status") == ["completed"]
    assert doc.select_one("input[name=year_from]")["value"] == "2010"
    assert doc.select_one("input[name=year_to]")["value"] == ""


def test_a_reversed_period_is_read_the_right_way_round(client, html):
    doc = html(client.get("/en/projects/?year_from=2012&year_to=2009"))
    assert cards(doc) == [TITLES["konbit"]["en"]]
    assert doc.select_one("input[name=year_from]")["value"] == "2009"
    assert doc.select_one("input[name=year_to]")["value"] == "2012"
    assert doc.select_one(".notice") is None


def test_clear_the_filters_only_when_some_are_chosen(client, html):
    doc = html(client.get("/fr/projets/"))
    assert "Effacer les filtres" not in doc.select_one(".filters").get_text()
    doc = html(client.get("/fr/projets/?year_to=2010"))
    link = doc.select_one(".filters__actions a")
    assert (link.get_text(), link["href"]) == ("Effacer les filtres", "/fr/projets/")
    doc = html(client.get("/en/projects/?status=bogus"))
    link = doc.select_one(".filters__actions a")
    assert (link.get_text(), link["href"]) == ("Clear the filters", "/en/projects/")


def test_filters_survive_the_language_switch(client, html):
    doc = html(client.get("/fr/projets/?country=ht&status=completed"))
    switcher = {a["hreflang"]: a["href"] for a in doc.select(".language-switcher a")}
    assert switcher == {
        "fr": "/fr/projets/?country=ht&status=completed",
        "en": "/en/projects/?country=ht&status=completed",
    }
    en = html(client.get(switcher["en"]))
    assert cards(en) == [TITLES["konbit"]["en"]]


# Counts per filter value


def test_option_counts_without_filters(client, html):
    fr = html(client.get("/fr/projets/"))
    assert options(fr, "country") == [
        "Algérie (0)",
        "Burkina Faso (0)",
        "Cuba (0)",
        "Guatemala (0)",
        "Haïti (1)",
        "Mali (0)",
        "Mexique (1)",
    ]
    assert options(fr, "kind") == [
        "Syndicat (0)",
        "Organisation paysanne (0)",
        "Organisation de défense des droits humains (0)",
        "Groupe communautaire (1)",
        "Autre organisation (1)",
    ]
    assert options(fr, "status") == ["En cours (0)", "Terminé (1)"]
    en = html(client.get("/en/projects/"))
    assert options(en, "country")[4:] == ["Haiti (1)", "Mali (0)", "Mexico (1)"]
    assert options(en, "status") == ["Ongoing (0)", "Completed (1)"]
    assert [o["value"] for o in en.select("select[name=country] option")] == [
        "",
        "dz",
        "bf",
        "cu",
        "gt",
        "ht",
        "ml",
        "mx",
    ]


def test_option_counts_keep_the_other_filters(client, html, make_project, partners):
    make_project(title_en="Cuban unions", status="ongoing", partners=[partners["FAT"]])

    # A chosen country keeps the other countries' counts: they say what choosing them gives.
    doc = html(client.get("/en/projects/?country=ht"))
    assert options(doc, "country") == [
        "Algeria (0)",
        "Burkina Faso (0)",
        "Cuba (1)",
        "Guatemala (0)",
        "Haiti (1)",
        "Mali (0)",
        "Mexico (1)",
    ]
    assert options(doc, "kind") == [
        "Union (0)",
        "Peasant organisation (0)",
        "Human-rights organisation (0)",
        "Community group (1)",
        "Other organisation (1)",
    ]
    assert options(doc, "status") == ["Ongoing (0)", "Completed (1)"]

    doc = html(client.get("/en/projects/?status=ongoing"))
    assert "Cuba (1)" in options(doc, "country") and "Haiti (0)" in options(doc, "country")
    assert options(doc, "kind")[0] == "Union (1)"
    assert options(doc, "status") == ["Ongoing (1)", "Completed (1)"]

    # The period always applies to the counts.
    doc = html(client.get("/fr/projets/?kind=union&year_to=2012"))
    assert "Cuba (0)" in options(doc, "country")
    assert options(doc, "kind")[0] == "Syndicat (0)"
    assert options(doc, "kind")[3:] == ["Groupe communautaire (1)", "Autre organisation (1)"]


def test_option_counts_add_up(client, html, make_project):
    for _ in range(3):
        make_project(country="CU", status="ongoing")
    doc = html(client.get("/fr/projets/"))
    assert count_text(doc) == "5 projets"
    assert "Cuba (3)" in options(doc, "country")
    assert options(doc, "status") == ["En cours (3)", "Terminé (1)"]


# No project matches


@BOTH
@pytest.mark.parametrize(
    "query",
    [
        "country=cu",
        "kind=peasant",
        "status=ongoing",
        "year_to=2000",
        "country=ht&year_from=2013",
        "country=mx&status=completed",
    ],
)
def test_no_project_matches(client, html, language, query):
    response = client.get(f"{INDEX[language]}?{query}")
    assert response.status_code == 200
    doc = html(response)
    assert cards(doc) == []
    assert count_text(doc) == counted(0, language)
    empty = doc.select_one(".empty-state")
    message = {"fr": "Aucun projet ne correspond à ces filtres.", "en": "No project matches"}
    assert message[language] in empty.get_text()
    back = empty.select_one("a")
    assert back["href"] == INDEX[language]
    assert (
        back.get_text() == {"fr": "Voir tous les projets", "en": "See all the projects"}[language]
    )
    assert len(cards(html(client.get(back["href"])))) == 2


# Bad parameters: reported, left out, never a 500


@pytest.mark.parametrize(
    ("query", "left_out", "listed"),
    [
        ("country=zz", ["Pays"], 2),
        ("country=%00", ["Pays"], 2),
        ("country=" + "x" * 5000, ["Pays"], 2),
        ("status=bogus", ["État"], 2),
        ("status=%00", ["État"], 2),
        ("kind=bogus", 1, 2),
        ("year_from=abc", 1, 2),
        ("year_from=99999", 1, 2),
        ("year_from=" + "9" * 5000, 1, 2),
        ("year_to=1800", 1, 2),
        ("year_to=%00", 1, 2),
        ("year_from=2013&year_to=abc", 1, 1),  # the valid half of the period is kept
        ("country=ht&status=bogus", ["État"], 1),  # the valid filter is kept
        ("country=zz&kind=x&status=x&year_from=x&year_to=x", 5, 2),
    ],
)
def test_bad_filters_are_reported_and_left_out(client, html, query, left_out, listed):
    response = client.get(f"/fr/projets/?{query}")
    assert response.status_code == 200
    doc = html(response)
    notice = doc.select_one(".notice")
    assert notice.get_text().startswith("Ces filtres n’ont pas été compris et ont été ignorés")
    if isinstance(left_out, list):
        assert notice_items(doc) == left_out
    else:
        assert len(notice_items(doc)) == left_out
    assert len(cards(doc)) == listed
    assert count_text(doc) == counted(listed, "fr")


def test_bad_filters_are_reported_in_english(client, html):
    doc = html(client.get("/en/projects/?country=zz&status=bogus"))
    assert doc.select_one(".notice").get_text(" ", strip=True) == (
        "These filters were not understood and were left out: Country, Status."
    )


@BOTH
def test_the_notice_names_the_filters_as_the_form_labels_them(client, html, language):
    query = "country=zz&kind=bogus&status=bogus&year_from=abc&year_to=abc"
    doc = html(client.get(f"{INDEX[language]}?{query}"))
    names = ["country", "kind", "status", "year_from", "year_to"]
    labels = [doc.select_one(f"label[for=id_{name}]").get_text() for name in names]
    assert notice_items(doc) == labels


@pytest.mark.parametrize(
    "query",
    [
        "page=%00",
        "kind=%00&country=%00&status=%00&year_from=%00&year_to=%00&page=%00",
        "country=" + "é" * 3000 + "&kind=" + "k" * 10000 + "&page=" + "9" * 10000,
        "year_from=1e400&year_to=-0",
        "year_from=2010.5&year_to=0x7E0",
        "country[]=ht&status[]=completed",
        "country=ht&country=zz&country=mx",
        "year_from=2000&year_from=abc&year_from=",
        "page=1&page=2&page=abc",
        "&&&=&==&country",
        "%ff%fe=%ff&status=%c3%28",
    ],
)
def test_odd_query_strings_never_fail(client, html, query):
    for url in INDEX.values():
        response = client.get(f"{url}?{query}")
        assert response.status_code == 200, query
        assert html(response).select_one(".project-list__count") is not None


def test_repeated_parameters_apply_one_value_and_show_it(client, html):
    doc = html(client.get("/fr/projets/?country=ht&country=mx"))
    chosen = selected(doc, "country")
    assert len(chosen) == 1
    key = {"ht": "konbit", "mx": "covid"}[chosen[0]]
    assert cards(doc) == [TITLES[key]["fr"]]
    assert doc.select_one(".notice") is None


def test_a_nul_byte_in_a_country_address_is_not_found(client):
    assert client.get("/fr/projets/pays/%00/").status_code == 404
    assert client.get("/en/projects/countries/ha%00iti/").status_code == 404


# Pagination


@pytest.fixture
def cuban_projects():
    """25 projects in Cuba (27 in all, 3 pages)."""
    index = ProjectIndexPage.objects.get()
    cuba = Country.objects.get(iso_code="CU")
    for year in range(1995, 2020):
        add_project(
            index,
            country=cuba,
            start_year=year,
            title_fr=f"Projet cubain {year}",
            title_en=f"Cuban project {year}",
        )


@pytest.mark.usefixtures("cuban_projects")
class TestPagination:
    def test_twelve_projects_a_page(self, client, html):
        doc = html(client.get("/fr/projets/"))
        assert count_text(doc) == "27 projets"
        assert len(cards(doc)) == 12
        assert cards(doc)[:2] == [TITLES["covid"]["fr"], "Projet cubain 2019"]
        nav = doc.select_one("nav.pagination")
        assert [(a.get_text(), a["href"]) for a in nav.select("a")] == [
            ("1", "?page=1"),
            ("2", "?page=2"),
            ("3", "?page=3"),
            ("Suivante", "?page=2"),
        ]
        assert current_page(doc) == "1"

    def test_the_pages_together_list_every_project_once(self, client, html):
        pages = [cards(html(client.get(f"/en/projects/?page={n}"))) for n in (1, 2, 3)]
        assert [len(page) for page in pages] == [12, 12, 3]
        every = [title for page in pages for title in page]
        assert len(set(every)) == 27
        assert every[-1] == "Cuban project 1995"
        assert TITLES["konbit"]["en"] in pages[1]

    def test_middle_page_links_both_ways(self, client, html):
        doc = html(client.get("/en/projects/?page=2"))
        assert doc.select_one(".pagination a[rel=prev]")["href"] == "?page=1"
        assert doc.select_one(".pagination a[rel=next]")["href"] == "?page=3"
        assert current_page(doc) == "2"
        last = html(client.get("/en/projects/?page=3"))
        assert last.select_one(".pagination a[rel=next]") is None

    @BOTH
    def test_page_links_keep_the_filters(self, client, html, language):
        doc = html(client.get(f"{INDEX[language]}?country=cu&year_to=2015"))
        assert count_text(doc) == counted(21, language)  # 1995 to 2015
        following = doc.select_one(".pagination a[rel=next]")["href"]
        assert following == "?country=cu&year_to=2015&page=2"
        doc = html(client.get(INDEX[language] + following))
        assert count_text(doc) == counted(21, language)
        assert len(cards(doc)) == 9
        assert cards(doc)[-1].endswith("1995")
        hrefs = [a["href"] for a in doc.select(".pagination a")]
        assert hrefs == [
            "?country=cu&year_to=2015&page=1",  # previous
            "?country=cu&year_to=2015&page=1",
            "?country=cu&year_to=2015&page=2",
        ]

    @pytest.mark.parametrize(
        ("page", "shown"),
        [
            ("abc", "1"),
            ("%00", "1"),
            ("2.0", "1"),
            ("", "1"),
            ("9" * 5000, "1"),
            ("0", "3"),
            ("-1", "3"),
            ("999", "3"),
        ],
    )
    def test_bad_page_numbers_show_a_page(self, client, html, page, shown):
        response = client.get(f"/fr/projets/?page={page}")
        assert response.status_code == 200
        doc = html(response)
        assert current_page(doc) == shown
        assert len(cards(doc)) == (3 if shown == "3" else 12)

    def test_a_page_survives_the_language_switch(self, client, html):
        doc = html(client.get("/fr/projets/?country=cu&page=2"))
        switcher = {a["hreflang"]: a["href"] for a in doc.select(".language-switcher a")}
        assert switcher["en"] == "/en/projects/?country=cu&page=2"
        assert current_page(html(client.get(switcher["en"]))) == "2"


# The map


def country_urls(language):
    prefix = {"fr": "/fr/projets/pays/", "en": "/en/projects/countries/"}[language]
    name = {"fr": 0, "en": 1}[language]
    slug = {"fr": 2, "en": 3}[language]
    by_name = sorted(COUNTRIES.values(), key=lambda country: country[name])
    return [f"{prefix}{country[slug]}/" for country in by_name]


def map_links(doc, layer):
    """{label: href} of the markers of a layer of the map ("phone" or "wide")."""
    markers = doc.select(f".partner-map__markers--{layer} a.partner-map__marker")
    return {a.select_one("text").get_text(): a["href"] for a in markers}


@BOTH
def test_map_links_each_country_to_its_page(client, html, language):
    doc = html(client.get(INDEX[language]))
    svg = doc.select_one(".partner-countries figure svg")
    assert svg is not None  # drawn inline
    # Each country: its highlighted outline and a marker in each layout, all to its page.
    for selector in (".partner-map__shape", ".partner-map__markers--phone a"):
        assert [a["href"] for a in svg.select(selector)] == country_urls(language), selector
    assert list(map_links(doc, "wide").values()) == country_urls(language)
    assert all(a.select_one("path")["d"].startswith("M") for a in svg.select(".partner-map__shape"))
    # The text list is the accessible equivalent: the same links.
    assert [a["href"] for a in doc.select(".country-list a")] == country_urls(language)
    for url in country_urls(language):
        assert client.get(url).status_code == 200, url


def test_the_map_repeats_the_list_for_the_eye_and_the_pointer_only(client, html):
    """Screen readers and the keyboard meet each country once, in the list under the map."""
    doc = html(client.get("/en/projects/"))
    canvas = doc.select_one(".partner-map__canvas")
    assert canvas["aria-hidden"] == "true"
    assert {a["tabindex"] for a in canvas.select("a")} == {"-1"}
    assert canvas.select_one("img")["alt"] == ""
    assert doc.select_one(".partner-map")["aria-labelledby"] == "partner-map-caption"
    assert doc.select_one("#partner-map-caption").get_text() == (
        "Map of the partner countries. The list below gives the same links."
    )
    assert not doc.select(".country-list [aria-hidden], .country-list [tabindex]")


def test_phone_markers_are_numbered_as_the_list(client, html):
    doc = html(client.get("/fr/projets/"))
    names = [a.get_text() for a in doc.select(".country-list a")]
    numbers = map_links(doc, "phone")
    assert list(numbers) == [str(n) for n in range(1, len(names) + 1)]
    assert [numbers[str(n)] for n in range(1, 8)] == [
        a["href"] for a in doc.select(".country-list a")
    ]
    assert doc.select_one(".country-list").name == "ol"


def test_map_and_list_name_the_countries_and_their_projects(client, html):
    fr = html(client.get("/fr/projets/"))
    haiti = fr.select(".partner-map__markers--wide a")[4]
    assert haiti.select_one("text").get_text() == "Haïti"
    assert haiti.select_one("title").get_text() == "Haïti\N{NARROW NO-BREAK SPACE}: 1 projet"
    # A country without project pages is named, with no count.
    assert (
        fr.select(".partner-map__markers--wide a")[3].select_one("title").get_text() == "Guatemala"
    )
    assert [li.get_text(" ", strip=True) for li in fr.select(".country-list li")] == [
        "Algérie",
        "Burkina Faso",
        "Cuba",
        "Guatemala",
        "Haïti (1 projet)",
        "Mali",
        "Mexique (1 projet)",
    ]
    en = html(client.get("/en/projects/"))
    assert en.select(".partner-map__markers--wide a")[6].select_one("title").get_text() == (
        "Mexico: 1 project"
    )
    assert en.select(".country-list li")[0].get_text(" ", strip=True) == "Algeria"
    assert "0 project" not in en.select_one(".partner-countries").get_text()


def test_the_list_counts_projects_in_the_plural(client, html, make_project):
    make_project(country="CU", start_year=2015)
    make_project(country="CU", start_year=2016)
    fr = html(client.get("/fr/projets/"))
    assert fr.select(".country-list li")[2].get_text(" ", strip=True) == "Cuba (2 projets)"
    en = html(client.get("/en/projects/"))
    assert en.select(".country-list li")[2].get_text(" ", strip=True) == "Cuba (2 projects)"


def test_map_makes_no_external_request(client, html):
    doc = html(client.get("/en/projects/"))
    svg = doc.select_one(".partner-map svg")
    for element in [svg, *svg.find_all(True)]:
        assert element.name not in ("image", "foreignobject", "script", "use"), element.name
        for name, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            assert not re.search(r"https?:|//|url\(", value), (element.name, name, value)
    # The base map is the site's own static file.
    assert doc.select_one(".partner-map__base")["src"].startswith("/static/img/partner-map")


def test_map_grows_with_a_new_country(client, html, index):
    senegal = Country.objects.create(
        name_fr="Sénégal",
        name_en="Senegal",
        slug_fr="senegal",
        slug_en="senegal",
        iso_code="SN",
        region="africa",
        latitude=14.5,
        longitude=-14.5,
    )
    add_project(index, country=senegal, start_year=2018)
    doc = html(client.get("/en/projects/"))
    markers = map_links(doc, "wide")
    assert markers["Senegal"] == "/en/projects/countries/senegal/"
    # Natural Earth's outline of Senegal is drawn, highlighted and linked.
    shapes = [a["href"] for a in doc.select(".partner-map__shape")]
    assert "/en/projects/countries/senegal/" in shapes
    assert "Senegal (1)" in options(doc, "country")
    assert client.get(markers["Senegal"]).status_code == 200


def test_a_country_without_an_outline_gets_its_marker(client, html):
    """Tuvalu's outline is not in the data (it lies outside the frame, and the code a country
    is given need not be one Natural Earth knows): placed in the Atlantic for the test, it is
    drawn as a marker only."""
    Country.objects.create(
        name_fr="Tuvalu",
        name_en="Tuvalu",
        slug_fr="tuvalu",
        slug_en="tuvalu",
        iso_code="TV",
        region="other",
        latitude=-20,
        longitude=-20,
    )
    doc = html(client.get("/en/projects/"))
    url = "/en/projects/countries/tuvalu/"
    assert map_links(doc, "wide")["Tuvalu"] == url
    assert url in map_links(doc, "phone").values()
    assert url not in [a["href"] for a in doc.select(".partner-map__shape")]
    assert url in [a["href"] for a in doc.select(".country-list a")]


def test_a_country_outside_the_frame_is_in_the_list_only(client, html):
    Country.objects.create(
        name_fr="Viet Nam",
        name_en="Vietnam",
        slug_fr="viet-nam",
        slug_en="vietnam",
        iso_code="VN",
        region="asia",
        latitude=16,
        longitude=107,
    )
    doc = html(client.get("/en/projects/"))
    url = "/en/projects/countries/vietnam/"
    assert url in [a["href"] for a in doc.select(".country-list a")]
    assert url not in [a["href"] for a in doc.select(".partner-map a")]
    # The markers keep the numbers of the list: Vietnam is the list's last, after Mexico.
    assert list(map_links(doc, "phone")) == [str(n) for n in range(1, 8)]


# Country pages


@pytest.mark.parametrize(("iso_code", "fields"), COUNTRIES.items(), ids=list(COUNTRIES))
def test_every_country_has_a_page_in_each_language(client, html, index, iso_code, fields):
    name_fr, name_en, slug_fr, slug_en = fields[:4]
    country = Country.objects.get(iso_code=iso_code)
    assert index.country_url(country, "fr") == f"/fr/projets/pays/{slug_fr}/"
    assert index.country_url(country, "en") == f"/en/projects/countries/{slug_en}/"
    pages = [
        (f"/fr/projets/pays/{slug_fr}/", name_fr),
        (f"/en/projects/countries/{slug_en}/", name_en),
    ]
    for url, name in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert html(response).h1.get_text() == name


@BOTH
def test_country_page_lists_its_projects_and_partners(client, html, language, make_project):
    make_project(country="HT", title_fr="Brouillon haïtien", live=False)
    make_project(country="MX", title_fr="Autre pays")
    url = {"fr": "/fr/projets/pays/haiti/", "en": "/en/projects/countries/haiti/"}[language]
    doc = html(client.get(url))
    assert doc.h1.get_text() == {"fr": "Haïti", "en": "Haiti"}[language]
    region = {"fr": "Amérique latine et Caraïbes", "en": "Latin America and the Caribbean"}
    assert doc.select_one(".country-page .kicker").get_text() == region[language]
    since = {"fr": "présent en Haïti depuis 1997", "en": "worked in Haiti since 1997"}
    assert since[language] in doc.select_one(".country-page .lead").get_text()
    assert cards(doc) == [TITLES["konbit"][language]]
    assert [p.get_text(" ", strip=True) for p in doc.select(".partner-list .partner__name")] == [
        "Antèn Ouvriye",
        "Institut culturel Karl Lévêque (ICKL)",
        "Plateforme haïtienne de plaidoyer pour un développement alternatif (PAPDA)",
    ]
    kinds = [p.get_text() for p in doc.select(".partner__kind")]
    assert (
        kinds
        == {
            "fr": ["Syndicat", "Groupe communautaire", "Autre organisation"],
            "en": ["Union", "Community group", "Other organisation"],
        }[language]
    )
    back = doc.select(".country-page > p > a")[-1]
    assert back["href"] == INDEX[language]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_country_without_project_pages_still_tells_what_the_ciso_did_there(
    client, html, language
):
    url = {"fr": "/fr/projets/pays/cuba/", "en": "/en/projects/countries/cuba/"}[language]
    doc = html(client.get(url))
    lead = doc.select_one(".country-page .lead").get_text()
    assert {"fr": "mission", "en": "observation missions"}[language] in lead
    assert doc.select_one(".country-page .page-header__image img")["alt"]
    assert not doc.select(".project-card")


def test_mexico_has_a_translated_slug(client, html):
    fr = client.get("/fr/projets/pays/mexique/")
    en = client.get("/en/projects/countries/mexico/")
    assert fr.status_code == en.status_code == 200
    assert html(fr).h1.get_text() == "Mexique"
    assert html(en).h1.get_text() == "Mexico"
    assert cards(html(en)) == [TITLES["covid"]["en"]]
    partners = [p.get_text(" ", strip=True) for p in html(en).select(".partner__name")]
    assert partners == [
        "Frente Auténtico del Trabajo (FAT)",
        "Sindicato de pepenadores Lázaro Cárdenas del Río",
    ]
    assert html(fr).title.get_text().startswith("Mexique · Projets de coopération")


@pytest.mark.parametrize(
    ("url", "location"),
    [
        ("/en/projects/countries/mexique/", "/en/projects/countries/mexico/"),
        ("/fr/projets/pays/mexico/", "/fr/projets/pays/mexique/"),
        ("/en/projects/countries/algerie/", "/en/projects/countries/algeria/"),
        ("/fr/projets/pays/algeria/", "/fr/projets/pays/algerie/"),
    ],
)
def test_other_languages_country_slug_redirects_permanently(client, url, location):
    response = client.get(url)
    assert response.status_code == 301
    assert response["Location"] == location
    assert client.get(location).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/fr/projets/pays/atlantide/",
        "/en/projects/countries/narnia/",
        "/en/projects/countries/HAITI/",
        "/fr/projets/pays/ht/",
        "/fr/projets/pays/" + "x" * 300 + "/",
        "/fr/projets/pays/haiti/extra/",
    ],
)
def test_unknown_country_is_not_found(client, url):
    assert client.get(url).status_code == 404


COUNTRY_PAGES = {
    "mexico": {
        "fr": ("/fr/projets/pays/mexique/", "Mexique"),
        "en": ("/en/projects/countries/mexico/", "Mexico"),
    },
    "haiti": {
        "fr": ("/fr/projets/pays/haiti/", "Haïti"),
        "en": ("/en/projects/countries/haiti/", "Haiti"),
    },
}


@BOTH
@pytest.mark.parametrize("country", COUNTRY_PAGES)
def test_language_switcher_leads_to_the_same_country(client, html, language, country):
    pages = COUNTRY_PAGES[country]
    doc = html(client.get(pages[language][0]))
    switcher = {a["hreflang"]: a["href"] for a in doc.select(".language-switcher a")}
    assert switcher == {"fr": pages["fr"][0], "en": pages["en"][0]}
    alternates = {
        link["hreflang"]: link["href"] for link in doc.select("link[rel=alternate][hreflang]")
    }
    assert alternates["fr"] == f"http://testserver{pages['fr'][0]}"
    assert alternates["en"] == f"http://testserver{pages['en'][0]}"
    other = "en" if language == "fr" else "fr"
    response = client.get(switcher[other])
    assert response.status_code == 200
    assert html(response).h1.get_text() == pages[other][1]
    assert html(response).html["lang"] == other


def test_country_page_breadcrumbs(client, html):
    doc = html(client.get("/en/projects/countries/mexico/"))
    crumbs = [(a.get_text(), a["href"]) for a in doc.select(".breadcrumbs a")]
    assert crumbs[1:] == [
        ("Cooperation projects", "/en/projects/"),
        ("Mexico", "/en/projects/countries/mexico/"),
    ]
    assert crumbs[0][1] == "/en/"


def test_country_without_projects_says_so(client, html):
    fr = html(client.get("/fr/projets/pays/mali/"))
    assert cards(fr) == []
    assert "Aucun projet n’est encore publié pour ce pays (Mali)." in fr.get_text()
    assert fr.select_one(".partner-list") is None  # no partner in Mali yet
    en = html(client.get("/en/projects/countries/mali/"))
    assert "No project in Mali is published yet." in en.get_text()


def test_country_without_an_english_slug_still_has_an_english_page(client, html, index):
    senegal = Country.objects.create(
        name_fr="Sénégal",
        slug_fr="senegal",
        iso_code="SN",
        region="africa",
        latitude=14.5,
        longitude=-14.5,
    )
    add_project(index, country=senegal, start_year=2018)
    doc = html(client.get("/en/projects/"))
    href = next(a["href"] for a in doc.select(".country-list a") if a.get_text() == "Sénégal")
    response = client.get(href)
    assert response.status_code == 200, (
        f"{href} → {response.status_code} {response.get('Location')}"
    )


# Project pages


def facts(doc):
    return {
        div.dt.get_text(): div.dd.get_text(" ", strip=True)
        for div in doc.select(".project-facts > div")
    }


@pytest.mark.parametrize(
    ("url", "language", "expected_facts", "country_url", "funders"),
    [
        (
            "/fr/projets/konbit-haiti/",
            "fr",
            {"Pays": "Haïti", "Période": "2009–2012", "État": "Terminé"},
            "/fr/projets/pays/haiti/",
            "Programmes d’aide internationale des gouvernements du Canada (ACDI) et du Québec",
        ),
        (
            "/en/projects/konbit-democratic-haiti/",
            "en",
            {"Country": "Haiti", "Period": "2009–2012", "Status": "Completed"},
            "/en/projects/countries/haiti/",
            "International aid programmes of the governments of Canada (CIDA) and Quebec",
        ),
    ],
)
def test_project_page_in_each_language(
    client, html, url, language, expected_facts, country_url, funders
):
    response = client.get(url)
    assert response.status_code == 200
    doc = html(response)
    assert doc.html["lang"] == language
    assert doc.h1.get_text() == TITLES["konbit"][language]
    shown = facts(doc)
    assert shown.items() >= expected_facts.items()
    assert funders in shown[{"fr": "Financement", "en": "Funding"}[language]]
    country = doc.select_one(".project-facts a")
    assert country["href"] == country_url
    assert client.get(country_url).status_code == 200
    assert [p.get_text(" ", strip=True) for p in doc.select(".partner__name")] == [
        "Institut culturel Karl Lévêque (ICKL)",
        "Plateforme haïtienne de plaidoyer pour un développement alternatif (PAPDA)",
    ]
    assert "1989" in doc.select(".partner__description")[0].get_text()
    assert doc.select_one(".project-page > p:last-child a")["href"] == INDEX[language]


def test_project_without_end_year_is_shown_since_its_start(client, html):
    fr = html(client.get("/fr/projets/resilience-solidarite-covid-mexique/"))
    en = html(client.get("/en/projects/resilience-solidarity-covid-mexico/"))
    assert facts(fr)["Période"] == "Depuis 2020"
    assert facts(en)["Period"] == "Since 2020"
    assert "Status" not in facts(en)  # not known: not shown
    assert "Funding" not in facts(en)
    assert en.select_one(".partner-list") is None
    assert en.select_one(".project-facts a")["href"] == "/en/projects/countries/mexico/"
    assert fr.select_one(".project-facts a")["href"] == "/fr/projets/pays/mexique/"


@pytest.mark.parametrize(
    ("fr", "en"),
    [
        ("/fr/projets/konbit-haiti/", "/en/projects/konbit-democratic-haiti/"),
        (
            "/fr/projets/resilience-solidarite-covid-mexique/",
            "/en/projects/resilience-solidarity-covid-mexico/",
        ),
    ],
)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_project_slugs_are_translated(client, html, fr, en, language):
    doc = html(client.get({"fr": fr, "en": en}[language]))
    switcher = {a["hreflang"]: a["href"] for a in doc.select(".language-switcher a")}
    assert switcher == {"fr": fr, "en": en}
    # Each language's slug lives under its own prefix only.
    assert client.get(fr.replace("/fr/projets/", "/en/projects/")).status_code == 404
    assert client.get(en.replace("/en/projects/", "/fr/projets/")).status_code == 404


def test_project_in_french_only_is_shown_in_french_to_english_readers(client, html, make_project):
    make_project(
        title_fr="Projet sans traduction",
        title_en="",
        slug_fr="sans-traduction",
        slug_en="",
        summary_fr="Résumé en français seulement.",
        summary_en="",
    )
    doc = html(client.get("/en/projects/"))
    assert "Projet sans traduction" in cards(doc)
    href = next(a["href"] for a in doc.select(".project-card__title a") if "traduction" in a.text)
    page = html(client.get(href))
    assert page.h1.get_text() == "Projet sans traduction"
    lead = page.select_one(".lead")
    assert lead.get_text() == "Résumé en français seulement."
    assert lead["lang"] == "fr"


def test_a_project_page_finds_its_pictures_renditions_with_its_country(client, settings, tmp_path):
    """Its picture, shown and shared (meta tags), comes with the renditions the page asks of
    it: none is looked up, or made again, once the first view has made them."""
    settings.MEDIA_ROOT = tmp_path
    page = ProjectPage.objects.get(slug_fr="konbit-haiti")
    page.image = ImageFactory()
    page.save()
    client.get("/fr/projets/konbit-haiti/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/fr/projets/konbit-haiti/")
    assert response.status_code == 200
    assert not [q for q in queries if "wagtailimages_rendition" in q["sql"].split("FROM")[-1]]
    assert b"<picture" in response.content
    assert b'property="og:image"' in response.content


def test_a_preview_shows_the_partners_and_themes_being_edited(partners):
    """A preview is given a page that may not be saved: its partners and themes are the
    page's own, as edited."""
    page = ProjectPage.objects.get(slug_fr="konbit-haiti")
    page.partners = [partners["FAT"]]
    page.themes = []
    content = page.make_preview_request().content.decode()
    assert "FAT" in content and "PAPDA" not in content
    assert "Démocratie et droits" not in content


# Cost: the number of queries does not grow with the number of projects


def test_queries_do_not_grow_with_the_number_of_projects(client, html, settings, tmp_path, index):
    settings.MEDIA_ROOT = tmp_path
    # The search index is not what is measured; leaving it out makes the 200 pages 3× faster.
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}
    }
    countries = [Country.objects.get(iso_code=code) for code in ("HT", "MX", "CU")]
    all_partners = list(Partner.objects.all())
    images = [ImageFactory(), ImageFactory()]
    urls = [
        "/en/projects/",
        "/fr/projets/?kind=union",
        "/fr/projets/?country=ht&year_from=2000",
        "/en/projects/countries/haiti/",
        "/fr/projets/pays/mexique/",
        "/en/projects/konbit-democratic-haiti/",
        "/fr/projets/resilience-solidarite-covid-mexique/",
    ]

    def add(n):
        for i in range(n):
            image = images[i % 3] if i % 3 < 2 else None
            add_project(
                index,
                country=countries[i % 3],
                start_year=1995 + i % 30,
                # An ongoing project has no past end year.
                end_year=2000 + i % 30 if i % 2 and i % 3 != 1 else None,
                status=["", "ongoing", "completed"][i % 3],
                partners=[all_partners[i % 5], all_partners[(i + 2) % 5]],
                image=image,
                image_alt_fr="Une photo" if image else "",
                image_alt_en="A photo" if image else "",
            )

    def costs():
        result = {}
        for url in urls:
            client.get(url)  # the first view makes the renditions
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, url
            result[url] = len(queries)
        return result

    add(10)
    with_10 = costs()
    assert max(with_10.values()) <= 10, with_10
    add(190)
    # Haiti's 69 projects (1 + 4 + 64), twelve to a page: six pages, the last with nine.
    assert len(cards(html(client.get("/en/projects/countries/haiti/")))) == 12
    assert len(cards(html(client.get("/en/projects/countries/haiti/?page=6")))) == 9
    assert costs() == with_10


def test_a_country_page_lists_its_projects_a_page_at_a_time(client, html, make_project):
    for number in range(13):
        make_project(country="MX", slug_fr=f"mexique-{number}", start_year=1990 + number)
    first = html(client.get("/fr/projets/pays/mexique/"))
    # The newest first: 13 made here and the initial content's COVID project.
    assert len(cards(first)) == 12
    nav = first.select_one("nav.pagination")
    assert [a.get_text() for a in nav.select("a")] == ["1", "2", "Suivante"]
    assert nav.select_one("a[rel=next]")["href"] == "?page=2"
    second = html(client.get("/fr/projets/pays/mexique/?page=2"))
    assert len(cards(second)) == 2
    # A page number out of range or malformed gives the nearest page, never an error.
    assert len(cards(html(client.get("/fr/projets/pays/mexique/?page=99")))) == 2
    assert len(cards(html(client.get("/fr/projets/pays/mexique/?page=abc")))) == 12


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/fr/projets/countries/haiti/", "/fr/projets/pays/haiti/"),
        ("/en/projects/pays/haiti/", "/en/projects/countries/haiti/"),
        ("/en/projects/pays/mexique/", "/en/projects/countries/mexico/"),
    ],
)
def test_a_country_address_of_the_other_language_redirects_to_this_ones(client, path, expected):
    response = client.get(path)
    assert response.status_code == 301
    assert response["Location"] == expected


def test_the_country_filter_ignores_case(client, html):
    doc = html(client.get("/en/projects/?country=HT"))
    assert cards(doc) == [TITLES["konbit"]["en"]]
    assert doc.select_one(".notice") is None


def test_french_map_coordinates_are_numbers(client, html):
    """French number formatting ("730,4") would make the SVG invalid."""
    svg = html(client.get("/fr/projets/")).select_one("svg.partner-map__svg")
    for circle in svg.select("circle"):
        float(circle["cx"]), float(circle["cy"]), float(circle["r"])
    for element in svg.select("line, text"):
        for name in ("x", "y", "x1", "y1", "x2", "y2"):
            if name in element.attrs:
                float(element[name])
    assert "," not in svg["viewbox"]


def test_a_long_list_links_to_the_first_last_and_nearby_pages_only():
    from django.core.paginator import Paginator

    from ciso.templatetags.ciso_tags import page_numbers

    paginator = Paginator(range(500), 12)  # 42 pages
    assert page_numbers(paginator.page(20)) == [1, None, 18, 19, 20, 21, 22, None, 42]
    assert page_numbers(paginator.page(1)) == [1, 2, 3, None, 42]
    assert page_numbers(Paginator(range(30), 12).page(2)) == [1, 2, 3]
