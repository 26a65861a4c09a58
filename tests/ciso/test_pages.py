"""The home page and standard pages, as a visitor reads them in each language."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail_factories import ImageFactory

from ciso.models import HomePage, StandardPage
from tests.dates import dates_in

pytestmark = pytest.mark.django_db

PAGES = [
    # (French URL, English URL, French title, English title)
    ("/fr/", "/en/", "Accueil", "Home"),
    (
        "/fr/mission-et-actions/",
        "/en/mission-and-activities/",
        "Mission et actions",
        "Mission and activities",
    ),
    (
        "/fr/cqcam/",
        "/en/sweatshops-coalition/",
        "Coalition québécoise contre les ateliers de misère (CQCAM)",
        "Quebec Coalition Against Sweatshops (CQCAM)",
    ),
]


@pytest.mark.parametrize(("fr_url", "en_url", "fr_title", "en_title"), PAGES)
def test_page_renders_in_each_language(client, html, fr_url, en_url, fr_title, en_title):
    for url, language, title in ((fr_url, "fr", fr_title), (en_url, "en", en_title)):
        response = client.get(url)
        assert response.status_code == 200, url
        doc = html(response)
        assert doc.html["lang"] == language
        assert doc.title.string.startswith(title)
        assert response["Content-Language"] == language


def test_home_page_speaks_each_language(client, html):
    fr = html(client.get("/fr/")).get_text(" ")
    en = html(client.get("/en/")).get_text(" ")
    assert "Près de 80 syndicats en sont membres" in fr
    assert "Close to 80 unions belong to it" in en
    assert "Nos trois axes de travail" in fr
    assert "Our three areas of work" in en
    # No text of one language leaks into the other's page body.
    assert "Close to 80 unions" not in fr
    assert "Près de 80 syndicats" not in en


@pytest.mark.parametrize(("url", "language"), [("/fr/", "fr"), ("/en/", "en")])
def test_home_page_dates_use_the_languages_format(client, html, url, language):
    """As on the history page's timeline: "3 juin 2025", "3 June 2025"."""
    dates = dates_in(html(client.get(url)).select_one("main").get_text(" "), language)
    assert dates and all(right for _date, right in dates), dates


def test_home_page_cards_link_to_translated_pages(client, html):
    doc = html(client.get("/en/"))
    cards = [a["href"] for a in doc.select(".card a")]
    assert "/en/mission-and-activities/" in cards
    assert "/en/sweatshops-coalition/" in cards


def test_standard_page_body_in_each_language(client, html):
    fr = html(client.get("/fr/mission-et-actions/"))
    en = html(client.get("/en/mission-and-activities/"))
    assert [h.get_text() for h in fr.select("main h2")][:2] == [
        "Notre mission",
        "Trois axes de travail",
    ]
    assert [h.get_text() for h in en.select("main h2")][:2] == [
        "Our mission",
        "Three areas of work",
    ]


@pytest.mark.parametrize(("fr_url", "en_url", "fr_title", "en_title"), PAGES)
def test_switcher_and_hreflang_point_at_the_translated_page(
    client, html, fr_url, en_url, fr_title, en_title
):
    for url in (fr_url, en_url):
        doc = html(client.get(url))
        switcher = {a["hreflang"]: a["href"] for a in doc.select(".language-switcher a")}
        assert switcher == {"fr": fr_url, "en": en_url}
        alternates = {
            link["hreflang"]: link["href"] for link in doc.select("link[rel=alternate][hreflang]")
        }
        # x-default: the home page's is `/`, which picks the language; others are French.
        x_default = "/" if fr_url == "/fr/" else fr_url
        assert alternates == {
            "fr": f"http://testserver{fr_url}",
            "en": f"http://testserver{en_url}",
            "x-default": f"http://testserver{x_default}",
        }


def test_one_page_two_urls(client):
    """The French and English URLs serve the same page object."""
    fr = client.get("/fr/mission-et-actions/")
    en = client.get("/en/mission-and-activities/")
    assert fr.context["page"].pk == en.context["page"].pk


def test_slug_of_other_language_is_not_served(client):
    assert client.get("/en/mission-et-actions/").status_code in (404, 302)


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("en-CA,en;q=0.9", "/en/"),
        ("en", "/en/"),
        ("fr-CA,fr;q=0.9,en;q=0.8", "/fr/"),
        ("de-DE,de;q=0.9", "/fr/"),
        ("", "/fr/"),
        ("*;q=0.1,zz", "/fr/"),
    ],
)
def test_root_redirects_by_accept_language(client, accept_language, expected):
    headers = {"Accept-Language": accept_language} if accept_language else {}
    response = client.get("/", headers=headers)
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize(
    ("path", "accept_language", "expected"),
    [
        ("/mission-et-actions/", "fr", "/fr/mission-et-actions/"),
        ("/cqcam/", "fr", "/fr/cqcam/"),  # a slug that looks like a language code
        ("/rqic/", "en", "/en/rqic/"),
        ("/history/", "en", "/en/history/"),
    ],
)
def test_unprefixed_page_redirects_to_the_visitors_language(
    client, path, accept_language, expected
):
    response = client.get(path, headers={"Accept-Language": accept_language})
    assert response.status_code == 302
    assert response["Location"] == expected


def test_unknown_language_404_varies_with_accept_language(client):
    response = client.get("/de/", headers={"Accept-Language": "en"})
    assert response.status_code == 404
    assert "Accept-Language" in response["Vary"]


