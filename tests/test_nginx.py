"""deploy/nginx/ciso.conf, the nginx of docker-compose.yml: `nginx -t` accepts it, and a real
nginx running it (in front of a stand-in for gunicorn that echoes what it receives) serves the
static files and images, keeps documents behind Django, compresses, limits admin sign-in
attempts, password reset requests and page password guesses, forwards the client's address
the way TRUSTED_PROXY_COUNT=1 expects, and answers what it refuses itself (or a gunicorn that
does not answer) with the site's own pages, made by `manage.py render_error_pages`.

Needs the nginx binary (make test installs it: tests/system-packages.sh); skipped without it
outside CI.
"""

import gzip
import http.client
import json
import os
import re
import socket
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import override_settings

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


def test_nginx_accepts_the_configuration(nginx, tmp_path):
    # As in compose: `web` unresolvable here does not matter, it is looked up per request.
    text = SITE_CONF.read_text()
    conf = main_conf(tmp_path, text)
    result = run_nginx(nginx, conf, "-t")
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_nginx_rejects_a_broken_configuration(nginx, tmp_path):
    conf = main_conf(tmp_path, SITE_CONF.read_text().replace("limit_req zone=", "limit_req zonee="))
    assert run_nginx(nginx, conf, "-t").returncode != 0


def test_upload_limit_matches_the_largest_upload_django_accepts():
    from django.conf import settings

    megabytes = int(re.search(r"client_max_body_size (\d+)m;", SITE_CONF.read_text())[1])
    largest = max(settings.WAGTAILDOCS_MAX_UPLOAD_SIZE, settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)
    # Room for the largest file plus the rest of the form, not much more.
    assert largest < megabytes * 1024 * 1024 <= largest + 2 * 1024 * 1024


class Echo(BaseHTTPRequestHandler):
    """Stands in for gunicorn: answers JSON describing the request it got."""

    def do_GET(self):
        if self.path.endswith("/_crash/"):
            # As a gunicorn worker killed mid-request: the connection closes without an answer.
            self.close_connection = True
            return
        for status in (404, 500):
            if self.path.endswith(f"/_django-{status}/"):
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write(f"<p>Django's own {status} page</p>".encode())
                return
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
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.do_GET()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site(nginx, tmp_path_factory):
    """A running nginx with the site configuration; yields a function making requests."""
    directory = tmp_path_factory.mktemp("nginx")
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
    # The error pages, as the image makes them after collectstatic.
    with override_settings(STATIC_ROOT=static):
        call_command("render_error_pages", verbosity=0)
    for folder in (directory, static, media, *static.glob("errors/**")):  # nginx's workers
        folder.chmod(0o755)

    upstream = ThreadingHTTPServer(("127.0.0.1", 0), Echo)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    port = free_port()
    conf = main_conf(
        directory,
        site_conf(upstream=upstream.server_address[1], port=port, static=static, media=media),
    )
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

        def request(method, path, headers=None, body=None):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request(
                method, path, body=body, headers={"Host": "ciso.example.org", **(headers or {})}
            )
            response = connection.getresponse()
            content = response.read()
            connection.close()
            return response, content

        yield request
    finally:
        process.terminate()
        process.wait(timeout=10)
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
