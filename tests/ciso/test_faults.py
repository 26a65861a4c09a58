"""The site under faults: Redis stopped, the database unavailable or restarted.

These are real faults, not mocks: the cache points at a port nothing listens on, the database
connection at a closed port, and a database server process is killed under a live connection.
"""

import contextlib
import json
import logging
import signal
import socket
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.core.handlers.wsgi import WSGIHandler
from django.db import OperationalError
from django.test import RequestFactory

from ciso.errors import server_error
from ciso.settings import redis_cache
from tests.conftest import require_service

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/fr/", "/en/", "/fr/mission-et-actions/", "/en/mission-and-activities/"]


def clear_caches():
    # So that nothing comes from a cache: every page below is built from the database.
    for alias in settings.CACHES:
        caches[alias].clear()


# --- Redis -----------------------------------------------------------------------------------


@pytest.fixture
def redis_stopped(settings, closed_port):
    """The production cache configuration, pointed at a Redis that is not running."""
    # The settings fixture puts the configuration back (and Django resets the caches).
    settings.CACHES = {
        "default": redis_cache(f"redis://127.0.0.1:{closed_port}/0"),
        "pages": {**redis_cache(f"redis://127.0.0.1:{closed_port}/0"), "KEY_PREFIX": "pages"},
    }
    settings.CISO_PAGE_CACHE = True  # the page cache, on Redis too, fails soft as well


def test_with_redis_stopped_pages_are_served(redis_stopped, client, caplog):
    with caplog.at_level(logging.ERROR, logger="ciso.cache"):
        cache.set("probe", "value")
        assert cache.get("probe") is None  # the cache really does not answer…
        for url in PUBLIC_PAGES:
            started = time.monotonic()
            response = client.get(url)
            assert response.status_code == 200, url
            assert time.monotonic() - started < 5, url
    # …and each failure was logged, not raised.
    assert any(record.name == "ciso.cache" for record in caplog.records)


