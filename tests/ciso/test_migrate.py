"""`manage.py migrate` on a new database, as `make run` runs it: quiet and complete."""

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def run_migrate(database_url, *options):
    environment = {
        **os.environ,
        "DEBUG": "true",
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "ciso.settings",
    }
    return subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", *options],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def migrate_new_database(database, *options):
    """Run `manage.py migrate` as `make run` does, on a new SQLite file."""
    result = run_migrate(f"sqlite:///{database}", *options)
    assert result.returncode == 0, result.stderr
    return result.stdout + result.stderr


def test_migrate_on_a_new_database_prints_no_sql_and_adds_the_translated_columns(tmp_path):
    output = migrate_new_database(tmp_path / "new.sqlite3")
    # wagtail-modeltranslation's sync printed "Missing languages…" and each ALTER TABLE.
    assert "ALTER TABLE" not in output
    assert "Missing languages" not in output
    assert "Added the French and English columns of Wagtail's page table" in output
    with sqlite3.connect(tmp_path / "new.sqlite3") as connection:
        columns = {row[1] for row in connection.execute("PRAGMA table_info(wagtailcore_page)")}
    assert {"title_fr", "title_en", "slug_fr", "slug_en", "url_path_en"} <= columns


def test_migrate_in_detail_shows_what_the_sync_did(tmp_path):
    assert "ALTER TABLE" in migrate_new_database(tmp_path / "new.sqlite3", "--verbosity", "2")


@pytest.fixture
def database_of_a_user_without_extensions():
    """A new PostgreSQL database and a user who may create tables in it but not extensions,
    as on many managed servers; (URL, a superuser's connection to it). Dropped after."""
    params = settings.DATABASES["default"]
    suffix = time.time_ns()
    name, role = f"ciso_noext_{suffix}", f"ciso_noext_{suffix}"
    server = {
        "user": params["USER"],
        "password": params["PASSWORD"] or None,
        "host": params["HOST"],
        "port": params["PORT"],
    }
    admin = psycopg.connect(dbname="postgres", **server)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE ROLE "{role}" LOGIN')
        cursor.execute(f'CREATE DATABASE "{name}"')
    superuser = psycopg.connect(dbname=name, **server)
    superuser.autocommit = True
    with superuser.cursor() as cursor:
        cursor.execute(f'GRANT ALL ON SCHEMA public TO "{role}"')
    try:
        yield f"postgres://{role}@{params['HOST']}:{params['PORT']}/{name}", superuser
    finally:
        superuser.close()
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cursor.execute(f'DROP OWNED BY "{role}"')
            cursor.execute(f'DROP ROLE IF EXISTS "{role}"')
        admin.close()


def test_a_user_who_may_not_create_unaccent_is_told_how_to_get_it(
    database_of_a_user_without_extensions,
):
    url, superuser = database_of_a_user_without_extensions
    result = run_migrate(url)
    assert result.returncode != 0
    assert "needs PostgreSQL's unaccent extension" in result.stderr
    assert "CREATE EXTENSION unaccent;" in result.stderr
    # Done once by the server's administrator, the rest of the migrations go through.
    with superuser.cursor() as cursor:
        cursor.execute("CREATE EXTENSION unaccent")
    result = run_migrate(url)
    assert result.returncode == 0, result.stderr
