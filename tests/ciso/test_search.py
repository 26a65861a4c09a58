"""The site search: per-language stemming and isolation, ranking, filters, pagination, privacy
and what odd input does to it."""

import io
import re
from urllib.parse import parse_qs, quote_from_bytes, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import strip_tags
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from ciso import search
from ciso.models import HomePage, SearchEntry, StandardPage
from tests.ciso.test_views import MAX_QUERIES

pytestmark = pytest.mark.django_db


def paragraph(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


def publish_page(slug, *, title_fr, title_en="", body_fr="", body_en="", parent=None):
    parent = parent or HomePage.objects.get()
    page = parent.add_child(
        instance=StandardPage(
            title_fr=title_fr,
            title_en=title_en,
            slug_fr=slug,
            slug_en=f"{slug}-en",
            body_fr=paragraph(body_fr) if body_fr else [],
            body_en=paragraph(body_en) if body_en else [],
        )
    )
    page.save_revision().publish()
    return page


def results(client, html, url):
    response = client.get(url)
    assert response.status_code == 200
    doc = html(response)
    return [(a.get_text(), a["href"]) for a in doc.select(".search-result__title a")], doc


def titles(client, html, url):
    return [title for title, _href in results(client, html, url)[0]]


def test_french_stemming_finds_other_forms_of_a_word(client, html):
    publish_page("atelier-zeta", title_fr="Atelier zêta", body_fr="Réunion des syndicats.")
    assert "Atelier zêta" in titles(client, html, "/fr/recherche/?q=syndicale")
    assert "Atelier zêta" in titles(client, html, "/fr/recherche/?q=syndicat")


def test_english_stemming_finds_the_singular_from_the_plural(client, html):
    publish_page(
        "atelier-eta",
        title_fr="Atelier êta",
        title_en="Eta workshop",
        body_en="A meeting of one union.",
    )
    assert "Eta workshop" in titles(client, html, "/en/search/?q=unions")


def test_a_language_finds_only_its_own_texts(client, html):
    publish_page(
        "quetzalcoatl",
        title_fr="Quetzalcoatl ici",
        title_en="Feathered serpent",
        body_fr="Le mot rare xylographie.",
        body_en="Nothing of the kind.",
    )
    assert titles(client, html, "/fr/recherche/?q=xylographie") == ["Quetzalcoatl ici"]
    assert titles(client, html, "/en/search/?q=xylographie") == []
    assert titles(client, html, "/en/search/?q=serpent") == ["Feathered serpent"]
    assert titles(client, html, "/fr/recherche/?q=serpent") == []


def test_a_page_without_an_english_title_is_not_on_the_english_search(client, html):
    publish_page("seulement", title_fr="Seulement en français", body_fr="Ornithorynque.")
    assert titles(client, html, "/fr/recherche/?q=ornithorynque") == ["Seulement en français"]
    assert titles(client, html, "/en/search/?q=ornithorynque") == []
    assert titles(client, html, "/en/search/?q=seulement") == []


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("haiti", "Haïti"),
        ("solidarite", "solidarité"),
        ("cooperation", "coopération"),
        ("realisations", "Réalisations"),
        ("HAÏTI", "haïti"),
        ("Realisation", "RÉALISATIONS"),
        ("quebecois", "québécois"),
    ],
)
def test_accents_and_case_never_matter_in_french(client, html, typed, written):
    found = titles(client, html, f"/fr/recherche/?q={written}")
    assert found
    assert titles(client, html, f"/fr/recherche/?q={typed}") == found


@pytest.mark.parametrize(
    ("typed", "written"),
    [("montreal", "Montréal"), ("QUEBEC", "Québec"), ("solidarite", "solidarité")],
)
def test_accents_and_case_never_matter_in_english(client, html, typed, written):
    found = titles(client, html, f"/en/search/?q={written}")
    assert found
    assert titles(client, html, f"/en/search/?q={typed}") == found


def test_words_written_without_accents_are_found_by_a_query_with_them(client, html):
    publish_page(
        "sans-accents",
        title_fr="Page ecrite sans accents",
        title_en="Cafe naive",
        body_fr="Une cooperation zelee avec Petionville.",
        body_en="A naive facade in Montreal.",
    )
    assert titles(client, html, "/fr/recherche/?q=coopération zélée à Pétionville") == [
        "Page ecrite sans accents"
    ]
    assert titles(client, html, "/en/search/?q=Café naïve façade") == ["Cafe naive"]
    assert titles(client, html, "/en/search/?q=cafe naive") == ["Cafe naive"]


