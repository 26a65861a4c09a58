"""`make run` and `make serve` as the README gives them: which settings the site gets.

make runs the real Makefile in a scratch folder, with a stand-in for the virtualenv's python
that writes down its arguments and the environment it was given instead of running anything.
"""

import json
import os
import shutil
import subprocess
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAKE = shutil.which("make")
# What the Makefile sets, so that the developer's own environment does not decide the test.
SET_BY_MAKE = (
    "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT", "SECURE_COOKIES",
    "SERVE_MEDIA", "PORT", "DATABASE_URL", "DJANGO_SETTINGS_MODULE",
)  # fmt: skip
FAKE_PYTHON = textwrap.dedent(
    """\
    #!/usr/bin/env python3
    import json, os, sys
    names = {names!r}
    with open({log!r}, "a") as log:
        log.write(json.dumps({{"args": sys.argv[1:],
                              "env": {{n: os.environ.get(n) for n in names}}}}) + "\\n")
    """
)


@pytest.fixture
def make(tmp_path):
    if MAKE is None:
        pytest.skip("make is not installed")
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    log = tmp_path / "calls.jsonl"
    for name in ("python", "gunicorn"):
        program = venv / "bin" / name
        program.write_text(FAKE_PYTHON.format(names=SET_BY_MAKE, log=str(log)))
        program.chmod(0o755)
    (tmp_path / "requirements.txt").write_text("")
    # The virtualenv is up to date: make installs nothing.
    past = time.time() - 60
    os.utime(tmp_path / "requirements.txt", (past, past))
    (venv / ".run-deps").touch()

    def make(target, **env):
        environment = {k: v for k, v in os.environ.items() if k not in SET_BY_MAKE}
        result = subprocess.run(
            [MAKE, "-f", str(ROOT / "Makefile"), target, "VENV=venv", "PYTHON=python3"],
            cwd=tmp_path,
            env={**environment, **env},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert not result.stderr, result.stderr
        return [json.loads(line) for line in log.read_text().splitlines()]

    return make


def test_make_run_serves_the_site_as_production_does(make, tmp_path):
    calls = make("run")
    assert [call["args"][:2] for call in calls] == [
        ["manage.py", "migrate"],
        ["manage.py", "load_initial_content"],
        ["manage.py", "collectstatic"],
        ["manage.py", "runserver"],
    ]
    env = calls[-1]["env"]
    # DEBUG off, so that visitors' pages (the error pages too) are the real site's…
    assert env["DEBUG"] == "false"
    # …with a key of its own, kept, as `make serve` has…
    assert env["SECRET_KEY"] == (tmp_path / "var" / "secret_key").read_text().strip()
    assert len(env["SECRET_KEY"]) > 40
    assert set(env["ALLOWED_HOSTS"].split(",")) == {"127.0.0.1", "localhost"}
    # …plain http on this machine, and the uploaded images served by Django.
    assert env["SECURE_SSL_REDIRECT"] == env["SECURE_COOKIES"] == "false"
    assert env["SERVE_MEDIA"] == "true"


def test_debug_true_make_run_shows_djangos_debug_pages(make):
    calls = make("run", DEBUG="true")
    assert calls[-1]["args"][:2] == ["manage.py", "runserver"]
    assert calls[-1]["env"]["DEBUG"] == "true"


def test_make_serve_serves_the_uploaded_images(make):
    calls = make("serve")
    assert calls[-1]["args"][:1] == ["ciso.wsgi:application"]
    env = calls[-1]["env"]
    assert env["DEBUG"] == "false"
    assert len(env["SECRET_KEY"]) > 40
    assert env["SERVE_MEDIA"] == "true"
