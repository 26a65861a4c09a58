"""The site's settings, for `make bench`, with one addition: the floor's page at /bench/floor/,
served through the site's own middleware and template engine (a second reference beside the
plain floor project, tests/bench/floor/). Production never mounts it."""

import copy

from ciso.settings import *  # noqa: F403
from tests.bench.floor.settings import TEMPLATES as FLOOR_TEMPLATES

ROOT_URLCONF = "tests.bench.site_urls"
TEMPLATES = copy.deepcopy(TEMPLATES)  # noqa: F405
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], *FLOOR_TEMPLATES[0]["DIRS"]]