def test_text_typed_with_combining_accents_is_found_either_way(client, html):
    # "e" followed by U+0301 (as some keyboards and pasted text write "é"), in the page and
    # in the query.
    publish_page("combinant", title_fr="Re\u0301seau zygome\u0300ne", body_fr="Texte.")
    for query in ("zygomène", "ZYGOMENE", "zygome\u0300ne"):
        assert titles(client, html, f"/fr/recherche/?q={query}") == ["Réseau zygomène"], query


def test_the_highlights_mark_the_words_as_written_on_the_page(client, html):
    _found, doc = results(client, html, "/fr/recherche/?q=haiti")
    marks = {mark.get_text() for mark in doc.select(".search-result mark")}
    assert "Haïti" in marks
    assert all(fold(mark) == "haiti" for mark in marks), marks
    _found, doc = results(client, html, "/en/search/?q=Montréal")
    marks = {mark.get_text() for mark in doc.select(".search-result mark")}
    assert "Montreal" in marks
    assert all(fold(mark) == "montreal" for mark in marks), marks


def test_a_one_letter_word_does_not_narrow_the_search(client, html):
    # "à" becomes "a" once its accent is gone: a query saying "à" or "a" finds what the
    # other words find.
    found = titles(client, html, "/fr/recherche/?q=coopération haïti")
    assert found
    assert titles(client, html, "/fr/recherche/?q=coopération à haïti") == found
    assert titles(client, html, "/fr/recherche/?q=cooperation a haiti") == found


def fold(text):
    return search.fold(text)


def test_the_migration_rebuilds_the_vectors_and_kinds_and_can_be_undone(client, html):
    from django.core.management import call_command

    def state():
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_ts_config WHERE cfgname LIKE 'ciso_%%'")
            configs = cursor.fetchone()[0]
        return configs, set(SearchEntry.objects.values_list("kind", flat=True))

    call_command("migrate", "ciso", "0008", verbosity=0)
    configs, kinds = state()
    assert configs == 0
    assert {"homepage", "standardpage", "projectpage", "country", "document"} <= kinds
    call_command("migrate", "ciso", verbosity=0)
    assert state() == (2, {"page", "project", "country", "document"})
    assert "Haïti" in titles(client, html, "/fr/recherche/?q=haiti")


def test_fold_removes_accents_and_case():
    assert search.fold("Haïti ÇA Œuvre Straße Æ ﬁn e\u0301") == "haiti ca oeuvre strasse ae fin e"


def test_fold_agrees_with_postgresql_unaccent_on_french_and_english_letters():
    letters = "àâäáãåçéèêëíìîïñóòôöõúùûüýÿœæøÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸŒÆØ"
    with connection.cursor() as cursor:
        cursor.execute("SELECT lower(unaccent(%s))", [letters])
        (expected,) = cursor.fetchone()
    assert search.fold(letters) == expected


def test_title_matches_rank_first(client, html):
    publish_page("corps", title_fr="Autre sujet", body_fr="On y parle de pélican.")
    publish_page("titre", title_fr="Le pélican", body_fr="Un oiseau.")
    assert titles(client, html, "/fr/recherche/?q=pélican") == ["Le pélican", "Autre sujet"]


def test_results_show_highlighted_excerpts_and_escape_the_text(client, html):
    publish_page(
        "echappe",
        title_fr="Balises <em onclick=x>gnomon</em>",
        body_fr="Le gnomon &lt;b&gt; 2 &amp; 3 reste.",
    )
    response = client.get("/fr/recherche/?q=gnomon")
    assert b"<em onclick" not in response.content
    result = html(response).select_one(".search-result")
    title = result.select_one(".search-result__title")
    assert title.get_text() == "Balises <em onclick=x>gnomon</em>"
    assert [mark.get_text() for mark in title.select("mark")] == ["gnomon"]
    excerpt = result.select_one(".search-result__excerpt")
    assert "gnomon 2 & 3 reste" in excerpt.get_text()
    assert "<b>" not in str(excerpt)
    assert [mark.get_text() for mark in excerpt.select("mark")] == ["gnomon"]


