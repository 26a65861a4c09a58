"""The site of `make run`'s database, served on a free loopback port for the length of a `with`
block, as `make screenshots` and `make lighthouse` look at it (`manage.py runserver`, with the
environment the Makefile gives them: DEBUG off, collected static files)."""

import argparse
import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tools.chromium import CHROMIUM

ROOT = Path(__file__).resolve().parents[1]


def command_line(description, out_name):
    """The options of a tool that looks at every page type with Debian's chromium: the folder
    it writes to (made), and which page types (`only`: those whose name contains it)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--out", default=str(ROOT / "var" / out_name))
    parser.add_argument("--only", help="only the page types whose name contains this")
    options = parser.parse_args()
    options.out = Path(options.out)
    options.out.mkdir(parents=True, exist_ok=True)
    if not os.path.exists(CHROMIUM):
        sys.exit("Debian's chromium is needed: apt-get install chromium")
    return options


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def running_site():
    """The base URL of the site, once it answers its health check."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(100):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("the site did not start")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)
