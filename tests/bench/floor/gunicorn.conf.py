"""The site's gunicorn.conf.py for the floor project: the same settings (workers, access log,
worker recycling, timeouts), another application. The site's post_worker_init is left out:
it gives gunicorn the site's error pages, which need the site."""

import runpy
from pathlib import Path

_site = runpy.run_path(str(Path(__file__).resolve().parents[3] / "gunicorn.conf.py"))
globals().update({name: value for name, value in _site.items() if not name.startswith("_")})
del post_worker_init  # noqa: F821 (set just above)
wsgi_app = "tests.bench.floor.wsgi:application"
