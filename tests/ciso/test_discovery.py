"""What search engines, feed readers and social media read: sitemap.xml, robots.txt, the meta
tags, JSON-LD and the projects' Atom feed."""

import json
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation
from django.utils.timezone import localtime
from wagtail.models import Page, Site
from wagtail_factories import ImageFactory

from ciso.models import StandardPage
from projects.models import Country, ProjectPage

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
ATOM = "{http://www.w3.org/2005/Atom}"

PAGES = [
    ("home", "/fr/"),
    ("home", "/en/"),
    ("standard", "/fr/mission-et-actions/"),
    ("standard", "/en/mission-and-activities/"),
    ("history", "/fr/historique/"),
    ("achievements", "/en/achievements/"),
    ("project index", "/fr/projets/"),
    ("country", "/en/projects/countries/mexico/"),
    ("project", "/fr/projets/konbit-haiti/"),
    ("project", "/en/projects/konbit-democratic-haiti/"),
    ("search", "/fr/recherche/?q=syndicats"),
    ("search", "/en/search/?q=unions"),
]


def sitemap_urls(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == f"{SITEMAP}urlset"
    urls = {}
    for url in root.findall(f"{SITEMAP}url"):
        alternates = {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
        lastmod = url.find(f"{SITEMAP}lastmod")
        urls[url.find(f"{SITEMAP}loc").text] = (
            alternates,
            lastmod.text if lastmod is not None else None,
        )
    return urls


def test_sitemap_lists_every_live_page_in_both_languages_with_alternates(client):
    urls = sitemap_urls(client)
    site = Site.objects.get(is_default_site=True)
    pages = site.root_page.get_descendants(inclusive=True).live().public()
    assert pages.count() >= 8
    for page in pages:
        expected = {}
        for code in ("fr", "en"):
            with translation.override(code):
                expected[code] = "http://testserver" + page.get_url()
        for code in ("fr", "en"):
            alternates, lastmod = urls[expected[code]]
            assert alternates["fr"] == expected["fr"]
            assert alternates["en"] == expected["en"]
            assert alternates["x-default"] == (
                "http://testserver/" if page.depth == 2 else expected["fr"]
            )
            assert lastmod == localtime(page.last_published_at).date().isoformat()
    assert len([u for u in urls if "/projets/pays/" in u]) == Country.objects.count()
    assert urls["http://testserver/en/projects/countries/haiti/"][0]["fr"] == (
        "http://testserver/fr/projets/pays/haiti/"
    )


def test_sitemap_leaves_out_unpublished_and_private_pages(client):
    page = Page.objects.get(slug_fr="rqic")
    page.unpublish()
    assert not any("/rqic/" in url for url in sitemap_urls(client))


def test_robots_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def meta(doc, name):
    tag = doc.select_one(f'meta[property="{name}"]') or doc.select_one(f'meta[name="{name}"]')
    return tag["content"] if tag else None


def json_ld(doc):
    return [
        json.loads(script.string) for script in doc.select('script[type="application/ld+json"]')
    ]


@pytest.mark.parametrize(("kind", "url"), PAGES, ids=[u for _k, u in PAGES])
def test_meta_tags_and_breadcrumbs_in_the_pages_language(client, html, kind, url):
    response = client.get(url)
    assert response.status_code == 200
    doc = html(response)
    language = url[1:3]
    description = meta(doc, "description")
    assert description and len(description) <= 160
    assert meta(doc, "og:description") == description
    assert meta(doc, "og:title")
    assert meta(doc, "twitter:card") in ("summary", "summary_large_image")
    assert meta(doc, "og:locale") == {"fr": "fr_CA", "en": "en_CA"}[language]
    assert meta(doc, "og:locale:alternate") == {"fr": "en_CA", "en": "fr_CA"}[language]
    canonical = doc.select_one("link[rel=canonical]")["href"]
    assert canonical == "http://testserver" + url.split("?")[0]
    data = json_ld(doc)
    crumbs = next(item for item in data if item["@type"] == "BreadcrumbList")
    visible = [(a.get_text(), a["href"]) for a in doc.select(".breadcrumbs a")]
    listed = [(i["name"], i["item"]) for i in crumbs["itemListElement"]]
    if kind == "home":
        assert visible == []
        assert listed == [({"fr": "Accueil", "en": "Home"}[language], canonical)]
    else:
        assert listed == [(name, "http://testserver" + href) for name, href in visible]
    assert [i["position"] for i in crumbs["itemListElement"]] == list(range(1, len(listed) + 1))


def test_english_descriptions_are_english(client, html):
    doc = html(client.get("/en/mission-and-activities/"))
    assert meta(doc, "description").startswith("Why the CISO exists")
    doc = html(client.get("/en/projects/countries/mexico/"))
    assert meta(doc, "description") == "The CISO’s cooperation projects and partners in Mexico."


def test_home_page_describes_the_organisation(client, html):
    doc = html(client.get("/en/"))
    organisation = next(item for item in json_ld(doc) if item["@type"] == "NGO")
    assert organisation["name"] == "Centre international de solidarité ouvrière"
    assert organisation["alternateName"] == "CISO"
    assert organisation["foundingDate"] == "1975"
    assert organisation["address"] == "Montreal, Quebec, Canada"
    assert organisation["url"] == "http://testserver/en/"
    assert organisation["logo"].startswith("http://testserver/static/")
    assert "sameAs" not in organisation  # no social link is known yet
    assert not any(item["@type"] == "NGO" for item in json_ld(html(client.get("/en/history/"))))


def test_json_ld_cannot_close_its_script_element(client, html):
    page = StandardPage.objects.get(slug_fr="rqic")
    page.title_fr = "</script><script>alert(1)</script>"
    page.save_revision().publish()
    response = client.get("/fr/rqic/")
    assert b"</script><script>alert(1)" not in response.content
    crumbs = next(i for i in json_ld(html(response)) if i["@type"] == "BreadcrumbList")
    assert crumbs["itemListElement"][-1]["name"] == "</script><script>alert(1)</script>"


def test_a_project_with_an_image_shares_a_rendition(client, html, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    project = ProjectPage.objects.get(slug_fr="konbit-haiti")
    project.image = ImageFactory(width=1600, height=1000)
    project.image_alt_fr = "Des délégués en réunion"  # an image needs its French alt text
    project.image_alt_en = "Delegates at a meeting"
    project.save_revision().publish()
    doc = html(client.get("/en/projects/konbit-democratic-haiti/"))
    image = meta(doc, "og:image")
    assert image.startswith("http://testserver/media/images/") and "1200x630" in image
    assert meta(doc, "og:image:alt") == "Delegates at a meeting"
    assert meta(doc, "twitter:card") == "summary_large_image"
    assert (tmp_path / image.split("/media/")[1]).exists()


@pytest.mark.parametrize("query", ["?q=unions", "?q=", "?q=zzzz", "?type=project"])
def test_search_results_are_not_indexed(client, html, query):
    doc = html(client.get(f"/en/search/{query}"))
    assert meta(doc, "robots") == "noindex, follow"


def test_the_search_page_itself_is(client, html):
    doc = html(client.get("/fr/recherche/"))
    assert meta(doc, "robots") is None


@pytest.mark.parametrize(
    ("url", "language", "index"),
    [("/fr/projets/flux/", "fr", "/fr/projets/"), ("/en/projects/feed/", "en", "/en/projects/")],
)
def test_atom_feed_of_the_newest_projects(client, url, language, index):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == language
    assert feed.find(f"{ATOM}link[@rel='alternate']").get("href") == "http://testserver" + index
    entries = feed.findall(f"{ATOM}entry")
    projects = ProjectPage.objects.live().order_by("-first_published_at")
    with translation.override(language):
        expected = [("http://testserver" + p.get_url(), p.title) for p in projects]
    assert [
        (e.find(f"{ATOM}link").get("href"), e.find(f"{ATOM}title").text) for e in entries
    ] == expected
    for entry in entries:
        assert entry.find(f"{ATOM}published") is not None
        assert entry.find(f"{ATOM}summary").text


def test_the_feed_is_linked_from_the_project_pages(client, html):
    def feeds(doc):
        return [link["href"] for link in doc.select('link[type="application/atom+xml"]')]

    doc = html(client.get("/en/projects/"))
    assert "/en/projects/feed/" in feeds(doc)
    assert doc.select_one('main a[href="/en/projects/feed/"]')
    assert "/fr/projets/flux/" in feeds(html(client.get("/fr/projets/konbit-haiti/")))
    response = client.get("/en/projects/flux/")
    assert response.status_code == 301 and response["Location"] == "/en/projects/feed/"
