"""deploy/nginx/ciso.conf, the nginx of docker-compose.yml: `nginx -t` accepts it, and a real
nginx running it (in front of a stand-in for gunicorn that echoes what it receives) serves the
static files and images, keeps documents behind Django, compresses, limits admin sign-in
attempts, password reset requests and page password guesses, forwards the client's address
the way TRUSTED_PROXY_COUNT=1 expects, answers what it refuses itself (or a gunicorn that
does not answer) with the site's own pages, made by `manage.py render_error_pages`, and keeps
only what its front cache may keep.

In front of the real site (pytest-django's live server, in a thread of this process), the front
cache serves pages without reaching Django, shows a publish and an unpublish at once
(ciso/front_cache.py) and any other change within two seconds (a page made private, or a
restored backup's private page, included), and never serves a cached page to an editor.

Needs the nginx binary (make test installs it: tests/system-packages.sh); skipped without it
outside CI.
"""

import gzip
import http.client
import json
import math
import os
import re
import shutil
import socket
import subprocess
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.core.signals import request_started
from django.test import Client, override_settings
from django.utils import translation

from tests.backups import restore_into_running_site, take_backup
from tests.nginx import NGINX, SITE_CONF, main_conf, site_conf

HASHED_CSS = "css/site.0123456789ab.css"


@pytest.fixture(scope="module")
def nginx():
    if NGINX is None:
        if os.environ.get("CI") == "true":
            pytest.fail("nginx is not installed (make test installs it: tests/system-packages.sh)")
        pytest.skip("nginx is not installed (apt install nginx-light)")
    return NGINX


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_nginx(nginx, conf, *arguments):
    return subprocess.run(
        [nginx, "-c", str(conf), "-p", str(conf.parent), "-e", str(conf.parent / "error.log"),
         *arguments],
        capture_output=True, text=True, timeout=30, check=False,
    )  # fmt: skip


def compose_conf(directory, text):
    """`text` as compose runs it, but for the front cache's folder: nginx makes it, and the
    image has its parent (/var/cache/nginx)."""
    cache = "proxy_cache_path /var/cache/nginx/ciso "
    assert text.count(cache) == 1
    return main_conf(directory, text.replace(cache, f"proxy_cache_path {directory}/cache "))


def test_nginx_accepts_the_configuration(nginx, tmp_path):
    # As in compose: `web` unresolvable here does not matter, it is looked up per request.
    conf = compose_conf(tmp_path, SITE_CONF.read_text())
    result = run_nginx(nginx, conf, "-t")
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_nginx_rejects_a_broken_configuration(nginx, tmp_path):
    text = SITE_CONF.read_text().replace("limit_req zone=", "limit_req zonee=")
    result = run_nginx(nginx, compose_conf(tmp_path, text), "-t")
    assert result.returncode != 0
    assert "zonee" in result.stderr


def test_upload_limit_matches_the_largest_upload_django_accepts():
    from django.conf import settings

    megabytes = int(re.search(r"client_max_body_size (\d+)m;", SITE_CONF.read_text())[1])
    largest = max(settings.WAGTAILDOCS_MAX_UPLOAD_SIZE, settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)
    # Room for the largest file plus the rest of the form, not much more.
    assert largest < megabytes * 1024 * 1024 <= largest + 2 * 1024 * 1024


# Addresses for which the stand-in answers with one header more.
ECHO_HEADERS = {
    "/_sets-cookie/": ("Set-Cookie", "seen=1; Path=/"),
    "/_private/": ("Cache-Control", "private"),
    "/_no-store/": ("Cache-Control", "no-store"),
    "/_max-age/": ("Cache-Control", "public, max-age=3600"),
    "/_vary-cookie/": ("Vary", "Cookie"),
}


