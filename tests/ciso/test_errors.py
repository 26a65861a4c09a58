"""The server error page and the database check that guards `make test`."""

import os
import subprocess
import sys
from pathlib import Path

from django.test import RequestFactory
from django.views.defaults import server_error

ROOT = Path(__file__).resolve().parents[2]


def test_server_error_page_is_bilingual_and_needs_nothing():
    # No database marker: the 500 page must render even when the database is the problem.
    response = server_error(RequestFactory().get("/fr/"))
    assert response.status_code == 500
    content = response.content.decode()
    assert '<html lang="fr">' in content
    assert "Une erreur est survenue" in content
    assert '<div lang="en">' in content and "Something went wrong" in content
    assert 'href="/fr/"' in content and 'href="/en/"' in content


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
