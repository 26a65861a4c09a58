"""News: the index (filters by category, tag and year, pagination, archives), the articles
(dates, authors, categories, tags, related articles, JSON-LD), the Atom feeds, the search, the
home page's "What is new", the cache and the admin."""

import datetime
import json
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ciso.editorial.roles import EDITORS, TRANSLATORS
from news.models import NewsArticlePage, NewsCategory
from tests.news.factories import add_article, category, news_index
from tests.users import signed_in

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def titles(doc, selector=".news-cards .card__title"):
    return [t.get_text(strip=True) for t in doc.select(selector)]


# The initial content -------------------------------------------------------------------------


def test_the_initial_news_come_from_the_facts_in_both_languages():
    articles = {a.slug_fr: a for a in NewsArticlePage.objects.all()}
    assert set(articles) == {
        "signature-projet-konbit",
        "mexique-projet-covid-19",
        "exposition-50-ans",
    }
    assert articles["signature-projet-konbit"].date == datetime.date(2009, 2, 23)
    assert articles["exposition-50-ans"].date == datetime.date(2025, 6, 3)
    # Only the month is known of the project's start: the day is not shown.
    covid = articles["mexique-projet-covid-19"]
    assert covid.date_precision == "month"
    for article in articles.values():
        for field in ("title", "summary", "image_alt"):
            assert getattr(article, f"{field}_fr") and getattr(article, f"{field}_en")
        assert article.live and article.categories.exists()
        assert article.french_tags.exists() and article.english_tags.exists()
        assert not article.authors  # not known: left empty


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/fr/nouvelles/mexique-projet-covid-19/", "octobre 2020"),
        ("/en/news/mexico-covid-19-project/", "October 2020"),
        ("/fr/nouvelles/signature-projet-konbit/", "23 février 2009"),
        ("/en/news/konbit-project-signed/", "23 February 2009"),
    ],
)
def test_an_article_shows_its_date_as_precisely_as_it_is_known(client, html, url, expected):
    doc = html(client.get(url))
    assert doc.select_one(".news-article__meta time").get_text() == expected


# The index ----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_index_lists_the_news_newest_first(client, html, language):
    url = {"fr": "/fr/nouvelles/", "en": "/en/news/"}[language]
    doc = html(client.get(url))
    shown = titles(doc)
    expected = [getattr(a, f"title_{language}") for a in NewsArticlePage.objects.order_by("-date")]
    assert shown == expected
    # The archive's years, newest first, with their counts.
    years = [li.get_text(" ", strip=True) for li in doc.select(".news-years li")]
    assert years == ["2025 (1)", "2020 (1)", "2009 (1)"]


def test_the_index_filters_by_category_with_an_address_that_means_the_same_in_both_languages(
    client, html
):
    fr = html(client.get("/fr/nouvelles/", {"category": "cooperation"}))
    en = html(client.get("/en/news/", {"category": "cooperation"}))
    assert len(titles(fr)) == len(titles(en)) == 2
    assert fr.select_one(".news-filters a[aria-current]").get_text() == "Coopération"
    assert en.select_one(".news-filters a[aria-current]").get_text() == "Cooperation"
    # Only the categories that have news are offered.
    offered = [a.get_text() for a in fr.select(".news-filters a")]
    assert offered == ["Toutes les nouvelles", "Coopération", "Vie du CISO"]


def test_tags_are_per_language(client, html):
    fr = html(client.get("/fr/nouvelles/", {"tag": "mexique"}))
    assert titles(fr) == ["Au Mexique, un projet face à la crise de la COVID-19"]
    en = html(client.get("/en/news/", {"tag": "mexico"}))
    assert titles(en) == ["In Mexico, a project to face the COVID-19 crisis"]
    # A French tag on the English site is not one of its tags: named, and left out.
    doc = html(client.get("/en/news/", {"tag": "mexique"}))
    assert "Tag" in doc.select_one(".notice").get_text() and len(titles(doc)) == 3
    # Nor is a tag of the images, or one that only drafts use.
    from wagtail_factories import ImageFactory

    ImageFactory().tags.add("interne")
    add_article(tags_fr=["brouillon"], live=False)
    for tag in ("interne", "brouillon"):
        doc = html(client.get("/fr/nouvelles/", {"tag": tag}))
        assert "Mot-clé" in doc.select_one(".notice").get_text(), tag


def test_filters_that_are_not_understood_are_named_and_left_out(client, html):
    doc = html(client.get("/fr/nouvelles/", {"category": "inconnue", "tag": "x" * 500}))
    assert "Catégorie, Mot-clé" in doc.select_one(".notice").get_text()
    assert len(titles(doc)) == 3
    assert client.get("/fr/nouvelles/", {"page": "abc"}).status_code == 200


def test_a_year_has_its_archive_and_a_year_without_news_has_none(client, html):
    doc = html(client.get("/en/news/2009/"))
    assert doc.h1.get_text() == "News of 2009"
    assert titles(doc) == ["The Konbit project for Haiti is signed"]
    assert client.get("/fr/nouvelles/1999/").status_code == 404
    assert client.get("/fr/nouvelles/99999999999999999999/").status_code == 404