def filters(doc):
    """The kind filters of a results page: label without its count → the `type` it sets."""
    found = {}
    for a in doc.select(".search-filters a"):
        label = re.sub(r" \(\d+\)$", "", a.get_text())
        found[label] = parse_qs(urlsplit(a["href"]).query).get("type", [""])[0]
    return found


def test_filters_by_kind_with_counts(client, html):
    _found, doc = results(client, html, "/fr/recherche/?q=syndicats")
    assert filters(doc)["Pages"] == "page"
    found, doc = results(client, html, "/fr/recherche/?q=syndicats&type=page")
    kinds = {entry.kind for entry in SearchEntry.objects.filter(url__in=[u for _t, u in found])}
    assert kinds == {"page"}
    assert doc.select_one(".search-filters a[aria-current]").get_text().startswith("Pages (")


def test_the_kinds_are_named_for_visitors_and_filter_alike_in_both_languages(client, html):
    french = filters(results(client, html, "/fr/recherche/?q=haïti")[1])
    english = filters(results(client, html, "/en/search/?q=haiti")[1])
    assert french == {
        "Tous": "",
        "Pages": "page",
        "Projets": "project",
        "Nouvelles": "news",
        "Pays": "country",
    }
    assert english == {
        "All": "",
        "Pages": "page",
        "Projects": "project",
        "News": "news",
        "Countries": "country",
    }
    documents = filters(results(client, html, "/fr/recherche/?q=petite histoire")[1])
    assert documents["Documents"] == "document"
    projects = titles(client, html, "/fr/recherche/?q=haïti&type=project")
    assert projects == ["Konbit pour une construction démocratique et solidaire d’Haïti"]
    assert titles(client, html, "/en/search/?q=haiti&type=country") == ["Haiti"]


@pytest.mark.parametrize("old", ["projectpage", "standardpage", "homepage", "nonsense", "%00"])
def test_an_old_or_unknown_kind_in_the_address_shows_every_result(client, html, old):
    everything = titles(client, html, "/fr/recherche/?q=haïti")
    assert titles(client, html, f"/fr/recherche/?q=haïti&type={old}") == everything


LONG_BODY = (
    "Au commencement, les syndicats de Montréal invitèrent des militantes venues de quatre "
    "continents à une conférence sur le travail et la dignité. Pendant des années, elles "
    "parlèrent de salaires, de santé au travail et du droit de s’organiser librement. Puis "
    "vint la fondation du centre, en 1975, sous le nom de laboratoire axolotl des solidarités, "
    "et la longue suite des tournées, des stages et des missions dans les pays du Sud, qui "
    "firent connaître aux membres la vie des travailleuses et des travailleurs d’ailleurs, "
    "leurs luttes, leurs réussites et leurs échecs, jusqu’à aujourd’hui."
)


def excerpt_of(doc, title):
    for result in doc.select(".search-result"):
        if result.select_one(".search-result__title").get_text() == title:
            return result.select_one(".search-result__excerpt").get_text()
    raise AssertionError(f"{title} not found")


def assert_cut_between_words(excerpt, body):
    """Each piece of the excerpt is a run of whole words of `body`, "…" marking a cut."""
    pieces = [p.strip() for p in excerpt.split("…") if p.strip()]
    assert pieces
    for piece in pieces:
        at = body.find(piece)
        assert at >= 0, piece
        assert at == 0 or not body[at - 1].isalnum(), f"starts mid-word: {piece!r}"
        end = at + len(piece)
        assert end == len(body) or not body[end].isalnum(), f"ends mid-word: {piece!r}"
    assert excerpt.startswith("…") == (not body.startswith(pieces[0]))
    assert excerpt.endswith("…") == (not body.endswith(pieces[-1]))


def test_excerpts_are_cut_between_words_and_say_where_they_are_cut(client, html):
    publish_page("longue", title_fr="Une longue histoire", body_fr=LONG_BODY)
    _found, doc = results(client, html, "/fr/recherche/?q=axolotl")
    excerpt = excerpt_of(doc, "Une longue histoire")
    assert "axolotl" in excerpt
    assert_cut_between_words(excerpt, LONG_BODY)


