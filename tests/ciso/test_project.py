"""Project-level health: system checks, migrations, settings that refuse to start unsafely."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


def test_system_checks_pass():
    call_command("check", stdout=StringIO())


@pytest.mark.django_db
def test_no_missing_migrations():
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())


def _import_settings(**environ):
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "ALLOWED_HOSTS")}
    env.update(environ)
    env["DJANGO_SETTINGS_MODULE"] = "ciso.settings"
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("environ", "missing"),
    [
        ({"DEBUG": "false"}, "SECRET_KEY and ALLOWED_HOSTS"),
        ({"DEBUG": "false", "SECRET_KEY": "x" * 50}, "ALLOWED_HOSTS"),
        ({"DEBUG": "false", "ALLOWED_HOSTS": "ciso.example.org"}, "SECRET_KEY"),
        ({}, "SECRET_KEY and ALLOWED_HOSTS"),  # DEBUG is off unless asked for
    ],
)
def test_production_refuses_to_start_without_secrets(environ, missing):
    environ.setdefault("DEBUG", "")
    if not environ["DEBUG"]:
        del environ["DEBUG"]
    result = _import_settings(**environ)
    assert result.returncode != 0
    assert f"{missing} must be set in the environment when DEBUG is off" in result.stderr


def test_production_starts_with_its_settings():
    result = _import_settings(DEBUG="false", SECRET_KEY="x" * 50, ALLOWED_HOSTS="ciso.example.org")
    assert result.returncode == 0, result.stderr


def test_development_starts_with_nothing_set():
    result = _import_settings(DEBUG="true")
    assert result.returncode == 0, result.stderr
