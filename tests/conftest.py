import copy
import io
import os
import socket

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.core.management import call_command
from django.db import connections
from django.utils import translation
from hypothesis import settings as hypothesis_settings

# The fuzz tests (hypothesis): examples are derandomized on CI, so that a failure found there
# comes back on the next run; a deadline per example keeps them quick, and no example database
# is kept on CI.
hypothesis_settings.register_profile("ci", derandomize=True, deadline=5000, database=None)
hypothesis_settings.register_profile("dev", deadline=5000)
hypothesis_settings.load_profile(
    "ci" if os.environ.get("CI", "").lower() in ("1", "true", "yes") else "dev"
)


def pytest_configure(config):
    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" not in engine:
        pytest.exit(f"The suite runs on PostgreSQL (DATABASE_URL); got {engine}.", returncode=2)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Transactional tests run last, the browser tests among them. Each one ends by emptying
    the database (its content comes back for the next transactional test through serialized
    rollback), and the other tests expect the initial content. pytest-playwright's
    session-scoped browser parameter would otherwise move the browser tests among them."""

    def transactional(item):
        marker = item.get_closest_marker("django_db")
        return item.nodeid.startswith("tests/browser/") or bool(
            marker and marker.kwargs.get("transaction")
        )

    items.sort(key=transactional)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the site's initial content, built once for the whole run."""
    with django_db_blocker.unblock():
        call_command("load_initial_content", stdout=io.StringIO())
        # Transactional tests (the browser tests) empty the database after each test; with
        # serialized_rollback they get this state back, initial content included. It is set
        # on the connection class, not on one connection object: under Playwright's greenlets
        # the test body gets a fresh connection object, which would otherwise see nothing to
        # restore and leave the database empty.
        for connection in connections.all():
            if getattr(connection, "_test_serialized_contents", None) is not None:
                contents = connection.creation.serialize_db_to_string()
                connection._test_serialized_contents = contents
                type(connection)._test_serialized_contents = contents


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with empty caches: the database is rolled back after a test, the page
    cache's generation with it, and pages kept under it must go too."""
    cache.clear()
    caches["pages"].clear()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in French, the site's default language: a request to an English page
    leaves English active in the thread, and objects named in the active language (a
    country's str()) would otherwise depend on which test ran before."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def staff_client(client, django_user_model):
    """A client signed in to the admin as a superuser."""
    user = django_user_model.objects.create_superuser("staff", "staff@example.org", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def html():
    """Parse a response's HTML."""
    from bs4 import BeautifulSoup

    return lambda response: BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def own_connection(db):
    """The test database through a connection of its own, in place of the test's.

    What the test writes through it is committed (pg_dump and other connections see it), and
    the test may break it (a wrong port, a killed server process) without touching the test
    transaction's connection, which comes back afterwards. The test removes what it commits.
    """
    original = connections["default"]
    own = type(original)(copy.deepcopy(original.settings_dict), "default")
    connections["default"] = own
    try:
        yield own
    finally:
        own.close()
        connections["default"] = original


@pytest.fixture
def closed_port():
    """A local TCP port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def require_service(host, port, what):
    """Skip when a local service does not answer; CI provides them, so there it fails."""
    try:
        socket.create_connection((host, port), timeout=1).close()
    except OSError:
        message = f"{what} does not answer at {host}:{port}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} (CI provides it)")
        pytest.skip(message)