def test_a_heading_does_not_run_into_the_next_paragraph(client, html):
    page = publish_page("blocs", title_fr="Des blocs", title_en="Blocks")
    page.body_en = [
        {"type": "heading", "value": {"text": "Our quokka mission", "level": "h2"}},
        {"type": "paragraph", "value": "<p>The CISO is an inter-union organisation.</p>"},
        {"type": "heading", "value": {"text": "Why quokkas?", "level": "h2"}},
        {"type": "paragraph", "value": "<p>Because.</p>"},
    ]
    page.save_revision().publish()
    _found, doc = results(client, html, "/en/search/?q=quokka")
    excerpt = excerpt_of(doc, "Blocks")
    assert "Our quokka mission. The CISO is an inter-union organisation." in excerpt
    assert "Why quokkas? Because." in excerpt


def test_a_country_page_lists_its_partners_one_by_one(client, html):
    _found, doc = results(client, html, "/en/search/?q=leveque&type=country")
    excerpt = excerpt_of(doc, "Haiti")
    assert "Institut culturel Karl Lévêque (ICKL). A Haitian" in excerpt


def text_of(element):
    return " ".join(element.get_text().split())  # French no-break spaces as spaces


def main_menu(doc):
    return [(a.get_text(), a["href"]) for a in doc.select(".main-nav a")]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/fr/recherche/?q=zzyzx", "Rien n’a été trouvé pour « zzyzx »."),
        ("/en/search/?q=zzyzx", "Nothing was found for “zzyzx”."),
    ],
)
def test_a_search_that_finds_nothing_says_so_and_shows_a_way_on(client, html, url, message):
    found, doc = results(client, html, url)
    assert found == []
    empty = doc.select_one(".search-page .empty-state")
    assert message in text_of(empty)
    assert doc.select_one("#search-page-query")["value"] == "zzyzx"
    sections = [(a.get_text(), a["href"]) for a in empty.select("ul a")]
    assert sections and sections == main_menu(doc)
    assert not empty.select("a[hreflang]")  # not found in the other language either


@pytest.mark.parametrize(
    ("url", "other", "link"),
    [
        ("/fr/recherche/?q=sweatshops", "/en/search/?q=sweatshops", "{n} résultat{s} en anglais"),
        (
            "/en/search/?q=travailleuses",
            "/fr/recherche/?q=travailleuses",
            "{n} result{s} in French",
        ),
    ],
)
def test_a_search_that_finds_nothing_offers_the_other_languages_results(
    client, html, url, other, link
):
    found, doc = results(client, html, url)
    assert found == []
    there = html(client.get(other)).select_one(".search-results__count")
    n = int(text_of(there).split()[0])  # "4 results for …"
    assert n >= 1
    anchor = doc.select_one(".search-page .empty-state a[hreflang]")
    assert anchor["href"] == other
    assert anchor["hreflang"] == other[1:3]
    assert text_of(anchor).startswith(link.format(n=n, s="s" if n > 1 else ""))


def test_a_kind_without_results_says_so_and_leads_to_all_results(client, html):
    found, doc = results(client, html, "/fr/recherche/?q=syndicats&type=document")
    assert found == []
    assert filters(doc)["Tous"] == ""
    empty = doc.select_one(".search-page .empty-state")
    everything = empty.select_one("a")
    assert everything["href"] == "?q=syndicats"
    assert "Aucun résultat de ce type" in text_of(empty)


def test_a_search_that_finds_nothing_costs_at_most_one_query_more(client):
    def cost(url):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    found = cost("/fr/recherche/?q=syndicats")
    assert found <= MAX_QUERIES
    assert cost("/fr/recherche/?q=zzyzx") <= found + 1
    assert cost("/fr/recherche/?q=sweatshops") <= found + 1


def test_pagination_and_odd_page_numbers(client, html):
    for n in range(23):
        publish_page(f"lot-{n}", title_fr=f"Lot {n}", body_fr="Le mot commun coquelicot.")
    url = "/fr/recherche/?q=coquelicot"
    assert len(titles(client, html, url)) == 10
    assert len(titles(client, html, url + "&page=3")) == 3
    assert len(titles(client, html, url + "&page=abc")) == 10
    for odd in ("-1", "999", "0"):
        assert client.get(f"{url}&page={odd}").status_code == 200
    _found, doc = results(client, html, url + "&page=2")
    links = [a["href"] for a in doc.select(".pagination a")]
    assert "?q=coquelicot&page=3" in links


