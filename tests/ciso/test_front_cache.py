"""ciso/front_cache.py: what a publish or an unpublish tells the nginx in front, and when.

Against nginx itself (a refresh shows at once, in both languages): tests/test_nginx.py.
"""

import logging
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import translation
from wagtail.contrib.frontend_cache.backends import BaseBackend

from projects.models import Country, ProjectIndexPage
from tests.projects.factories import add_project

pytestmark = pytest.mark.django_db

ANNOUNCED = []


class Recorder(BaseBackend):
    """A frontend cache backend that notes the addresses it is given."""

    def purge(self, url):
        ANNOUNCED.append(url)


@pytest.fixture
def announced(settings):
    settings.WAGTAILFRONTENDCACHE = {"recorder": {"BACKEND": f"{__name__}.Recorder"}}
    ANNOUNCED.clear()
    yield ANNOUNCED
    ANNOUNCED.clear()


@pytest.fixture
def project():
    index = ProjectIndexPage.objects.get()
    return add_project(index, country=Country.objects.get(iso_code="CU"), start_year=2015)


def addresses(project):
    return {
        f"http://localhost/fr/projets/{project.slug_fr}/",
        f"http://localhost/en/projects/{project.slug_en}/",
    }


@pytest.mark.parametrize("admin_language", ["fr", "en"])
def test_a_publish_announces_each_languages_own_address(announced, project, admin_language):
    # Whatever the editor's admin speaks: Wagtail's handlers would give /en/projets/… or
    # /fr/projects/…, no page at all, with slugs translated field by field.
    with translation.override(admin_language):
        project.title_fr = "Projet renommé"
        project.save_revision().publish()
    assert set(announced) == addresses(project)


def test_an_unpublish_and_a_deletion_announce_the_addresses_too(announced, project):
    project.unpublish()
    assert set(announced) == addresses(project)
    announced.clear()
    project.save_revision().publish()
    announced.clear()
    project.delete()  # Wagtail unpublishes a live page it deletes
    assert set(announced) == addresses(project)


def test_nothing_is_announced_without_a_front_cache(settings, project, django_assert_num_queries):
    from ciso.front_cache import announce_page

    settings.WAGTAILFRONTENDCACHE = {}
    with django_assert_num_queries(0):
        announce_page(instance=project)


class Nginx(BaseHTTPRequestHandler):
    """Stands in for nginx: notes the requests it gets."""

    received = []

    def do_HEAD(self):
        self.received.append((self.command, self.path, dict(self.headers.items())))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def nginx(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Nginx)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    Nginx.received = []
    settings.WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "ciso.front_cache.RefreshBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    yield Nginx.received
    server.shutdown()


def test_the_refresh_is_sent_once_the_transaction_commits(
    nginx, project, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        project.save_revision().publish()
    # Before the commit, Django would still serve the old page, and nginx would keep it.
    assert nginx == []
    for callback in callbacks:
        callback()
    assert {path for _method, path, _headers in nginx} == {
        f"/fr/projets/{project.slug_fr}/",
        f"/en/projects/{project.slug_en}/",
    }
    for method, _path, headers in nginx:
        assert method == "HEAD"
        assert headers["Host"] == "localhost"  # the site's: nginx's key and Django's site
        assert headers["X-Forwarded-Proto"] == "http"
        assert headers["X-Cache-Refresh"] == "1"


def test_a_refresh_rolled_back_is_never_sent(nginx, project, django_capture_on_commit_callbacks):
    from django.db import transaction

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        project.save_revision().publish()
        raise RuntimeError("the publish fails after the signal")
    assert nginx == []


def test_a_front_cache_that_does_not_answer_costs_a_publish_one_timeout(
    settings, caplog, django_capture_on_commit_callbacks
):
    # Connections are accepted (the kernel's backlog) but nothing ever answers.
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(64)
    settings.WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "ciso.front_cache.RefreshBackend",
            "LOCATION": f"http://127.0.0.1:{silent.getsockname()[1]}",
            "TIMEOUT": 0.3,
        }
    }
    index = ProjectIndexPage.objects.get()  # some twenty addresses
    try:
        with caplog.at_level(logging.ERROR, logger="wagtail.frontendcache"):
            started = time.monotonic()
            with django_capture_on_commit_callbacks(execute=True):
                index.save_revision().publish()
            elapsed = time.monotonic() - started
    finally:
        silent.close()
    errors = [r for r in caplog.records if r.name == "wagtail.frontendcache"]
    assert len(errors) == 1
    assert "Couldn't refresh" in errors[0].getMessage()
    assert elapsed < 0.3 + 2  # one timeout, and the publish itself
