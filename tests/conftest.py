import io

import pytest
from django.conf import settings
from django.core.management import call_command


def pytest_configure(config):
    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" not in engine:
        pytest.exit(f"The suite runs on PostgreSQL (DATABASE_URL); got {engine}.", returncode=2)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the site's initial content, built once for the whole run."""
    with django_db_blocker.unblock():
        call_command("load_initial_content", stdout=io.StringIO())


@pytest.fixture
def html():
    """Parse a response's HTML."""
    from bs4 import BeautifulSoup

    return lambda response: BeautifulSoup(response.content, "html.parser")
