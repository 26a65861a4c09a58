"""The site's gunicorn.conf.py for the floor project: the same settings (workers, access log,
worker recycling, timeouts), another application. Of the site's post_worker_init, only the
garbage collector's setting is kept: the rest gives gunicorn the site's error pages, which need
the site."""

import runpy
from pathlib import Path

_site = runpy.run_path(str(Path(__file__).resolve().parents[3] / "gunicorn.conf.py"))
globals().update({name: value for name, value in _site.items() if not name.startswith("_")})
wsgi_app = "tests.bench.floor.wsgi:application"


def post_worker_init(worker):
    freeze_startup_objects()  # noqa: F821 (the site's, set just above)
