"""tests/bench/instructions.py counts what a page costs, the same on every run."""

import os
import shutil

import pytest

from tests.bench.instructions import count
from tests.bench.runner import FLOOR_PATH


def test_a_page_costs_the_same_instructions_on_every_run():
    if not shutil.which("valgrind"):
        if os.environ.get("CI"):
            pytest.fail("valgrind is missing (tests/system-packages.sh installs it)")
        pytest.skip("valgrind is missing: apt-get install valgrind")
    # The floor's page through the site's middleware: no query, and with DEBUG on, static
    # files need no collected manifest.
    first, second = (count(FLOOR_PATH, requests=2, DEBUG="true") for _ in range(2))
    assert 1 < first < 50  # millions: a real count, not a parse of something else
    assert abs(first - second) < 0.01 * first
