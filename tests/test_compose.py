"""The Docker deployment files: docker-compose.yml follows the compose spec and has what the
deployment needs, and .env.example documents only variables that something actually reads.

No database and no Docker engine: the compose file is checked against the compose-spec JSON
schema bundled with check-jsonschema (so it works offline).
"""

import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_FILE = ROOT / "docker-compose.yml"
ENV_EXAMPLE = ROOT / ".env.example"
SETTINGS = ROOT / "ciso" / "settings.py"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"

# Read by docker-compose.yml or gunicorn.conf.py rather than by the settings.
NOT_READ_BY_SETTINGS = {"POSTGRES_PASSWORD", "PORT", "WEB_CONCURRENCY", "DATABASE_URL"}

# A variable line of .env.example, also when commented out ("# STATIC_ROOT=...").
ENV_LINE = re.compile(r"^#?\s*([A-Z][A-Z0-9_]*)=", re.MULTILINE)


def validate(path):
    """Run check-jsonschema with the bundled compose-spec schema on `path`."""
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.compose-spec", str(path)],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def compose():
    return YAML(typ="safe").load(COMPOSE_FILE.read_text())


def test_compose_file_follows_the_compose_spec():
    result = validate(COMPOSE_FILE)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("original", "broken"),
    [
        ("services:", "servicez:"),
        ("    image: postgres:15", "    imagee: postgres:15"),
    ],
)
def test_validation_rejects_a_wrong_key(tmp_path, original, broken):
    text = COMPOSE_FILE.read_text()
    assert text.count(original) == 1
    wrong = tmp_path / "docker-compose.yml"
    wrong.write_text(text.replace(original, broken))
    result = validate(wrong)
    assert result.returncode != 0, result.stdout + result.stderr


def test_compose_has_no_obsolete_version_key(compose):
    assert "version" not in compose


def test_database_service(compose):
    db = compose["services"]["db"]
    assert db["image"].startswith("postgres:")
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    named_volumes = [v.split(":")[0] for v in db["volumes"]]
    assert "pgdata" in named_volumes
    assert "pgdata" in compose["volumes"]


def test_web_service(compose):
    web = compose["services"]["web"]
    assert web["build"] == "."
    assert web["depends_on"]["db"]["condition"] == "service_healthy"
    assert "redis" in web["depends_on"]
    assert "media:/app/var/media" in web["volumes"]
    assert "static:/app/var/static" in web["volumes"]
    assert {"media", "static"} <= set(compose["volumes"])
    environment = web["environment"]
    assert environment["MEDIA_ROOT"] == "/app/var/media"
    assert environment["STATIC_ROOT"] == "/app/var/static"
    assert environment["DATABASE_URL"].startswith("postgres://ciso:")
    assert environment["REDIS_URL"] == "redis://redis:6379/0"
    # nginx serves /media/ and is the one proxy hop in front.
    assert environment["SERVE_MEDIA"] == "false"
    assert environment["TRUSTED_PROXY_COUNT"] == "1"
    # Publishes are announced to the nginx service (its name on the compose network).
    assert environment["FRONTEND_CACHE_URL"] == "http://nginx"
    assert "nginx" in compose["services"]
    assert "/healthz" in " ".join(web["healthcheck"]["test"])
    # Only nginx is reachable from outside.
    assert "ports" not in web


def test_redis_service(compose):
    redis = compose["services"]["redis"]
    assert redis["image"].startswith("redis:")
    assert "ping" in redis["healthcheck"]["test"]


def test_nginx_service(compose):
    nginx = compose["services"]["nginx"]
    assert nginx["image"].startswith("nginx:")
    assert nginx["depends_on"]["web"]["condition"] == "service_healthy"
    assert nginx["ports"] == ["80:80"]
    volumes = nginx["volumes"]
    assert "./deploy/nginx/ciso.conf:/etc/nginx/conf.d/default.conf:ro" in volumes
    # The same folders as in `web` (and as the aliases of ciso.conf), read-only.
    assert "static:/app/var/static:ro" in volumes
    assert "media:/app/var/media:ro" in volumes
    conf = (ROOT / "deploy" / "nginx" / "ciso.conf").read_text()
    assert "alias /app/var/static/;" in conf and "alias /app/var/media/;" in conf
    assert "http://web:8000" in conf
    # The front cache's folder is in the image (nginx makes the last level).
    assert "proxy_cache_path /var/cache/nginx/ciso " in conf


@pytest.mark.parametrize(
    ("environment", "cpus", "workers"),
    [({}, 1, 3), ({}, 4, 9), ({"WEB_CONCURRENCY": "5"}, 4, 5), ({"WEB_CONCURRENCY": " "}, 2, 5)],
)
def test_gunicorn_workers_follow_the_cpu_count(monkeypatch, environment, cpus, workers):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: set(range(cpus)), raising=False)
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert config["workers"] == workers
    assert config["wsgi_app"] == "ciso.wsgi:application"
    assert config["bind"] == "0.0.0.0:8000"


def test_gunicorn_accepts_its_configuration():
    env = {
        "PATH": "/usr/bin:/bin",
        "SECRET_KEY": "x",
        "ALLOWED_HOSTS": "example.org",
        "DATABASE_URL": "postgres://ciso@db:5432/ciso",
    }
    result = subprocess.run(
        [str(Path(sys.executable).parent / "gunicorn"), "--check-config"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_env_example_documents_only_variables_that_are_read():
    names = ENV_LINE.findall(ENV_EXAMPLE.read_text())
    assert "SECRET_KEY" in names
    settings = SETTINGS.read_text()
    unread = [
        name
        for name in names
        if name not in NOT_READ_BY_SETTINGS and not re.search(rf"\b{name}\b", settings)
    ]
    assert not unread, f"in .env.example but not read by ciso/settings.py: {unread}"


def test_env_example_documents_every_variable_the_settings_read():
    # env("X"…), env.bool("X"…), env.db_url("X"…)…: the first argument is the variable name.
    read = set(re.findall(r"\benv(?:\.\w+)?\(\s*\"([A-Z][A-Z0-9_]*)\"", SETTINGS.read_text()))
    assert read, "no env(...) call found in ciso/settings.py"
    missing = read - set(ENV_LINE.findall(ENV_EXAMPLE.read_text()))
    assert not missing, f"read by ciso/settings.py but not in .env.example: {sorted(missing)}"


def test_the_image_makes_the_error_pages_that_nginx_serves():
    dockerfile = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    # At build, for a new static volume (filled from the image), and at each start, after
    # collectstatic (the volume follows a new image): pages in step with the templates.
    build = re.search(r"^RUN .*collectstatic.*$", dockerfile, re.MULTILINE)[0]
    assert build.index("collectstatic") < build.index("render_error_pages")
    start = re.search(r"^CMD (.*)$", dockerfile, re.MULTILINE)[1]
    steps = [start.index(step) for step in ("collectstatic", "render_error_pages", "gunicorn")]
    assert steps == sorted(steps)