def test_the_index_paginates_and_costs_the_same_queries_with_10_and_200_articles(client, html):
    def queries(url):
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured), html(response)

    coop = category("cooperation")
    for n in range(10):
        add_article(date=datetime.date(2024, 1, 1 + n), categories=[coop], tags_fr=["essai"])
    urls = ["/fr/nouvelles/", "/fr/nouvelles/?category=cooperation", "/fr/nouvelles/2024/"]
    before = {url: queries(url)[0] for url in urls}
    for n in range(190):
        add_article(date=datetime.date(2023, 1, 1) + datetime.timedelta(days=n), categories=[coop])
    after = {url: queries(url)[0] for url in urls}
    assert after == before and max(after.values()) <= 10
    count, doc = queries("/fr/nouvelles/?page=3")
    assert (
        len(titles(doc)) == 10 and doc.select_one(".pagination a[aria-current]").get_text() == "3"
    )


# An article ---------------------------------------------------------------------------------


def test_an_article_shows_its_categories_tags_and_related_news(client, html):
    coop = category("cooperation")
    older = add_article(title_fr="Plus ancienne", date=datetime.date(2001, 1, 1), categories=[coop])
    tagged = add_article(title_fr="Même mot-clé", date=datetime.date(2024, 1, 1), tags_fr=["Haïti"])
    draft = add_article(title_fr="Brouillon", categories=[coop], live=False)
    other = add_article(title_fr="Sans rapport", date=datetime.date(2024, 2, 1))
    doc = html(client.get("/fr/nouvelles/signature-projet-konbit/"))
    assert doc.select_one(".kicker a")["href"] == "/fr/nouvelles/?category=cooperation"
    assert doc.select_one(".news-article__tags a")["href"] == "/fr/nouvelles/?tag=haiti"
    related = titles(doc, ".news-related .card__title")
    # Same category or tag, newest first, three at most, never a draft or itself.
    assert related == [
        "Même mot-clé",
        "Au Mexique, un projet face à la crise de la COVID-19",
        older.title_fr,
    ]
    assert draft.title_fr not in related and other.title_fr not in related
    assert tagged.title_fr in related


@pytest.mark.parametrize("language", ["fr", "en"])
def test_an_article_says_what_it_is_to_search_engines(client, html, language):
    url = {"fr": "/fr/nouvelles/exposition-50-ans/", "en": "/en/news/50th-anniversary-exhibition/"}
    doc = html(client.get(url[language]))
    scripts = [json.loads(s.string) for s in doc.select('script[type="application/ld+json"]')]
    article = next(s for s in scripts if s["@type"] == "NewsArticle")
    page = NewsArticlePage.objects.get(slug_fr="exposition-50-ans")
    assert article["headline"] == getattr(page, f"title_{language}")
    assert article["datePublished"] == "2025-06-03" and article["dateModified"]
    assert article["image"].startswith("http://testserver/media/")
    assert article["publisher"]["@type"] == "NGO" and article["publisher"]["name"]
    assert article["inLanguage"] == language and "author" not in article


def test_a_month_only_date_is_a_month_in_json_ld(client, html):
    doc = html(client.get("/en/news/mexico-covid-19-project/"))
    scripts = [json.loads(s.string) for s in doc.select('script[type="application/ld+json"]')]
    assert next(s for s in scripts if s["@type"] == "NewsArticle")["datePublished"] == "2020-10"


def test_an_article_costs_the_same_queries_whatever_the_related_news(client):
    coop = category("cooperation")
    url = "/en/news/konbit-project-signed/"

    def queries():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    before = queries()
    for n in range(20):
        add_article(categories=[coop], tags_en=["Haiti"], date=datetime.date(2010, 1, 1 + n))
    assert queries() == before <= 10


# Feeds --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "language", "count"),
    [
        ("/fr/nouvelles/flux/", "fr", 3),
        ("/en/news/feed/", "en", 3),
        ("/en/news/feed/?category=cooperation", "en", 2),
    ],
)
def test_the_feeds_are_atom_in_their_language(client, url, language, count):
    response = client.get(url)
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == language
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == count
    for entry in entries:
        # RFC 4287: each entry has an id, a title, an updated date and a link.
        for child in ("id", "title", "updated", "link", "summary", "published"):
            assert entry.find(f"{ATOM}{child}") is not None, child
    assert feed.find(f"{ATOM}id").text and feed.find(f"{ATOM}updated").text


def test_a_feed_of_an_unknown_category_is_not_found(client):
    assert client.get("/en/news/feed/", {"category": "nope"}).status_code == 404


@pytest.mark.parametrize(
    ("url", "feed"),
    [("/fr/mission-et-actions/", "/fr/nouvelles/flux/"), ("/en/", "/en/news/feed/")],
)
def test_every_page_links_to_the_news_feed(client, html, url, feed):
    doc = html(client.get(url))
    links = [link["href"] for link in doc.select('head link[type="application/atom+xml"]')]
    assert feed in links


# The rest of the site -----------------------------------------------------------------------


