"""Bad input, generated (hypothesis): public addresses, query strings, Accept-Language headers
and language cookies never give a server error, are answered quickly, and in the visitor's
language.

The requests go through Django's test client with DEBUG off, as in production. Under CI the
examples are derandomized (the "ci" profile of tests/conftest.py), so a run can be repeated.
"""

import re
import time
from urllib.parse import quote

import pytest
from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

# Seconds a single answer may take; the slowest public page takes a fraction of this.
TIME_LIMIT = 2.0
LANGUAGES = ("fr", "en")
fuzz = settings(max_examples=50, suppress_health_check=[HealthCheck.too_slow])

SLUGS = [
    "mission-et-actions",
    "mission-and-activities",
    "historique",
    "history",
    "realisations",
    "achievements",
    "projets",
    "projects",
    "pays",
    "countries",
    "haiti",
    "mexique",
    "mexico",
    "konbit-haiti",
    "konbit-democratic-haiti",
    "admin",
    "documents",
    "static",
    "media",
]

segment = st.one_of(
    st.sampled_from(SLUGS),
    st.sampled_from(["..", ".", "", "%2e%2e", "%2F", "%00", "%ff", "%", "%zz", "~", ";x"]),
    st.text(min_size=1, max_size=30),  # any unicode, control characters included
    st.text(alphabet="%0123456789abcdefABCDEFxyz/", min_size=1, max_size=30),
    st.text(alphabet="abcdefghij-", min_size=300, max_size=3000),  # very long
)


def _encode(text):
    """A path segment as a browser would send it: only what cannot travel raw is escaped."""
    return quote(text, safe="%/;~!$&'()*+,=:@")


paths = st.builds(
    lambda prefix, segments, slash: prefix + "/".join(_encode(s) for s in segments) + slash,
    st.sampled_from(["/fr/", "/en/", "/", "/de/", "//", "/FR/", "/fr-ca/"]),
    st.lists(segment, max_size=4),
    st.sampled_from(["/", ""]),
)

query_values = st.one_of(
    st.text(max_size=40),
    st.integers().map(str),
    st.sampled_from(["ht", "HT", "mx", "cu", "zz", "ongoing", "completed", "union", "0", "-1"]),
    st.sampled_from(["1" * 400, "9" * 40, "1e9", "nan", "2000.5", "[]", "%00", "\x00"]),
)
query_keys = st.one_of(
    st.sampled_from(
        ["page", "country", "status", "kind", "partner_kind", "year_from", "year_to", "period"]
    ),
    st.text(max_size=20),
)
queries = st.lists(st.tuples(query_keys, query_values), max_size=6)

language_tags = st.one_of(
    st.sampled_from(["fr", "en", "fr-CA", "en-US", "EN-gb", "de", "es", "*", "pt-BR", "zh-Hant"]),
    st.text(max_size=12),
)
q_values = st.one_of(
    st.none(),
    st.sampled_from(["1", "0", "0.5", "1.000", "0.001", "1e999", "-1", "nan", "2", "", "0.5.5"]),
    st.text(max_size=8),
)
accept_languages = st.one_of(
    st.lists(st.tuples(language_tags, q_values), max_size=8).map(
        lambda items: ", ".join(tag if q is None else f"{tag};q={q}" for tag, q in items)
    ),
    st.text(max_size=200),
    st.text(alphabet="en-fr,;q=0.9 ", min_size=500, max_size=5000),  # huge
)
cookies = st.one_of(
    st.none(),
    st.sampled_from(["fr", "en", "de", "EN", "fr-ca", "", "en;", "../en"]),
    st.text(max_size=40),
)


def _as_sent(text):
    """Header text as a WSGI server hands it to Django: the bytes sent (UTF-8 from a browser),
    read as Latin-1."""
    return text.encode().decode("latin-1")


def _client(accept_language=None, cookie=None):
    headers = {}
    if accept_language is not None:
        headers["Accept-Language"] = _as_sent(accept_language)
    client = Client(headers=headers)
    if cookie is not None:
        client.cookies["django_language"] = _as_sent(cookie)
    return client


def _get(client, path, data=None):
    start = time.monotonic()
    response = client.get(path, data)
    elapsed = time.monotonic() - start
    assert response.status_code < 500, path
    assert elapsed < TIME_LIMIT, f"{path} took {elapsed:.2f} s"
    return response


def _html_lang(response):
    match = re.search(rb'<html lang="([a-z-]+)"', response.content)
    return match and match.group(1).decode()


def _visitor_language(client, accept_language, cookie):
    """The language the site picks for a visitor: what `/` redirects to."""
    response = client.get("/")
    assert response.status_code == 302
    language = response["Location"].strip("/")
    assert language in LANGUAGES
    # A cookie naming a language of the site wins; French when nothing says otherwise.
    if cookie in LANGUAGES:
        assert language == cookie
    elif not accept_language and not cookie:
        assert language == "fr"
    return language