@pytest.mark.parametrize(
    ("url", "accept_language", "language", "message"),
    [
        ("/fr/cette-page-nexiste-pas/", "en", "fr", "Page introuvable"),
        ("/en/no-such-page/", "fr", "en", "Page not found"),
        ("/de/", "en", "en", "Page not found"),
        ("/de/irgendwas/", "fr", "fr", "Page introuvable"),
        ("/pt-br/", "", "fr", "Page introuvable"),
    ],
)
def test_not_found_in_the_visitors_language(client, html, url, accept_language, language, message):
    headers = {"Accept-Language": accept_language} if accept_language else {}
    response = client.get(url, headers=headers)
    assert response.status_code == 404
    doc = html(response)
    assert doc.html["lang"] == language
    assert doc.h1.get_text() == message
    # Bilingual: the other language says it too, marked with its own lang.
    other = doc.select_one(".error-page__other")
    assert other["lang"] != language
    # The switcher leads to each language's home page, not to another 404.
    switcher = {a["hreflang"]: a["href"] for a in doc.select(".language-switcher a")}
    assert switcher == {"fr": "/fr/", "en": "/en/"}


def test_main_menu_lists_pages_marked_show_in_menus(client, html):
    doc = html(client.get("/en/"))
    menu = [a.get_text() for a in doc.select(".main-nav a")]
    assert menu == [
        "Mission and activities",
        "Quebec Coalition Against Sweatshops (CQCAM)",
        "Cooperation projects",
        "History",
        "Achievements",
        "Members",
        "News",
        "Events",
    ]
    # The RQIC page is published but not in the menu.
    assert client.get("/en/rqic/").status_code == 200


def test_current_menu_item_is_marked(client, html):
    doc = html(client.get("/fr/mission-et-actions/"))
    current = doc.select_one(".main-nav a[aria-current=page]")
    assert current.get_text() == "Mission et actions"


def test_breadcrumbs_lead_home(client, html):
    home = HomePage.objects.get()
    child = StandardPage.objects.get(slug_fr="mission-et-actions")
    nested = child.add_child(
        instance=StandardPage(
            title_fr="Éducation", title_en="Education", slug_fr="education", slug_en="education"
        )
    )
    nested.save_revision().publish()
    doc = html(client.get("/en/mission-and-activities/education/"))
    crumbs = [(a.get_text(), a["href"]) for a in doc.select(".breadcrumbs a")]
    assert crumbs == [
        (home.title_en, "/en/"),
        ("Mission and activities", "/en/mission-and-activities/"),
        ("Education", "/en/mission-and-activities/education/"),
    ]


def test_skip_link_and_landmarks(client, html):
    doc = html(client.get("/fr/mission-et-actions/"))
    skip = doc.select_one("a.skip-link")
    assert skip["href"] == "#main"
    assert doc.select_one("main#main") is not None
    assert doc.select_one("header") and doc.select_one("footer")
    assert len(doc.select("h1")) == 1


def test_footer_shows_the_site_settings_in_each_language(client, html):
    fr = html(client.get("/fr/")).select_one("footer").get_text(" ")
    en = html(client.get("/en/")).select_one("footer").get_text(" ")
    assert "Montréal (Québec), Canada" in fr
    assert "Montreal, Quebec, Canada" in en
    for text in (fr, en):  # the networks the CISO belongs to, by their own name
        assert "Association québécoise des organismes de coopération internationale" in text


def test_missing_english_field_falls_back_to_french(client, html):
    page = StandardPage.objects.get(slug_fr="rqic")
    page.intro_en = ""
    page.save_revision().publish()
    doc = html(client.get("/en/rqic/"))
    assert "Le CISO a hébergé" in doc.select_one(".lead").get_text()


def test_queries_do_not_grow_with_the_number_of_menu_pages(client):
    home = HomePage.objects.get()

    def count(url):
        client.get(url)  # warm the per-process caches (site root paths)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = count("/en/mission-and-activities/")
    for n in range(15):
        home.add_child(
            instance=StandardPage(
                title_fr=f"Page {n}",
                title_en=f"Page {n}",
                slug_fr=f"page-fr-{n}",
                slug_en=f"page-en-{n}",
                show_in_menus=True,
            )
        ).save_revision().publish()
    after = count("/en/mission-and-activities/")
    assert after == before
    assert after <= 10


def test_queries_do_not_grow_with_the_number_of_images(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    page = StandardPage.objects.get(slug_fr="rqic")

    def count_with(n_images):
        body = [
            {
                "type": "image",
                "value": {
                    "image": {"image": image.pk, "alt_text": f"Photo {i}", "decorative": False},
                    "caption": f"Légende {i}",
                    "credit": "",
                },
            }
            for i, image in enumerate(ImageFactory() for _ in range(n_images))
        ]
        page.body_fr = body
        page.save_revision().publish()
        client.get("/fr/rqic/")  # the first view makes the renditions
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/fr/rqic/")
        assert response.content.count(b'<figure class="figure"') == n_images
        return len(queries)

    assert count_with(1) == count_with(8) <= 10


def test_image_block_renders_alt_text_srcset_and_caption(client, html, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    page = StandardPage.objects.get(slug_fr="rqic")
    image = ImageFactory(width=1600, height=900)
    page.body_en = [
        {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "alt_text": "Delegates in 1975", "decorative": False},
                "caption": "The 1975 conference",
                "credit": "CISO archives",
            },
        }
    ]
    page.save_revision().publish()
    figure = html(client.get("/en/rqic/")).select_one("main figure.figure")
    img = figure.img
    assert img["alt"] == "Delegates in 1975"
    assert len(img["srcset"].split(",")) == 3
    assert len(figure.select_one('picture source[type="image/webp"]')["srcset"].split(",")) == 3
    assert img["width"] and img["height"] and img["loading"] == "lazy"
    assert figure.figcaption.get_text(" ", strip=True) == "The 1975 conference CISO archives"