def test_with_redis_stopped_staff_sign_in_and_work(redis_stopped, client, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.org", "a-long-password")
    response = client.post(
        "/admin/login/", {"username": "editor", "password": "a-long-password", "next": "/admin/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/pages/").status_code == 200
    response = client.get("/admin/pages/search/?q=CISO")
    assert response.status_code == 200


def test_sessions_do_not_live_in_the_cache():
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


def test_redis_url_configures_a_cache_that_fails_soft():
    # The settings module as production loads it, with REDIS_URL set.
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps([settings.CACHES['default'], settings.SESSION_ENGINE]))"
    )
    env = {
        "DJANGO_SETTINGS_MODULE": "ciso.settings",
        "SECRET_KEY": "x",
        "ALLOWED_HOSTS": "example.org",
        "REDIS_URL": "redis://redis:6379/0",
        "DATABASE_URL": "postgres://ciso@db:5432/ciso",
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode == 0, result.stderr
    config, session_engine = json.loads(result.stdout)
    assert config["BACKEND"] == "django_redis.cache.RedisCache"
    assert config["LOCATION"] == "redis://redis:6379/0"
    assert config["OPTIONS"]["IGNORE_EXCEPTIONS"] is True
    assert config["OPTIONS"]["SOCKET_CONNECT_TIMEOUT"] <= 0.5
    assert config["OPTIONS"]["SOCKET_TIMEOUT"] <= 0.5
    assert session_engine == "django.contrib.sessions.backends.db"


@pytest.fixture
def real_redis(settings):
    require_service("127.0.0.1", 6379, "Redis")
    # Database 15 and a prefix of our own: other runs may share this Redis.
    settings.CACHES = {
        "default": {
            **redis_cache("redis://127.0.0.1:6379/15"),
            "KEY_PREFIX": f"ciso-tests-{time.time_ns()}",
        },
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    yield caches["default"]
    caches["default"].delete_pattern("*")


def test_the_cache_is_redis_when_it_runs(real_redis, client):
    real_redis.set("greeting", {"fr": "bonjour", "en": "hello"}, timeout=60)
    assert real_redis.get("greeting") == {"fr": "bonjour", "en": "hello"}
    # The value is in Redis itself, not in this process.
    raw = real_redis.client.get_client()
    assert any(b"greeting" in key for key in raw.keys(f"{real_redis.key_prefix}*"))
    assert client.get("/fr/").status_code == 200
    assert client.get("/healthz").json() == {"status": "ok", "database": "ok", "cache": "ok"}


# --- Database --------------------------------------------------------------------------------


def assert_unavailable_page(response, language="fr"):
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    assert "no-store" in response["Cache-Control"]
    content = response.content.decode()
    # In the page's language, then in the other one.
    other = {"fr": "en", "en": "fr"}[language]
    assert f'<html lang="{language}">' in content
    assert f'<div class="error-page__other" lang="{other}">' in content
    assert "Temporairement indisponible" in content and "Temporarily unavailable" in content
    assert "Traceback" not in content and "OperationalError" not in content


def test_database_down_gives_a_bilingual_503_then_the_site_recovers(own_connection, client):
    clear_caches()
    port = own_connection.settings_dict["PORT"]
    own_connection.close()
    own_connection.settings_dict["PORT"] = "1"  # nothing listens there: connection refused
    for url in ("/fr/", "/en/mission-and-activities/", "/fr/page-inconnue/"):
        assert_unavailable_page(client.get(url), url[1:3])
    # The database is back: the very next request is served, nothing to restart.
    own_connection.settings_dict["PORT"] = port
    response = client.get("/fr/")
    assert response.status_code == 200
    assert client.get("/en/").status_code == 200


def test_database_error_raised_outside_a_view_also_gives_the_503_page():
    # handler500, for a database error raised in a middleware rather than in the view.
    request = RequestFactory().get("/fr/")
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(request)
    assert_unavailable_page(response)
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500


def wsgi_get(handler, path):
    """A request through the WSGI handler, as gunicorn makes it: unlike the test client, it
    sends request_started, so Django checks its persistent connections first."""
    statuses = []
    environ = RequestFactory().get(path).environ
    response = handler(environ, lambda status, headers, exc_info=None: statuses.append(status))
    try:
        body = b"".join(response)
    finally:
        response.close()
    return int(statuses[0].split()[0]), body


def test_a_restarted_database_costs_no_visitor_an_error(own_connection):
    assert own_connection.settings_dict["CONN_MAX_AGE"] > 0  # connections persist…
    assert own_connection.settings_dict["CONN_HEALTH_CHECKS"]  # …and are checked
    clear_caches()
    handler = WSGIHandler()
    assert wsgi_get(handler, "/fr/")[0] == 200
    pid = own_connection.connection.info.backend_pid
    # The server ends that connection's process, as a restart does.
    killer = type(own_connection)(dict(own_connection.settings_dict), "killer")
    try:
        with killer.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
            for _ in range(50):
                cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", [pid])
                if cursor.fetchone()[0] == 0:
                    break
                time.sleep(0.1)
    finally:
        killer.close()
    assert own_connection.connection is not None  # Django does not know yet
    clear_caches()
    status, body = wsgi_get(handler, "/fr/")
    assert status == 200, body[:500]
    assert own_connection.connection.info.backend_pid != pid


def test_a_column_changed_under_a_running_site_costs_a_connection_one_request(
    own_connection, settings, caplog
):
    # A restore of an older dump, or a migrate run beside the running site, changes a column's
    # type under the queries that psycopg prepared (ciso/settings.py): PostgreSQL refuses to
    # run them again on that connection. That request gets the 503 page, the next one a new
    # connection and the page.
    settings.CISO_PAGE_CACHE = False
    handler = WSGIHandler()
    for _ in range(7):  # prepared from the sixth run on
        assert wsgi_get(handler, "/fr/")[0] == 200
    pid = own_connection.connection.info.backend_pid
    other = type(own_connection)(dict(own_connection.settings_dict), "other")

    def change(column_type):
        with other.cursor() as cursor:
            cursor.execute("SET lock_timeout = '10s'")
            cursor.execute(f"ALTER TABLE ciso_sitesettings ALTER COLUMN acronym TYPE {column_type}")

    try:
        change("text")
        with caplog.at_level(logging.WARNING, logger="ciso.middleware"):
            status, body = wsgi_get(handler, "/fr/")
        assert status == 503, body[:500]
        assert "schema change" in caplog.text
        status, body = wsgi_get(handler, "/fr/")
        assert status == 200, body[:500]
        assert own_connection.connection.info.backend_pid != pid
    finally:
        change("varchar(20)")
        other.close()


# --- A Redis that stops answering while staff change content -------------------------------


@pytest.fixture
def own_redis(settings, tmp_path):
    """A Redis server of this test's own, as the production configuration uses it: one that
    the test can freeze (SIGSTOP) and thaw, as an overloaded or paused host would."""
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        settings.CACHES = {
            "default": redis_cache(f"redis://127.0.0.1:{port}/0"),
            "pages": {**redis_cache(f"redis://127.0.0.1:{port}/0"), "KEY_PREFIX": "pages"},
        }
        settings.CISO_PAGE_CACHE = True
        yield server
    finally:
        server.send_signal(signal.SIGCONT)
        server.terminate()
        server.wait(timeout=10)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def frozen(server):
    server.send_signal(signal.SIGSTOP)
    try:
        yield
    finally:
        server.send_signal(signal.SIGCONT)


def test_a_page_made_private_while_redis_is_frozen_is_never_served_public(own_redis, client):
    from wagtail.models import PageViewRestriction

    from ciso.models import StandardPage

    path = "/fr/mission-et-actions/"
    client.get(path)
    assert client.get(path)["X-Page-Cache"] == "hit"  # a public copy in Redis
    page = StandardPage.objects.get(slug_fr="mission-et-actions")
    with frozen(own_redis):
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
        during = client.get(path)
    after = client.get(path)
    with_query = client.get(path + "?x=1")
    for response in (during, after, with_query):
        assert response.status_code == 200 and 'name="password"' in response.content.decode()
        assert response["X-Page-Cache"] != "hit"


def test_content_published_while_redis_is_frozen_shows_once_it_answers(
    own_redis, client, django_user_model
):
    from ciso.models import StandardPage

    path = "/fr/mission-et-actions/"
    client.get(path)
    assert client.get(path)["X-Page-Cache"] == "hit"
    page = StandardPage.objects.get(slug_fr="mission-et-actions")
    with frozen(own_redis):
        page.title_fr = "Publié pendant la panne"
        page.save_revision().publish()
    assert "Publié pendant la panne" in client.get(path).content.decode()
    client.force_login(django_user_model.objects.create_superuser("staff", "s@example.org", "pw"))
    assert "Publié pendant la panne" in client.get(path).content.decode()