def _assert_local(location):
    assert location.startswith("/") and not location.startswith(("//", "/\\")), location


@pytest.fixture(autouse=True, scope="module")
def warm_up(django_db_setup, django_db_blocker):
    """Template compilation and the first queries happen once, outside the time limit."""
    with django_db_blocker.unblock():
        client = Client()
        for path in ("/fr/", "/en/projects/", "/fr/projets/pays/haiti/", "/en/nope/"):
            client.get(path)


@fuzz
@given(path=paths)
@example(path="/fr/" + "a" * 5000 + "/")
@example(path="/en/%00/")
@example(path="//evil.example/")
@example(path="/fr/../../etc/passwd")
def test_public_paths(path):
    response = _get(Client(), path)
    if 300 <= response.status_code < 400:
        _assert_local(response["Location"])
    prefix = path.split("/")[1]
    if response.status_code in (200, 404) and prefix in LANGUAGES:
        assert _html_lang(response) == prefix, path
    elif response.status_code == 404 and not path.startswith(("/admin", "/documents")):
        assert _html_lang(response) == "fr", path  # no preference: the default language


@fuzz
@given(
    path=st.sampled_from(
        [
            "/fr/projets/",
            "/en/projects/",
            "/fr/projets/pays/haiti/",
            "/en/projects/countries/mexico/",
            "/fr/",
            "/en/history/",
            "/fr/page-inconnue/",
        ]
    ),
    query=queries,
)
@example(path="/fr/projets/", query=[("page", "9" * 400)])
@example(path="/en/projects/", query=[("year_from", "1" * 400), ("year_to", "-5")])
@example(path="/en/projects/", query=[("country", "\x00"), ("kind", "%00")])
def test_query_strings(path, query):
    response = _get(Client(), path, query)
    assert response.status_code in (200, 404), (path, query)
    assert _html_lang(response) == path.split("/")[1]


search_values = st.one_of(
    query_values,
    st.sampled_from(["page", "project", "country", "document", "projectpage", "standardpage"]),
    st.sampled_from(["haiti", "Haïti", "HAÏTI", "solidarite", "sweatshops", "à", "a", "-or"]),
)


@fuzz
@given(
    path=st.sampled_from(["/fr/recherche/", "/en/search/"]),
    query=st.lists(st.tuples(st.sampled_from(["q", "type", "page"]), search_values), max_size=5),
)
@example(path="/fr/recherche/", query=[("q", "haiti"), ("type", "projectpage")])
@example(path="/en/search/", query=[("q", "zzyzx"), ("type", "\x00"), ("page", "9" * 400)])
def test_search_query_strings(path, query):
    response = _get(Client(), path, query)
    assert response.status_code in (200, 400), (path, query)  # 400: no word to search
    assert _html_lang(response) == path.split("/")[1]


@fuzz
@given(accept_language=accept_languages, cookie=cookies, prefix=st.sampled_from(LANGUAGES))
@example(accept_language="en;q=1e999, fr;q=-1", cookie=None, prefix="en")
@example(accept_language="en-US,en;q=0.9", cookie="fr", prefix="en")
@example(accept_language="", cookie="en", prefix="fr")
@example(accept_language="*", cookie="\x00", prefix="fr")
def test_accept_language_and_cookie(accept_language, cookie, prefix):
    client = _client(accept_language, cookie)
    language = _visitor_language(client, accept_language, cookie)
    # An unprefixed address goes to the same language; a page under a prefix keeps the prefix
    # whatever the header or the cookie say; a language the site lacks is a 404 in the
    # visitor's language.
    response = _get(client, "/historique/")
    assert response.status_code == 302
    assert response["Location"] == f"/{language}/historique/"
    assert _html_lang(_get(client, f"/{prefix}/nulle-part/")) == prefix
    assert _html_lang(_get(client, "/de/")) == language


@fuzz
@given(
    first=st.sampled_from(["fr", "en"]),
    second=st.sampled_from(["fr", "en"]),
    first_q=st.integers(min_value=1, max_value=1000),
    second_q=st.integers(min_value=0, max_value=999),
    others=st.lists(st.sampled_from(["de", "es", "it", "pt-BR", "zh"]), max_size=3),
)
def test_the_preferred_language_of_a_well_formed_header_wins(
    first, second, first_q, second_q, others
):
    """Of the site's languages, the one the header rates highest, whatever the others say."""
    second_q = min(second_q, first_q - 1)
    items = [f"{tag};q=1" for tag in others]
    items += [f"{second}-CA;q=0.{second_q:03d}", f"{first};q={first_q / 1000:.3f}"]
    header = ", ".join(items)
    assert _visitor_language(_client(header), header, None) == first