class Echo(BaseHTTPRequestHandler):
    """Stands in for gunicorn: answers JSON describing the request it got."""

    def do_GET(self):
        if self.path.endswith("/_crash/"):
            # As a gunicorn worker killed mid-request: the connection closes without an answer.
            self.close_connection = True
            return
        for marker, header in ECHO_HEADERS.items():
            if marker in self.path:
                return self.answer({header[0]: header[1]})
        for status in (404, 500):
            if self.path.endswith(f"/_django-{status}/"):
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write(f"<p>Django's own {status} page</p>".encode())
                return
        self.answer({})

    def answer(self, headers):
        body = json.dumps(
            {
                "path": self.path,
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "padding": "x" * 2000,
            }  # fmt: skip
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.do_GET()

    def log_message(self, *args):
        pass


def serve_files(directory):
    """What nginx serves itself, in `directory`: static files, images, a document, and the
    error pages, as the image makes them after collectstatic."""
    static, media = directory / "static", directory / "media"
    (static / "css").mkdir(parents=True)
    css = ("body { color: #1d1d1f; }\n" * 200).encode()
    (static / HASHED_CSS).write_bytes(css)
    (static / (HASHED_CSS + ".gz")).write_bytes(gzip.compress(css))
    (static / "css" / "site.css").write_bytes(css)
    (media / "images").mkdir(parents=True)
    (media / "images" / "photo.jpg").write_bytes(b"\xff\xd8\xff not really a jpeg")
    (media / "documents").mkdir()
    (media / "documents" / "private.pdf").write_bytes(b"%PDF-1.4 private")
    with override_settings(STATIC_ROOT=static):
        call_command("render_error_pages", verbosity=0)
    for folder in (directory, static, media, *static.glob("errors/**")):  # nginx's workers
        folder.chmod(0o755)


class Front:
    """A running nginx: `front(method, path, headers, body)` makes a request (with this Host)
    and returns the response and its content."""

    def __init__(self, port, host):
        self.port, self.host = port, host
        self.url = f"http://127.0.0.1:{port}"

    def __call__(self, method, path, headers=None, body=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        connection.request(method, path, body=body, headers={"Host": self.host, **(headers or {})})
        response = connection.getresponse()
        content = response.read()
        connection.close()
        return response, content


@contextmanager
def running_nginx(nginx, directory, *, upstream, host):
    """nginx with the site configuration in `directory`, in front of 127.0.0.1:`upstream`."""
    for folder in ("static", "media"):
        (directory / folder).mkdir(exist_ok=True)
    directory.chmod(0o755)
    port = free_port()
    site = site_conf(
        upstream=upstream,
        port=port,
        static=directory / "static",
        media=directory / "media",
        cache=directory / "cache",
    )
    conf = main_conf(directory, site)
    process = subprocess.Popen(
        [nginx, "-c", str(conf), "-p", str(directory), "-e", str(directory / "error.log"),
         "-g", "daemon off;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert process.poll() is None, process.stderr.read().decode()
                time.sleep(0.05)
        yield Front(port, host)
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def site(nginx, tmp_path_factory):
    """A running nginx with the site configuration, in front of the stand-in; yields a
    function making requests."""
    directory = tmp_path_factory.mktemp("nginx")
    serve_files(directory)
    upstream = ThreadingHTTPServer(("127.0.0.1", 0), Echo)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    try:
        port = upstream.server_address[1]
        with running_nginx(nginx, directory, upstream=port, host="ciso.example.org") as front:
            yield front
    finally:
        upstream.shutdown()


def test_requests_reach_django_with_the_client_address_last(site):
    response, content = site("GET", "/fr/?q=1", {"X-Forwarded-For": "203.0.113.66"})
    assert response.status == 200
    received = json.loads(content)
    assert received["path"] == "/fr/?q=1"
    headers = received["headers"]
    assert headers["host"] == "ciso.example.org"
    assert headers["x-real-ip"] == "127.0.0.1"
    assert headers["x-forwarded-proto"] == "http"
    # What the client wrote stays on the left; nginx appends the address it saw. With
    # TRUSTED_PROXY_COUNT=1 Django takes the last entry: the real one, not the forged one.
    forwarded = [part.strip() for part in headers["x-forwarded-for"].split(",")]
    assert forwarded == ["203.0.113.66", "127.0.0.1"]
    assert forwarded[-1] == "127.0.0.1"


def test_fingerprinted_static_files_are_cached_for_a_year_and_compressed(site):
    response, content = site("GET", "/static/" + HASHED_CSS, {"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert "immutable" in response.getheader("Cache-Control")
    assert "max-age=31536000" in response.getheader("Cache-Control")
    assert response.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(content).startswith(b"body { color")
    assert response.getheader("X-Content-Type-Options") == "nosniff"


def test_other_static_files_are_cached_briefly(site):
    response, _ = site("GET", "/static/css/site.css")
    assert response.status == 200
    assert response.getheader("Cache-Control") == "max-age=3600"


def test_proxied_text_is_compressed(site):
    response, content = site("GET", "/en/", {"Accept-Encoding": "gzip"})
    assert response.getheader("Content-Encoding") == "gzip"
    assert json.loads(gzip.decompress(content))["path"] == "/en/"


def test_images_are_served_but_documents_only_through_django(site):
    response, content = site("GET", "/media/images/photo.jpg")
    assert response.status == 200
    assert content.startswith(b"\xff\xd8\xff")
    response, content = site("GET", "/media/documents/private.pdf")
    assert response.status == 404
    assert b"private" not in content
    # Wagtail's document view is proxied like any page.
    response, content = site("GET", "/documents/1/private.pdf")
    assert json.loads(content)["path"] == "/documents/1/private.pdf"


def assert_site_page(response, content, status, language, heading, other_heading):
    """One of the site's error pages: in `language`, then in the other one."""
    assert response.status == status
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    doc = BeautifulSoup(content, "html.parser")
    assert doc.html["lang"] == language
    assert doc.h1.get_text(strip=True) == heading
    assert doc.select_one(".error-page__other h2").get_text(strip=True) == other_heading
    assert doc.find("link", rel="stylesheet", href=lambda href: "css/site.css" in href)
    assert doc.select_one(f'main a[href="/{language}/"]')


# An address without a language prefix (/admin/, /static/, /media/): the browser's language,
# English when its Accept-Language begins with English, else French.
BROWSERS = [
    ({}, "fr"),
    ({"Accept-Language": "en-CA,en;q=0.9,fr;q=0.5"}, "en"),
    ({"Accept-Language": "fr-CA,fr;q=0.9,en;q=0.8"}, "fr"),
    ({"Accept-Language": "de-DE,de;q=0.9"}, "fr"),
]
HEADINGS = {
    403: {"fr": "Accès refusé", "en": "Access denied"},
    404: {"fr": "Page introuvable", "en": "Page not found"},
    413: {"fr": "Envoi trop volumineux", "en": "Too large to send"},
    429: {"fr": "Trop de tentatives", "en": "Too many attempts"},
}


def assert_page_for(response, content, status, language):
    other = "en" if language == "fr" else "fr"
    headings = HEADINGS[status]
    assert_site_page(response, content, status, language, headings[language], headings[other])


@pytest.mark.parametrize(("headers", "language"), BROWSERS)
def test_uploads_larger_than_the_limit_are_refused(site, headers, language):
    body = b"x" * (22 * 1024 * 1024)
    response, content = site("POST", "/admin/documents/multiple/add/", headers, body)
    assert_page_for(response, content, 413, language)


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/static/css/", 403),  # a folder: no listing
        ("/static/nope.css", 404),
        ("/media/documents/x.pdf", 404),  # the location's own `return 404`
        ("/media/nope.jpg", 404),  # an old link to a removed image
    ],
)
@pytest.mark.parametrize(("headers", "language"), BROWSERS[:2])
def test_what_nginx_refuses_itself_gets_the_sites_page(site, path, status, headers, language):
    response, content = site("GET", path, headers)
    assert_page_for(response, content, status, language)
    assert response.getheader("Cache-Control") == "no-store"


def test_an_address_too_long_gets_the_sites_page(site):
    # Over the 8 KB of large_client_header_buffers: nginx has not read the language.
    response, content = site("GET", "/en/?q=" + "a" * 9000)
    assert_site_page(response, content, 414, "fr", "Adresse trop longue", "Address too long")


def test_headers_too_large_get_the_sites_400(site):
    response, content = site("GET", "/en/", {"Cookie": "c=" + "a" * 9000})
    assert_site_page(response, content, 400, "en", "Request not understood", "Demande non valide")


@pytest.mark.parametrize(
    ("path", "language", "heading", "other"),
    [
        ("/fr/_crash/", "fr", "Temporairement indisponible", "Temporarily unavailable"),
        ("/en/_crash/", "en", "Temporarily unavailable", "Temporairement indisponible"),
    ],
)
def test_gunicorn_not_answering_gets_the_sites_page_in_the_pages_language(
    site, path, language, heading, other
):
    # The address's language, whatever the browser's.
    browser = "fr-CA,fr" if language == "en" else "en-CA,en"
    response, content = site("GET", path, {"Accept-Language": browser})
    assert_site_page(response, content, 502, language, heading, other)


@pytest.mark.parametrize("status", [404, 500])
def test_djangos_own_error_pages_pass_through(site, status):
    response, content = site("GET", f"/en/_django-{status}/", {"Accept-Language": "fr"})
    assert response.status == status
    assert content == f"<p>Django's own {status} page</p>".encode()


def test_admin_sign_in_attempts_are_rate_limited(site):
    responses = [site("POST", "/admin/login/", body=b"u=a&p=b") for _ in range(10)]
    statuses = [response.status for response, _content in responses]
    # One at the rate plus a burst of five, then 429 until the rate allows again.
    assert statuses == [200] * 6 + [429] * 4
    assert_site_page(*responses[-1], 429, "fr", "Trop de tentatives", "Too many attempts")
    english = {"Accept-Language": "en-US,en;q=0.9"}
    assert_page_for(*site("POST", "/admin/login/", english, b"u=a&p=b"), 429, "en")
    # The rest of the site is not limited.
    assert {site("GET", "/fr/")[0].status for _ in range(10)} == {200}


def test_password_reset_requests_are_rate_limited(site):
    statuses = [
        site("POST", "/admin/password_reset/", body=b"email=a%40b.org")[0].status for _ in range(10)
    ]
    assert statuses == [200] * 6 + [429] * 4
    assert site("GET", "/admin/password_reset/done/")[0].status == 200


def test_page_password_guesses_are_rate_limited(site):
    def guess(path):
        return site("POST", path, body=b"password=x&return_url=%2Ffr%2F")[0].status

    statuses = [guess("/fr/_util/authenticate_with_password/1/2/") for _ in range(13)]
    # One at the rate plus a burst of ten, then 429, whatever the page or the language.
    assert statuses == [200] * 11 + [429] * 2
    assert guess("/en/_util/authenticate_with_password/3/4/") == 429
    # In the language of the page's address, whatever the browser's.
    for language, browser in [("en", "fr-CA,fr"), ("fr", "en-US,en")]:
        path = f"/{language}/_util/authenticate_with_password/1/2/"
        response = site("POST", path, {"Accept-Language": browser}, b"password=x")
        assert_page_for(*response, 429, language)
    # The pages themselves are not limited.
    assert {site("GET", "/fr/prive/")[0].status for _ in range(10)} == {200}


# --- The front cache, in front of the stand-in: what it keeps, and for how long -------------


def wait_past_expiry(stored_at):
    """Sleep until an entry stored at `stored_at` (time.time()) or before has expired. nginx
    counts whole seconds: an entry kept for 1 s is served until the end of the next second,
    one to two seconds after it was stored."""
    time.sleep(max(0.0, math.floor(stored_at) + 2 - time.time()) + 0.05)


def cache_status(response):
    return response.getheader("X-Cache-Status")


def test_a_public_page_is_kept_for_every_visitor(site):
    first, content = site("GET", "/fr/gardee/", {"Cookie": "foo=bar"})
    assert cache_status(first) == "MISS"
    # Whatever else a visitor sends, the same entry: the stand-in echoes what it received,
    # and the first request's headers come back.
    for headers in [
        {},
        {"Cookie": "foo=baz; _ga=GA1.2.3"},
        {"Accept-Language": "en-US,en", "Accept-Encoding": "identity"},
        {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example"},
    ]:
        response, again = site("GET", "/fr/gardee/", headers)
        assert cache_status(response) == "HIT"
        assert again == content
    # HEAD too, from the same entry.
    response, _ = site("HEAD", "/fr/gardee/")
    assert cache_status(response) == "HIT"
    received = json.loads(content)["headers"]
    # Django never compresses (nginx does): one plain copy for every Accept-Encoding.
    assert "accept-encoding" not in received


@pytest.mark.parametrize(
    "path",
    [
        "/",  # the redirect to a language follows each visitor's
        "/admin/pages/",
        "/documents/1/rapport.pdf",
        "/fr/_util/login/",
        "/en/_util/authenticate_with_password/1/2/",
        "/healthz",
        "/sitemap.xml",
        "/de/projekte/",
    ],
)
def test_other_addresses_are_never_kept(site, path):
    for _ in range(2):
        response, _ = site("GET", path)
        # None: a location with no cache at all (the page password form's, rate limited).
        assert cache_status(response) in ("BYPASS", None)


@pytest.mark.parametrize("path", ["/fr/recherche/?q=eau", "/fr/projets/?page=2"])
def test_a_query_string_is_kept_only_when_django_kept_it(site, path):
    """The stand-in does not say X-Page-Cache: hit or miss, as Django's page cache says of the
    query strings a page understood: nothing is stored."""
    for _ in range(2):
        response, _ = site("GET", path)
        assert cache_status(response) == "MISS"


@pytest.mark.parametrize(
    "cookie",
    [
        "__Host-sessionid=abc",  # the names with SECURE_COOKIES (production)
        "__Host-csrftoken=abc",
        "sessionid=abc",  # and without (make run)
        "csrftoken=abc",
        "theme=dark; __Host-sessionid=abc",
        "theme=dark;sessionid=abc",
    ],
)
def test_a_session_or_csrf_cookie_keeps_the_request_away_from_the_cache(site, cookie):
    path = "/fr/avec-cookie-" + re.sub(r"\W", "-", cookie) + "/"
    response, _ = site("GET", path)
    assert cache_status(response) == "MISS"
    # Neither served the entry...
    response, content = site("GET", path, {"Cookie": cookie})
    assert cache_status(response) == "BYPASS"
    assert json.loads(content)["headers"]["cookie"] == cookie
    # ...nor stored in its place.
    response, content = site("GET", path)
    assert cache_status(response) == "HIT"
    assert "cookie" not in json.loads(content)["headers"]


@pytest.mark.parametrize(
    "cookie",
    ["mysessionid=abc", "csrftokens=abc", "sessionid_old=abc", "__Host-theme=sessionid"],
)
def test_other_cookies_do_not(site, cookie):
    path = "/fr/autre-cookie-" + re.sub(r"\W", "-", cookie) + "/"
    assert cache_status(site("GET", path)[0]) == "MISS"
    assert cache_status(site("GET", path, {"Cookie": cookie})[0]) == "HIT"


def test_the_cookie_names_are_the_settings(settings):
    from django.conf import settings as django_settings

    conf = SITE_CONF.read_text()
    pattern = re.search(r'map \$http_cookie \$ciso_private_request \{\s*"~([^"]+)" 1;', conf)[1]
    for name in (django_settings.SESSION_COOKIE_NAME, django_settings.CSRF_COOKIE_NAME):
        # Both forms: with the __Host- prefix (SECURE_COOKIES, as in these tests) and without.
        for form in (name, name.removeprefix("__Host-")):
            assert re.search(pattern, f"lang=fr; {form}=x"), form
    assert django_settings.SESSION_COOKIE_NAME.startswith("__Host-")


def test_an_authorization_header_keeps_the_request_away_from_the_cache(site):
    assert cache_status(site("GET", "/fr/autorisee/")[0]) == "MISS"
    response, _ = site("GET", "/fr/autorisee/", {"Authorization": "Basic YTpi"})
    assert cache_status(response) == "BYPASS"


@pytest.mark.parametrize("marker", ["/_sets-cookie/", "/_private/", "/_no-store/"])
def test_a_response_that_sets_a_cookie_or_is_private_is_never_stored(site, marker):
    for _ in range(2):
        response, _ = site("GET", f"/fr{marker}")
        assert cache_status(response) == "MISS"
    name, value = ECHO_HEADERS[marker]
    assert response.getheader(name) == value


def test_a_post_neither_reads_nor_fills_the_cache(site):
    assert cache_status(site("GET", "/fr/formulaire/")[0]) == "MISS"
    response, content = site("POST", "/fr/formulaire/", body=b"a=1")
    assert cache_status(response) is None  # not a cache's business at all
    assert json.loads(content)["headers"]["content-length"] == "3"
    response, content = site("GET", "/fr/formulaire/")
    assert cache_status(response) == "HIT"
    assert "content-length" not in json.loads(content)["headers"]


def test_a_refresh_request_stores_a_new_entry(site):
    assert cache_status(site("GET", "/fr/rafraichie/")[0]) == "MISS"
    assert cache_status(site("GET", "/fr/rafraichie/")[0]) == "HIT"
    # As ciso/front_cache.py sends it: a HEAD, which nginx turns into a GET for Django.
    response, _ = site("HEAD", "/fr/rafraichie/", {"X-Cache-Refresh": "1"})
    assert cache_status(response) == "BYPASS"
    response, content = site("GET", "/fr/rafraichie/")
    assert cache_status(response) == "HIT"
    received = json.loads(content)["headers"]
    assert received["x-cache-refresh"] == "1"  # the refresh's answer, body included


def test_entries_expire_within_two_seconds_whatever_django_says(site):
    for path in ("/fr/breve/", "/fr/_max-age/"):  # Cache-Control: max-age=3600 is ignored
        response, _ = site("GET", path)
        stored_at = time.time()
        assert cache_status(response) == "MISS"
        assert cache_status(site("GET", path)[0]) == "HIT"
    wait_past_expiry(stored_at)
    for path in ("/fr/breve/", "/fr/_max-age/"):
        assert cache_status(site("GET", path)[0]) == "EXPIRED"


def test_vary_cookie_does_not_make_an_entry_per_visitor(site):
    response, content = site("GET", "/fr/_vary-cookie/", {"Cookie": "a=1"})
    assert cache_status(response) == "MISS"
    for cookie in ("a=2", "b=3", None):
        response, again = site("GET", "/fr/_vary-cookie/", {"Cookie": cookie} if cookie else {})
        assert cache_status(response) == "HIT"
        assert again == content


# --- The front cache, in front of the real site ----------------------------------------------

# The live server answers in a thread of this process: the tests change content through the
# ORM (committed at once) and read it back through nginx.
LIVE = pytest.mark.django_db(transaction=True, serialized_rollback=True)
HOST = "localhost"  # the initial content's site (port 80): the addresses Wagtail announces


@pytest.fixture
def front(nginx, live_server, tmp_path, settings):
    """nginx with the site configuration in front of the live server, and told of publishes
    (ciso/front_cache.py), as docker-compose.yml's FRONTEND_CACHE_URL does; a fresh cache."""
    port = urlsplit(live_server.url).port
    with running_nginx(nginx, tmp_path, upstream=port, host=HOST) as running:
        settings.WAGTAILFRONTENDCACHE = {
            "nginx": {"BACKEND": "ciso.front_cache.RefreshBackend", "LOCATION": running.url}
        }
        yield running


class Reached(list):
    """The requests that reached Django: (method, address, headers) each."""

    def count_of(self, path, method="GET"):
        return sum(1 for m, p, _h in self if (m, p) == (method, path))


@pytest.fixture
def reached():
    seen = Reached()

    def record(sender, environ, **kwargs):
        query = environ.get("QUERY_STRING")
        address = environ["PATH_INFO"] + (f"?{query}" if query else "")
        headers = {
            name[5:].replace("_", "-").lower(): value
            for name, value in environ.items()
            if name.startswith("HTTP_")
        }
        seen.append((environ["REQUEST_METHOD"], address, headers))

    request_started.connect(record, weak=False)
    yield seen
    request_started.disconnect(record)


def text(content):
    return BeautifulSoup(content, "html.parser").get_text(" ", strip=True)


@LIVE
def test_a_page_is_served_from_nginx_without_reaching_django(front, reached):
    for path in ("/fr/", "/en/"):
        response, content = front("GET", path)
        assert (response.status, cache_status(response)) == (200, "MISS")
        again, cached = front("GET", path)
        assert (again.status, cache_status(again)) == (200, "HIT")
        assert cached == content
        assert reached.count_of(path) == 1


def project_addresses(project):
    paths = {}
    for language in ("fr", "en"):
        with translation.override(language):
            paths[language] = project.url
    return paths


@pytest.fixture
def project():
    """A live project page of its own (no revision yet), under the initial project index."""
    from projects.models import Country, ProjectIndexPage
    from tests.projects.factories import add_project

    index = ProjectIndexPage.objects.get()
    return add_project(index, country=Country.objects.get(iso_code="CU"), start_year=2015)


@LIVE
def test_a_publish_shows_through_nginx_on_the_next_request(front, reached, project):
    paths = project_addresses(project)
    for path in paths.values():
        front("GET", path)
        response, content = front("GET", path)
        assert cache_status(response) == "HIT"
        assert project.title_fr in text(content) or project.title_en in text(content)

    project.title_fr, project.title_en = "Projet renommé", "Renamed project"
    project.save_revision().publish()

    for language, title in [("fr", "Projet renommé"), ("en", "Renamed project")]:
        response, content = front("GET", paths[language])
        # From nginx's cache: the publish had it fetched anew, in both languages.
        assert (response.status, cache_status(response)) == (200, "HIT")
        assert title in text(content)
        refreshes = [h for m, p, h in reached if p == paths[language] and "x-cache-refresh" in h]
        assert len(refreshes) == 1
        assert reached.count_of(paths[language]) == 2  # the first visit, the refresh


@LIVE
def test_an_unpublish_shows_through_nginx_on_the_next_request(front, project):
    paths = project_addresses(project)
    for path in paths.values():
        front("GET", path)
        assert front("GET", path)[0].status == 200

    project.unpublish()

    for path in paths.values():
        response, _ = front("GET", path)
        assert (response.status, cache_status(response)) == (404, "HIT")


@LIVE
def test_a_publish_of_the_project_index_refreshes_its_country_pages(front, reached):
    from projects.models import ProjectIndexPage

    index = ProjectIndexPage.objects.get()
    cuba = {"fr": "/fr/projets/pays/cuba/", "en": "/en/projects/countries/cuba/"}
    for path in cuba.values():
        front("GET", path)
        assert cache_status(front("GET", path)[0]) == "HIT"

    index.title_fr, index.title_en = "Nos projets", "Our projects"
    index.save_revision().publish()

    for language, title in [("fr", "Nos projets"), ("en", "Our projects")]:
        response, content = front("GET", cuba[language])
        # The refreshed entry; REVALIDATED when it expired while the other addresses were
        # refreshed (some twenty: Django confirmed the new page's ETag).
        assert cache_status(response) in ("HIT", "REVALIDATED")
        assert title in BeautifulSoup(content, "html.parser").title.get_text()
    # Every address of the index, in each language, and none made up.
    expected = set()
    for language in ("fr", "en"):
        with translation.override(language):
            expected |= {index.url + path.lstrip("/") for path in index.get_cached_paths()}
    refreshed = {p for m, p, h in reached if "x-cache-refresh" in h}
    assert refreshed == expected
    assert set(cuba.values()) < refreshed


def site_settings():
    from wagtail.models import Site

    from ciso.models import SiteSettings

    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


def retag(tagline):
    """A change nobody announces to nginx: the footer of every page."""
    values = site_settings()
    values.tagline_fr = tagline
    values.save()


@LIVE
def test_any_other_change_shows_through_nginx_within_two_seconds(front):
    response, content = front("GET", "/fr/historique/")
    stored_at = time.time()
    assert "Solidaires depuis toujours" not in text(content)

    retag("Solidaires depuis toujours")

    # Until the entry expires, nginx serves the page it has...
    response, content = front("GET", "/fr/historique/")
    assert cache_status(response) == "HIT"
    assert "Solidaires depuis toujours" not in text(content)
    # ...and no longer: at most two seconds after the change, the new footer. (Waiting is
    # the test: nothing told nginx. nginx counts whole seconds, hence up to two.)
    wait_past_expiry(stored_at)  # two seconds at most after it was stored
    response, content = front("GET", "/fr/historique/")
    assert cache_status(response) == "EXPIRED"
    assert "Solidaires depuis toujours" in text(content)


def signed_in_cookie(django_user_model):
    from django.conf import settings

    editor = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    client = Client()
    client.force_login(editor)
    name = settings.SESSION_COOKIE_NAME
    return f"lang=fr; {name}={client.cookies[name].value}"


@LIVE
def test_a_signed_in_editor_never_gets_a_cached_page(front, reached, django_user_model):
    cookie = signed_in_cookie(django_user_model)
    front("GET", "/fr/historique/")
    retag("Vu par l’équipe")

    # Anonymous visitors get the page nginx has (for a second or two); the editor, the site.
    assert cache_status(front("GET", "/fr/historique/")[0]) == "HIT"
    response, content = front("GET", "/fr/historique/", {"Cookie": cookie})
    assert (response.status, cache_status(response)) == (200, "BYPASS")
    assert "Vu par l’équipe" in text(content)
    # And what the editor got was not kept for anyone else.
    response, content = front("GET", "/fr/historique/")
    assert cache_status(response) == "HIT"
    assert "Vu par l’équipe" not in text(content)
    assert reached.count_of("/fr/historique/") == 2


@LIVE
def test_a_post_is_never_answered_from_nginx_nor_kept(front, reached):
    front("GET", "/fr/")
    response, _ = front(
        "POST", "/fr/", {"Content-Type": "application/x-www-form-urlencoded"}, b"a=1"
    )
    assert response.status == 403  # Django's answer (no CSRF token), not the cached page
    assert cache_status(response) is None
    assert reached.count_of("/fr/", "POST") == 1
    response, _ = front("GET", "/fr/")
    assert (response.status, cache_status(response)) == (200, "HIT")


@LIVE
def test_strangers_cannot_poison_the_cache(front, reached):
    # The first visitor sends what would change the page if Django believed it.
    response, content = front(
        "GET",
        "/fr/historique/",
        {
            "Cookie": "foo=bar",
            "X-Forwarded-Host": "evil.example",
            "X-Forwarded-Proto": "https",
            "Accept-Language": "en",
        },
    )
    assert cache_status(response) == "MISS"
    assert b"evil.example" not in content
    assert b"https://localhost" not in content
    assert BeautifulSoup(content, "html.parser").html["lang"] == "fr"
    # Everyone else gets that same entry, whatever they send.
    for headers in [{}, {"Cookie": "foo=baz"}, {"Accept-Language": "de"}]:
        response, again = front("GET", "/fr/historique/", headers)
        assert cache_status(response) == "HIT"
        assert again == content
    # A made-up query string never makes an entry.
    for _ in range(2):
        response, _ = front("GET", "/fr/historique/?utm_source=x")
        assert cache_status(response) == "MISS"
    assert reached.count_of("/fr/historique/") == 1
    assert reached.count_of("/fr/historique/?utm_source=x") == 2


@LIVE
def test_nginx_keeps_the_query_strings_that_djangos_page_cache_keeps(front, settings):
    settings.CISO_PAGE_CACHE = True
    statuses = [cache_status(front("GET", "/fr/projets/?status=completed")[0]) for _ in range(2)]
    assert statuses == ["MISS", "HIT"]
    for query in ("status=nonsense", "status=completed&utm_source=x"):
        for _ in range(2):
            response, _ = front("GET", f"/fr/projets/?{query}")
            assert cache_status(response) == "MISS" and response.getheader("X-Page-Cache") == "skip"


@LIVE
def test_a_page_made_private_is_not_served_from_nginx_past_two_seconds_under_traffic(front):
    from wagtail.models import PageViewRestriction, Site

    page = (
        Site.objects.get(is_default_site=True)
        .root_page.get_children()
        .get(slug_fr="mission-et-actions")
    )
    path = "/fr/mission-et-actions/"
    stop = threading.Event()
    seen = []  # (when, X-Cache-Status, the password form or not)

    def visit():  # steady traffic: some request is always refreshing the expired entry
        while not stop.is_set():
            response, content = front("GET", path)
            form = BeautifulSoup(content, "html.parser").select_one('input[type="password"]')
            seen.append((time.time(), cache_status(response), form is not None))

    # Its picture's renditions made beforehand: a first build that makes them takes seconds,
    # longer than the one build's time allowed for below.
    assert Client().get(path).status_code == 200
    visitors = [threading.Thread(target=visit) for _ in range(4)]
    for visitor in visitors:
        visitor.start()
    try:
        time.sleep(0.5)
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
        # A page built just before the change may be stored just after it (one build's time).
        bound = math.floor(time.time() + 0.5) + 2
        wait_past_expiry(time.time() + 0.5)
        time.sleep(1)
    finally:
        stop.set()
        for visitor in visitors:
            visitor.join()
    before = [status for when, status, form in seen if not form]
    assert "HIT" in before  # the public page was served from nginx
    after = [(status, form) for when, status, form in seen if when > bound]
    assert len(after) > 10
    # The password form (it sets the CSRF cookie and is private: never stored), each time
    # from Django.
    assert set(after) == {("EXPIRED", True)}


def password_form(content):
    return BeautifulSoup(content, "html.parser").select_one('input[type="password"]') is not None


@LIVE
def test_a_private_page_restored_into_the_running_site_is_private_through_nginx(
    front, settings, tmp_path
):
    """A backup taken while a page was private, restored into the running site after the page
    was made public and kept by nginx: Django answers the password form at once (the restore
    empties its page cache), and nginx once its entry expires, as for any change nobody
    announces to it (two seconds at most); the public copy is never served past that."""
    from wagtail.models import PageViewRestriction

    from ciso.models import StandardPage

    settings.CISO_PAGE_CACHE = True
    media_root = tmp_path / "media-root"  # the restore unpacks the uploads here
    shutil.copytree(settings.MEDIA_ROOT, media_root, dirs_exist_ok=True)
    settings.MEDIA_ROOT = media_root
    path = "/fr/mission-et-actions/"
    restriction = PageViewRestriction.objects.create(
        page=StandardPage.objects.get(slug_fr="mission-et-actions"),
        restriction_type=PageViewRestriction.PASSWORD,
        password="secret",
    )
    backup = take_backup(tmp_path / "backups")
    restriction.delete()
    front("GET", path)
    stored_at = time.time()
    response, content = front("GET", path)
    assert cache_status(response) == "HIT" and not password_form(content)

    restore_into_running_site(backup, settings.MEDIA_ROOT)

    assert password_form(Client().get(path).content)  # Django itself, at once
    wait_past_expiry(stored_at)
    response, content = front("GET", path)
    assert cache_status(response) == "EXPIRED"  # fetched from Django, not from the entry
    assert password_form(content)


@LIVE
def test_an_expired_page_is_checked_with_django_by_its_etag(front, reached):
    response, content = front("GET", "/fr/historique/")
    stored_at = time.time()
    etag = response.getheader("ETag")
    assert etag
    wait_past_expiry(stored_at)
    response, again = front("GET", "/fr/historique/")
    # Django answered 304 (ConditionalGetMiddleware): nginx kept its copy and served it.
    assert (response.status, cache_status(response)) == (200, "REVALIDATED")
    assert again == content
    method, path, headers = reached[-1]
    assert (method, path, headers["if-none-match"]) == ("GET", "/fr/historique/", etag)
