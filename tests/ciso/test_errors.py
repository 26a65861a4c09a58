"""The site's error pages, and the database check that guards `make test`."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.test import Client, RequestFactory
from django.utils import translation

from ciso.errors import server_error

ROOT = Path(__file__).resolve().parents[2]


def test_make_test_stops_with_advice_when_no_database_answers():
    env = {**os.environ, "DATABASE_URL": "postgres://postgres@127.0.0.1:1/ciso"}
    result = subprocess.run(
        [sys.executable, "tests/check_database.py"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "No PostgreSQL server answers at postgres://postgres@127.0.0.1:1/ciso" in result.stderr
    assert "docker run -d -p 127.0.0.1:5432:5432" in result.stderr


def test_database_check_passes_when_the_server_answers():
    result = subprocess.run(
        [sys.executable, "tests/check_database.py"],
        cwd=ROOT,
        env=os.environ,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


# --- The site's error pages, in the visitor's language ---------------------------------------

HEADINGS = {
    400: {"fr": "Demande non valide", "en": "Request not understood"},
    403: {"fr": "Accès refusé", "en": "Access denied"},
    "csrf": {"fr": "Formulaire non envoyé", "en": "Form not sent"},
    413: {"fr": "Envoi trop volumineux", "en": "Too large to send"},
    414: {"fr": "Adresse trop longue", "en": "Address too long"},
    429: {"fr": "Trop de tentatives", "en": "Too many attempts"},
    500: {"fr": "Une erreur est survenue", "en": "Something went wrong"},
    503: {"fr": "Temporairement indisponible", "en": "Temporarily unavailable"},
}
OTHER = {"fr": "en", "en": "fr"}
SEARCH = {"fr": "/fr/recherche/", "en": "/en/search/"}


def assert_error_page(response, status, kind, language, *, site_look=True):
    """The site's own page: its status, in `language` with the other language after it, the
    site's stylesheet, a link to the home page in each language; with the site's header and
    menu when the database can be used."""
    assert response.status_code == status
    doc = BeautifulSoup(response.content, "html.parser")
    assert doc.html["lang"] == language
    assert doc.h1.get_text(strip=True) == HEADINGS[kind][language]
    assert doc.find("link", rel="stylesheet", href=lambda href: "css/site.css" in href)
    assert doc.select_one(".site-header .brand")
    other = doc.select_one(".error-page__other")
    assert other["lang"] == OTHER[language]
    assert other.h2.get_text(strip=True) == HEADINGS[kind][OTHER[language]]
    main = doc.select_one("main")
    assert main.select_one(f'a[href="/{language}/"]'), "no way on to the home page"
    assert other.select_one(f'a[href="/{OTHER[language]}/"][hreflang="{OTHER[language]}"]')
    if site_look:
        assert doc.select_one(".main-nav a"), "the site's menu is missing"
    assert "Traceback" not in response.content.decode()
    return doc


@pytest.fixture
def csrf_client():
    """A client whose requests are checked for their CSRF token, as browsers' are."""
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def visitor_client(csrf_client, settings):
    """The same, with the CSRF cookie a visitor got from an earlier page: Django then reads the
    form to find its token."""
    csrf_client.cookies[settings.CSRF_COOKIE_NAME] = "a" * 32
    return csrf_client


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_form_posted_without_its_token_gets_the_sites_403(csrf_client, language):
    response = csrf_client.post(SEARCH[language], {"q": "syndicats"})
    doc = assert_error_page(response, 403, "csrf", language)
    # What to do about it, in the visitor's language.
    advice = {"fr": "rechargez la page", "en": "reload the page"}[language]
    assert advice in doc.select_one("main p").get_text()


@pytest.mark.django_db
@pytest.mark.parametrize(("accept_language", "language"), [("fr", "fr"), ("en", "en"), ("", "fr")])
def test_the_admin_sign_in_without_its_token_gets_the_sites_403(
    csrf_client, accept_language, language
):
    headers = {"Accept-Language": accept_language} if accept_language else {}
    response = csrf_client.post(
        "/admin/login/", {"username": "a", "password": "b"}, headers=headers
    )
    assert_error_page(response, 403, "csrf", language)


@pytest.mark.django_db
@pytest.mark.urls("tests.ciso.error_urls")
@pytest.mark.parametrize("language", ["fr", "en"])
def test_permission_denied_gets_the_sites_403(client, language):
    assert_error_page(client.get(f"/{language}/_errors/forbidden/"), 403, 403, language)


@pytest.mark.django_db
@pytest.mark.urls("tests.ciso.error_urls")
@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_bad_request_gets_the_sites_400(client, language):
    assert_error_page(client.get(f"/{language}/_errors/bad-request/"), 400, 400, language)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
def test_an_unreadable_form_gets_the_sites_400(visitor_client, language):
    response = visitor_client.post(
        SEARCH[language], data=b"--x\r\n", content_type="multipart/form-data; boundary="
    )
    assert_error_page(response, 400, 400, language)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_form_too_large_gets_the_sites_413(visitor_client, settings, language):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = visitor_client.post(
        SEARCH[language], data="q=" + "x" * 2000, content_type="application/x-www-form-urlencoded"
    )
    assert_error_page(response, 413, 413, language)


@pytest.mark.django_db
def test_a_form_with_too_many_fields_gets_the_sites_413(visitor_client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    data = "&".join(f"f{n}=x" for n in range(20))
    response = visitor_client.post(
        "/en/search/", data=data, content_type="application/x-www-form-urlencoded"
    )
    assert_error_page(response, 413, 413, "en")


@pytest.mark.django_db
@pytest.mark.urls("tests.ciso.error_urls")
@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_bug_gets_the_500_page_in_the_visitors_language(language):
    client = Client(raise_request_exception=False)
    response = client.get(f"/{language}/_errors/broken/")
    assert_error_page(response, 500, 500, language, site_look=False)


@pytest.mark.django_db
def test_an_unknown_host_gets_a_bilingual_400_without_the_database(
    client, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get("/en/", headers={"Host": "evil.example"})
    assert_error_page(response, 400, 400, "en", site_look=False)
    assert "evil.example" not in response.content.decode()


def test_the_standalone_pages_need_no_database():
    # No database marker: the 500 and 503 pages must render while the database is the problem.
    from ciso.errors import database_unavailable

    with translation.override("en"):
        response = database_unavailable(RequestFactory().get("/en/"))
    assert_error_page(response, 503, 503, "en", site_look=False)
    with translation.override("fr"):
        response = server_error(RequestFactory().get("/fr/"))
    assert_error_page(response, 500, 500, "fr", site_look=False)