def test_the_search_finds_news_and_filters_them(client, html):
    doc = html(client.get("/fr/recherche/", {"q": "Écomusée", "type": "news"}))
    found = [a["href"] for a in doc.select(".search-result__title a")]
    assert found == ["/fr/nouvelles/exposition-50-ans/"]
    kinds = [a.get_text(" ", strip=True) for a in doc.select(".search-filters a")]
    assert any(kind.startswith("Nouvelles") for kind in kinds)


def test_a_published_article_is_new_on_the_home_page_and_in_the_cached_list(client, html, settings):
    settings.CISO_PAGE_CACHE = True
    assert client.get("/fr/nouvelles/")["X-Page-Cache"] == "miss"
    assert client.get("/fr/nouvelles/")["X-Page-Cache"] == "hit"
    add_article(title_fr="Tout juste publiée", publish=True, date=datetime.date(2026, 1, 1))
    doc = html(client.get("/fr/nouvelles/"))
    assert titles(doc)[0] == "Tout juste publiée"
    home = html(client.get("/fr/"))
    assert "Tout juste publiée" in titles(home, ".card__title")


def test_an_editor_writes_an_article_and_a_translator_submits_its_english(client):
    signed_in(client, "editor", "fr", EDITORS)
    index = news_index()
    add = f"/admin/pages/add/news/newsarticlepage/{index.pk}/"
    assert client.get(add).status_code == 200
    data = {
        "title_fr": "Écrite dans l’admin",
        "slug_fr": "ecrite-admin",
        "date": "2026-11-30",
        "date_precision": "day",
        "summary_fr": "Un résumé.",
        "categories": [category("education").pk],
        "french_tags": "formation, syndicats",
        "body_fr-count": "0",
        "body_en-count": "0",
        "action-publish": "1",
    }
    response = client.post(add, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    article = NewsArticlePage.objects.get(slug_fr="ecrite-admin")
    assert article.live and set(article.french_tags.names()) == {"formation", "syndicats"}

    client.logout()
    signed_in(client, "translator", "en", TRANSLATORS)
    edit = f"/admin/pages/{article.pk}/edit/"
    assert client.get(edit).status_code == 200
    assert client.get("/admin/snippets/news/newscategory/").status_code == 200


def test_a_category_without_english_is_in_the_translation_report():
    from ciso.editorial.translation_status import report_rows

    coop = category("cooperation")
    coop.name_en = ""
    coop.save()
    rows = [row for row in report_rows() if row.title == "Coopération"]
    assert [(row.field, row.status) for row in rows] == [("name", "missing")]


def test_an_unpublished_category_is_left_out(client, html):
    category("cooperation").unpublish()
    doc = html(client.get("/fr/nouvelles/signature-projet-konbit/"))
    assert not doc.select(".kicker a")
    assert client.get("/fr/nouvelles/", {"category": "cooperation"}).status_code == 200
    assert NewsCategory.objects.filter(live=True).count() == 3


def test_the_home_page_dates_an_article_by_its_own_date(client, html):
    doc = html(client.get("/fr/"))
    cards = {
        card.select_one(".card__title").get_text(strip=True): card.select_one("time").get_text()
        for card in doc.select(".card")
        if card.select_one("time")
    }
    assert cards["Au Mexique, un projet face à la crise de la COVID-19"] == "octobre 2020"
    assert cards["Signature du projet Konbit pour Haïti"] == "23 février 2009"


@pytest.mark.parametrize(
    "model",
    ["news.NewsIndexPage", "news.NewsArticlePage", "events.EventIndexPage", "events.EventPage"],
)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_news_and_event_page_previews_in_each_language(model, language, rf):
    from django.apps import apps

    from tests.users import staff_user

    page = apps.get_model(model).objects.live().first()
    request = rf.get("/admin/")
    request.user = staff_user("previewer")
    response = page.make_preview_request(request, language)
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()


def test_a_year_is_four_digits_and_one_address(client):
    for url in ("/fr/nouvelles/0/", "/fr/nouvelles/02009/", "/fr/nouvelles/9999/"):
        assert client.get(url).status_code == 404, url
    # Filtered, a year with news is an archive even when the filter finds none of it.
    assert client.get("/fr/nouvelles/2009/", {"category": "education"}).status_code == 200
    assert client.get("/fr/nouvelles/2011/", {"category": "education"}).status_code == 404


def test_each_feed_has_its_own_id_an_author_and_stable_entry_ids(client):
    whole = ET.fromstring(client.get("/en/news/feed/").content)
    one = ET.fromstring(client.get("/en/news/feed/", {"category": "cooperation"}).content)
    assert whole.find(f"{ATOM}id").text != one.find(f"{ATOM}id").text
    assert whole.find(f"{ATOM}author/{ATOM}name").text  # RFC 4287, 4.1.1
    entry_ids = {e.find(f"{ATOM}id").text for e in whole.findall(f"{ATOM}entry")}
    article = NewsArticlePage.objects.get(slug_fr="exposition-50-ans")
    article.slug_en = "renamed"
    article.save_revision().publish()
    after = ET.fromstring(client.get("/en/news/feed/").content)
    assert {e.find(f"{ATOM}id").text for e in after.findall(f"{ATOM}entry")} == entry_ids
