"""The benchmark's framework floor (tests/bench/floor/): a plain Django project as
`startproject` makes it, under the site's gunicorn settings, serving a page of about the
site's size; and the same page through the site's middleware, mounted only by the bench's
settings."""

import ast
import runpy
import time
import urllib.request
from pathlib import Path

import django
import pytest
from django.test import override_settings
from gunicorn.config import Config

from tests.bench import site_settings
from tests.bench.floor import settings as floor_settings
from tests.bench.runner import FLOOR_GUNICORN_CONF, FLOOR_PATH, SITE_GUNICORN_CONF, fetch

STARTPROJECT_SETTINGS = (
    Path(django.__file__).parent / "conf" / "project_template" / "project_name" / "settings.py-tpl"
)


def startproject_setting(name):
    """A list that `django-admin startproject` writes into a new project's settings."""
    tree = ast.parse(STARTPROJECT_SETTINGS.read_text())
    [value] = [
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign) and node.targets[0].id == name
    ]
    return ast.literal_eval(value)


def test_the_floor_has_startprojects_middleware_and_context_processors():
    assert startproject_setting("MIDDLEWARE") == floor_settings.MIDDLEWARE
    [templates] = startproject_setting("TEMPLATES")
    [floor_templates] = floor_settings.TEMPLATES
    assert floor_templates["OPTIONS"] == templates["OPTIONS"]
    # Only the apps its middleware needs, a subset of startproject's.
    assert set(floor_settings.INSTALLED_APPS) < set(startproject_setting("INSTALLED_APPS"))
    assert floor_settings.DEBUG is False


def gunicorn_settings(path):
    names = Config().settings
    return {name: value for name, value in runpy.run_path(str(path)).items() if name in names}


def test_the_floor_runs_under_the_sites_gunicorn_settings():
    site, floor = gunicorn_settings(SITE_GUNICORN_CONF), gunicorn_settings(FLOOR_GUNICORN_CONF)
    assert floor.pop("wsgi_app") == "tests.bench.floor.wsgi:application"
    assert site.pop("wsgi_app") == "ciso.wsgi:application"
    # The site's error pages for gunicorn's own refusals need the site: each has its own hook.
    site.pop("post_worker_init"), floor.pop("post_worker_init")
    assert floor == site
    assert {"workers", "accesslog", "max_requests", "timeout"} <= set(floor)


def test_the_floor_serves_a_page_of_about_twenty_kilobytes(floor_server):
    with urllib.request.urlopen(floor_server.url(FLOOR_PATH)) as response:
        body, headers = response.read(), response.headers
    assert response.status == 200
    assert 19_000 <= len(body) <= 21_000
    html = body.decode()
    assert "<h1>Nos projets</h1>" in html
    assert html.count('<li class="card card--project">') == 12
    assert '<a href="/fr/projets/" aria-current="page">Projets</a>' in html
    # What startproject's middleware adds to every response.
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_the_floors_gunicorn_writes_its_access_log(floor_server):
    # gunicorn writes the line once the response is sent: wait for the previous ones.
    time.sleep(0.5)
    before = floor_server.access_log_lines()
    fetch(floor_server.url(FLOOR_PATH + "?logged"))
    deadline = time.monotonic() + 5
    while floor_server.access_log_lines() == before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert floor_server.access_log_lines() == before + 1
    assert f'"GET {FLOOR_PATH}?logged HTTP/1.1" 200' in floor_server.log_text()


@pytest.mark.django_db
def test_the_site_serves_the_floor_page_through_its_middleware_only_in_the_bench(client):
    # Production has no such address (the language middleware tries /fr/bench/floor/).
    assert client.get(FLOOR_PATH, follow=True).status_code == 404
    with override_settings(
        ROOT_URLCONF=site_settings.ROOT_URLCONF, TEMPLATES=site_settings.TEMPLATES
    ):
        response = client.get(FLOOR_PATH)
        assert response.status_code == 200
        assert "<h1>Nos projets</h1>" in response.content.decode()
        # The site's middleware, not startproject's alone.
        assert "Content-Security-Policy" in response.headers
        # The site's pages are still there.
        assert client.get("/fr/").status_code == 200
