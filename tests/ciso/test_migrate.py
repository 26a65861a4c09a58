"""`manage.py migrate` on a new database, as `make run` runs it: quiet and complete."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def migrate_new_database(database, *options):
    """Run `manage.py migrate` as `make run` does, on a new SQLite file."""
    environment = {
        **os.environ,
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "ciso.settings",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", *options],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
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
