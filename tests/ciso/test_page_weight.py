"""Every page is light and self-contained: its CSS and JavaScript weigh under 30 KB once
compressed, and nothing it loads comes from another host."""

import gzip
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

PAGES = [
    "/fr/",
    "/en/history/",
    "/fr/realisations/",
    "/fr/projets/",
    "/en/members/",
    "/fr/nouvelles/",
    "/fr/activites/exposition-cinquantenaire/",
    "/en/news/konbit-project-signed/",
    "/en/projects/countries/haiti/",
    "/fr/projets/konbit-haiti/",
    "/en/mission-and-activities/",
]
BUDGET = 30 * 1024


def loaded_resources(doc):
    """What a browser fetches to show the page: stylesheets, scripts, images, icons."""
    urls = [link["href"] for link in doc.select("link[rel~=stylesheet], link[rel~=icon]")]
    urls += [tag["src"] for tag in doc.select("script[src], img[src], iframe[src]")]
    urls += [
        part.split()[0]
        for tag in doc.select("[srcset]")
        for part in tag["srcset"].split(",")
        if part.strip()
    ]
    return urls


@pytest.mark.parametrize("path", PAGES)
def test_css_and_javascript_under_30_kb_compressed(client, html, path):
    doc = html(client.get(path))
    files = [link["href"] for link in doc.select("link[rel~=stylesheet]")]
    files += [script["src"] for script in doc.select("script[src]")]
    assert files, "the page has its stylesheet"
    total = 0
    for url in files:
        found = finders.find(urlsplit(url).path.removeprefix("/static/"))
        assert found, url
        with open(found, "rb") as file:
            total += len(gzip.compress(file.read()))
    inline = sum(len(gzip.compress(tag.encode())) for tag in map(str, doc.select("style, script")))
    assert total + inline < BUDGET, f"{total + inline} bytes"


@pytest.mark.parametrize("path", PAGES)
def test_nothing_is_loaded_from_another_host(client, html, path):
    for url in loaded_resources(html(client.get(path))):
        parts = urlsplit(url)
        assert not parts.netloc or parts.hostname in ("testserver", "localhost"), url