def test_a_page_of_results_is_one_query_in_the_order_of_the_whole_list():
    for n in range(23):
        repeated = " coquelicot" * (n % 3)  # ranked higher the more it says the word
        publish_page(f"lot-{n}", title_fr=f"Lot {n:02d}", body_fr=f"Le mot coquelicot.{repeated}")
    results = search.search("coquelicot", "fr")
    assert results.kind_counts == {"page": 23}
    everything = list(results.entries)
    assert len(everything) == 23
    ranks = [n % 3 for n in (int(e.title.split()[1]) for e in everything)]
    assert ranks == sorted(ranks, reverse=True)
    with CaptureQueriesContext(connection) as queries:
        second, last, none = results.entries[10:20], results.entries[20:30], results.entries[5:5]
    assert len(queries) == 2  # nothing to read for an empty slice
    assert [e.url for e in second] == [e.url for e in everything[10:20]]
    assert [e.url for e in last] == [e.url for e in everything[20:]] and none == []
    assert list(search.search("coquelicot", "fr", kind="document").entries) == []
    assert len(list(search.search("coquelicot", "fr", kind="page").entries)) == 23


def test_private_and_unpublished_pages_are_not_found(client, html):
    page = publish_page("secret", title_fr="Réunion secrète", body_fr="Le mot zoulou.")
    assert titles(client, html, "/fr/recherche/?q=zoulou") == ["Réunion secrète"]
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")
    assert titles(client, html, "/fr/recherche/?q=zoulou") == []
    PageViewRestriction.objects.filter(page=page).delete()
    assert titles(client, html, "/fr/recherche/?q=zoulou") == ["Réunion secrète"]
    page.unpublish()
    assert titles(client, html, "/fr/recherche/?q=zoulou") == []
    page.save_revision().publish()
    page.delete()
    assert titles(client, html, "/fr/recherche/?q=zoulou") == []


def test_documents_of_public_collections_only(client, html, settings, tmp_path):
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = tmp_path
    root = Collection.get_first_root_node()
    private = root.add_child(name="Privé")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    document_model = get_document_model()
    document_model.objects.create(
        title="Rapport public mandragore", file=ContentFile(b"x", name="public.pdf")
    )
    document_model.objects.create(
        title="Rapport privé mandragore",
        file=ContentFile(b"x", name="prive.pdf"),
        collection=private,
    )
    assert titles(client, html, "/fr/recherche/?q=mandragore") == ["Rapport public mandragore"]


def test_the_history_timeline_and_country_pages_are_searched(client, html):
    assert "Historique" in titles(client, html, "/fr/recherche/?q=conférence")
    found = dict(results(client, html, "/en/search/?q=Haiti")[0])
    assert found["Haiti"] == "/en/projects/countries/haiti/"


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "a" * 10_000,
        "mot\x00nul",
        "& | ! : * ( ) <->",
        "syndicats & | ! :* (<->) '",
        "'; DROP TABLE ciso_searchentry; --",
        '"unterminated phrase',
        "-",
        "or",
    ],
)
@pytest.mark.parametrize("prefix", ["/fr/recherche/", "/en/search/"])
def test_odd_queries_never_fail(client, prefix, query):
    response = client.get(prefix, {"q": query, "page": "-1"})
    assert response.status_code in (200, 400)
    assert SearchEntry.objects.exists()


def test_a_lone_surrogate_or_invalid_utf8_in_the_address_is_harmless(client):
    for raw in ("%ED%A0%80", "%FF%FE", "%00", "%C3"):
        assert client.get(f"/fr/recherche/?q={raw}syndicats").status_code == 200


def test_messages_for_empty_long_and_symbol_only_queries(client, html):
    doc = html(client.get("/en/search/?q="))
    assert "Type one or more words to search the site." in doc.get_text()
    response = client.get("/fr/recherche/", {"q": "&|!"})
    assert response.status_code == 400
    assert "Tapez des mots" in html(response).get_text()
    doc = html(client.get("/en/search/", {"q": "union " * 2000}))
    assert "only its first 200 characters were used" in doc.get_text()
    assert len(doc.select_one("#search-page-query")["value"]) <= 200


