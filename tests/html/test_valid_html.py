"""Every public page type, in French and in English, is valid HTML for the Nu HTML Checker.

The pages are rendered with Django's test client and checked together by one run of vnu.jar
(one JVM for all of them: a JVM per page would cost seconds each). vnu.jar comes from the
exactly pinned npm package in this folder (`npm ci` here, which `make test` runs); it needs
Java. Without them the test is skipped, except on CI (CI=true), where it fails.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from ciso.errors import database_unavailable
from projects.models import Country, ProjectIndexPage
from tests.members import factories as members
from tests.projects.factories import add_project

pytestmark = pytest.mark.django_db

VNU_JAR = Path(__file__).parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

PAGES = [
    ("home", "/fr/", 200),
    ("home", "/en/", 200),
    ("standard", "/fr/mission-et-actions/", 200),
    ("standard", "/en/mission-and-activities/", 200),
    ("history", "/fr/historique/", 200),
    ("history", "/en/history/", 200),
    ("achievements", "/fr/realisations/", 200),
    ("achievements", "/en/achievements/", 200),
    ("members", "/fr/membres/", 200),
    ("members", "/en/members/", 200),
    ("news index", "/fr/nouvelles/", 200),
    ("news index, filtered", "/en/news/?category=cooperation&tag=haiti", 200),
    ("news index, year", "/en/news/2020/", 200),
    ("news article", "/fr/nouvelles/signature-projet-konbit/", 200),
    ("news article", "/en/news/mexico-covid-19-project/", 200),
    ("news article, gallery and video", "/en/news/media/", 200),
    ("events", "/fr/activites/", 200),
    ("event", "/en/events/50th-anniversary-exhibition/", 200),
    ("event, upcoming, timed and online", "/fr/activites/soiree/", 200),
    ("project index", "/fr/projets/", 200),
    ("project index", "/en/projects/", 200),
    # Filters that match, and filters that are not understood (the notice).
    ("project index, filtered", "/fr/projets/?country=ht&status=completed&kind=union", 200),
    ("project index, filtered", "/en/projects/?year_from=2000&year_to=2015", 200),
    ("project index, bad filters", "/fr/projets/?country=zz&status=x&year_from=abc", 200),
    ("project index, bad filters", "/en/projects/?country=zz&kind=x&year_to=1", 200),
    # More projects than fit on a page: the pagination.
    ("project index, page 2", "/fr/projets/?page=2", 200),
    ("project index, page 2", "/en/projects/?page=2&country=cu", 200),
    ("country", "/fr/projets/pays/haiti/", 200),
    ("country", "/en/projects/countries/mexico/", 200),
    ("project", "/fr/projets/konbit-haiti/", 200),
    ("project", "/en/projects/konbit-democratic-haiti/", 200),
    ("search", "/fr/recherche/?q=syndicats", 200),
    ("search", "/en/search/?q=unions&type=project", 200),
    ("search, nothing found", "/fr/recherche/?q=sweatshops", 200),
    ("search, empty", "/fr/recherche/", 200),
    ("search, only symbols", "/en/search/?q=%26%7C%21", 400),
    ("not found", "/fr/page-inconnue/", 404),
    ("not found", "/en/unknown-page/", 404),
    ("not found, other language", "/de/", 404),
    # The other error pages (views of tests/ciso/error_urls.py raise what real views would).
    ("bad request", "/en/_errors/bad-request/", 400),
    ("permission denied", "/fr/_errors/forbidden/", 403),
]

# Guards the check itself: a page with an error must be reported.
BROKEN_PAGE = '<!DOCTYPE html><html lang="fr"><title>x</title><p><div></div></p></html>'


def _on_ci():
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _missing_tools():
    if shutil.which("java") is None:
        return "Java is needed to check the HTML: apt-get install default-jre-headless"
    if not VNU_JAR.exists():
        return f"vnu.jar is missing: run `npm ci` in {VNU_JAR.parents[3]} (make test does)"
    return None


def _validate(files):
    """The Nu HTML Checker's error messages, per file name."""
    result = subprocess.run(
        ["java", "-Xss1m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]
        + [str(f) for f in files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    # vnu.jar writes its JSON report on stderr; exit status 1 only means "errors found".
    report = json.loads(result.stderr)
    errors = {}
    for message in report["messages"]:
        name = Path(message.get("url", "").removeprefix("file:")).name
        errors.setdefault(name, []).append(message)
    return errors


def _describe(message):
    return (
        f"  line {message.get('lastLine', '?')}: {message['message']}\n"
        f"    {message.get('extract', '').strip()}"
    )


@pytest.fixture
def thirteen_more_projects():
    """Enough projects for a second page of the index."""
    index = ProjectIndexPage.objects.get()
    cuba = Country.objects.get(iso_code="CU")
    for year in range(2000, 2013):
        add_project(index, country=cuba, start_year=year, status="ongoing")


def _error_pages(tmp_path):
    """The error pages that a GET of the test client does not give: name -> (what, content)."""
    csrf_client = Client(enforce_csrf_checks=True)
    pages = {
        "csrf-fr.html": ("form without its token (403)", csrf_client.post("/fr/recherche/")),
        "csrf-en.html": ("form without its token (403)", csrf_client.post("/en/search/")),
        "unknown-host.html": (
            "unknown host (400)",
            Client().get("/fr/", headers={"Host": "evil.example"}),
        ),
        "server-error.html": (
            "server error (500)",
            Client(raise_request_exception=False).get("/en/_errors/broken/"),
        ),
        "unavailable.html": ("database unavailable (503)", database_unavailable()),
    }
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=100):
        pages["too-large.html"] = (
            "form too large (413)",
            csrf_client.post(
                "/fr/recherche/", "q=" + "x" * 200, "application/x-www-form-urlencoded"
            ),
        )
    files = {}
    for name, (what, response) in pages.items():
        assert response.status_code >= 400, what
        (tmp_path / name).write_bytes(response.content)
        files[name] = what
    # What nginx answers itself (and runserver and gunicorn: the same pages, ciso/ops/servers.py).
    with override_settings(STATIC_ROOT=tmp_path / "static"):
        call_command("render_error_pages", verbosity=0)
    for page in sorted((tmp_path / "static" / "errors").glob("*/*.html")):
        name = f"nginx-{page.parent.name}-{page.name}"
        (tmp_path / name).write_bytes(page.read_bytes())
        files[name] = f"nginx {page.parent.name}/{page.name}"
    return files


@pytest.fixture
def some_members():
    """Members of two kinds, with and without logo and website: the members page's list and
    the home page's numbers and logos."""
    unions, federations = members.kind("Syndicats locaux"), members.kind("Centrales syndicales")
    members.add_member(
        unions, name="Syndicat d’essai", acronym="SE", website="https://example.org/"
    )
    members.add_member(unions, name="Autre syndicat", logo=members.logo("AS"))
    members.add_member(federations, name="Centrale d’essai", logo=members.logo("CE"))


@pytest.fixture
def media_article():
    """A news article with a gallery and a video (/en/news/media/)."""
    from wagtail_factories import ImageFactory

    from tests.news.factories import add_article

    images = [ImageFactory(file__width=1000, file__height=750).pk for _n in range(3)]
    body = [
        {
            "type": "gallery",
            "value": {
                "images": [
                    {"image": pk, "alt_text": "Photo", "decorative": False} for pk in images
                ],
                "caption": "A gallery",
            },
        },
        {"type": "video", "value": {"url": "https://vimeo.com/123456789", "title": "A talk"}},
    ]
    add_article(slug_en="media", body_en=body, body_fr=body)


@pytest.fixture
def upcoming_event():
    """An upcoming evening event, at a place and online, with a registration
    (/fr/activites/soiree/)."""
    import datetime

    from tests.events.factories import add_event, in_days

    add_event(
        slug_fr="soiree",
        start_date=in_days(20),
        start_time=datetime.time(19),
        end_time=datetime.time(21),
        place_name="Centre Saint-Pierre",
        address="1212, rue Panet\nMontréal",
        online_url="https://meet.example.org/ciso",
        registration_url="https://forms.example.org/",
    )


@pytest.mark.urls("tests.ciso.error_urls")
def test_every_public_page_type_is_valid_html(
    client, tmp_path, thirteen_more_projects, some_members, media_article, upcoming_event
):
    missing = _missing_tools()
    if missing:
        if _on_ci():
            pytest.fail(missing)
        pytest.skip(missing)

    files = {}
    for number, (kind, path, status) in enumerate(PAGES):
        response = client.get(path)
        assert response.status_code == status, path
        file = tmp_path / f"page-{number:02d}.html"
        file.write_bytes(response.content)
        files[file.name] = f"{kind} {path}"
    files.update(_error_pages(tmp_path))
    (tmp_path / "broken.html").write_text(BROKEN_PAGE)

    errors = _validate(sorted(tmp_path.glob("*.html")))

    assert "broken.html" in errors, "the checker did not report a known error"
    reports = [
        f"{files[name]}:\n" + "\n".join(_describe(m) for m in messages)
        for name, messages in sorted(errors.items())
        if name != "broken.html"
    ]
    assert not reports, "Invalid HTML:\n" + "\n".join(reports)
