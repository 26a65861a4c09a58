"""/healthz, the endpoint of the container healthcheck: the database and the cache, cheaply."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ciso.settings import redis_cache

pytestmark = pytest.mark.django_db


def test_healthy(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    # One read, no write, and never kept by a cache on the way.
    assert [query["sql"] for query in queries.captured_queries] == ["SELECT 1"]
    assert "no-cache" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]


def test_outside_the_language_prefixes(client):
    # Not redirected to /en/healthz: the healthcheck gets its answer at once.
    assert reverse("healthz") == "/healthz"
    response = client.get("/healthz", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200


def test_read_only(client):
    assert client.post("/healthz").status_code == 405
    assert client.head("/healthz").status_code == 200


def test_cache_down_is_degraded_not_unhealthy(client, settings, closed_port):
    # The site still serves pages without Redis: the container stays healthy.
    settings.CACHES = {
        "default": redis_cache(f"redis://127.0.0.1:{closed_port}/0"),
        "pages": redis_cache(f"redis://127.0.0.1:{closed_port}/1"),
    }
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "unavailable"}


def test_database_down_is_unavailable(own_connection, client):
    own_connection.close()
    own_connection.settings_dict["PORT"] = "1"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unavailable", "cache": "ok"}