def test_the_query_is_escaped_when_shown_back(client):
    response = client.get("/en/search/", {"q": "<img src=x onerror=alert(1)>"})
    assert b"<img src=x" not in response.content
    assert b"&lt;img src=x onerror=alert(1)&gt;" in response.content


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(query=st.text(alphabet=st.characters(codec=None), max_size=300))
def test_any_string_gives_a_clear_answer(client, query):
    # Surrogates cannot be encoded as UTF-8: send their bytes as a browser would get them.
    encoded = quote_from_bytes(query.encode("utf-8", "surrogatepass"))
    response = client.get(f"/en/search/?q={encoded}")
    assert response.status_code in (200, 400)


@given(raw=st.text(alphabet=st.characters(codec=None)))
def test_clean_query_removes_what_cannot_be_searched_or_shown(raw):
    query, truncated = search.clean_query(raw)
    assert len(query) <= search.MAX_QUERY_LENGTH
    assert "\x00" not in query
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in query)
    assert query == query.strip()
    query.encode("utf-8")  # always encodable


def test_sqlite_fallback_finds_and_marks_the_words(monkeypatch):
    publish_page("repli", title_fr="Repli", body_fr="Le mot rare pangolin est ici.")

    class SQLite:
        vendor = "sqlite"

    monkeypatch.setattr(search, "connection", SQLite())
    found = search.decorate(list(search.search("pangolin", "fr").entries), "pangolin")
    assert [entry.title for entry in found] == ["Repli"]
    assert "<mark>pangolin</mark>" in found[0].excerpt_html


def test_sqlite_fallback_ignores_accents_and_case_and_marks_the_words_as_written(monkeypatch):
    publish_page("repli-accents", title_fr="Repli à Pétionville", body_fr=LONG_BODY)

    class SQLite:
        vendor = "sqlite"

    monkeypatch.setattr(search, "connection", SQLite())
    for query in ("petionville", "PÉTIONVILLE", "Pétionville"):
        found = search.decorate(list(search.search(query, "fr").entries), query)
        assert [entry.title for entry in found] == ["Repli à Pétionville"], query
        assert "<mark>Pétionville</mark>" in found[0].title_html
    found = search.decorate(list(search.search("axolotl solidarites", "fr").entries), "axolotl")
    assert [entry.title for entry in found] == ["Repli à Pétionville"]
    excerpt = found[0].excerpt_html
    assert "<mark>axolotl</mark>" in excerpt
    assert_cut_between_words(strip_tags(excerpt), LONG_BODY)
    assert search.count(search.prepare("petionville"), "fr") == 1
    assert search.count(search.prepare("petionville"), "en") == 0


def test_header_search_form_on_every_page_and_the_switcher_keeps_the_query(client, html):
    for url in ("/fr/", "/en/history/", "/fr/projets/pays/haiti/", "/en/unknown/"):
        form = html(client.get(url)).select_one("header form[role=search]")
        assert form is not None, url
        field = form.select_one("input[name=q]")
        assert form.select_one(f"label[for={field['id']}]").get_text().strip()
    doc = html(client.get("/fr/recherche/?q=syndicats&page=1"))
    switcher = {a["lang"]: a["href"] for a in doc.select(".language-switcher a")}
    assert switcher["en"] == "/en/search/?q=syndicats&page=1"
    assert html(client.get("/en/search/")).select_one("header form")["action"] == "/en/search/"


def test_queries_do_not_grow_with_the_number_of_results(client):
    def cost():
        url = "/fr/recherche/?q=tournesol"
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    for n in range(3):
        publish_page(f"fleur-{n}", title_fr=f"Fleur {n}", body_fr="Tournesol.")
    few = cost()
    for n in range(3, 25):
        publish_page(f"fleur-{n}", title_fr=f"Fleur {n}", body_fr="Tournesol.")
    assert cost() == few


def test_update_search_entries_command_rebuilds_them(client, html):
    from django.core.management import call_command

    SearchEntry.objects.all().delete()
    call_command("update_search_entries", stdout=io.StringIO())
    assert "Historique" in titles(client, html, "/fr/recherche/?q=conférence")
