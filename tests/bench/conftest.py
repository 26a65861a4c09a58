import pytest

from tests.bench.runner import FLOOR_GUNICORN_CONF, Gunicorn, floor_env


@pytest.fixture(scope="module")
def floor_server(tmp_path_factory):
    """The floor project under gunicorn with its copy of the site's gunicorn.conf.py (one
    worker is enough here)."""
    directory = tmp_path_factory.mktemp("floor")
    with Gunicorn(
        floor_env(workers=1), name="floor", config=FLOOR_GUNICORN_CONF, directory=directory
    ) as server:
        yield server
