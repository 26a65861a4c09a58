"""What the web servers answer themselves, before Django sees the request: the development
server of `make run` (runserver) and gunicorn (`make serve`, the compose stack) answer a request
line they refuse (a very long address) with the site's own page, in both languages, since the
language of a request that was not read is not known.

Each test starts the real server on a loopback port, on the test settings and an empty SQLite
database (nothing here reaches the database).
"""

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def start(tmp_path):
    """Start a server command on a free port; yields a function that returns the port."""
    processes = []

    def start(command, **env):
        port = free_port()
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "ciso.settings_test",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
            "CONTENT_VERSION_FILE": str(tmp_path / "content-version"),
            **env,
        }
        process = subprocess.Popen(
            [part.format(port=port) for part in command],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        processes.append(process)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                return port
            except OSError:
                assert process.poll() is None, process.stderr.read().decode()
                time.sleep(0.1)
        pytest.fail(f"{command[0]} did not start")

    yield start
    for process in processes:
        process.terminate()
        process.wait(timeout=20)


def get(port, path, connection=None):
    connection = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    connection.request("GET", path, headers={"Host": "localhost"})
    response = connection.getresponse()
    content = response.read()
    return response, content


def assert_branded_414(response, content):
    assert response.status == 414
    assert response.getheader("Content-Type").replace(" ", "") == "text/html;charset=utf-8"
    doc = BeautifulSoup(content, "html.parser")
    # Both languages, French (the default) first.
    assert doc.html["lang"] == "fr"
    assert doc.h1.get_text(strip=True) == "Adresse trop longue"
    other = doc.select_one(".error-page__other")
    assert other["lang"] == "en"
    assert other.h2.get_text(strip=True) == "Address too long"
    assert doc.find("link", rel="stylesheet", href=lambda href: "css/site.css" in href)
    assert doc.select_one('main a[href="/fr/"]') and doc.select_one('main a[href="/en/"]')


def test_runserver_answers_an_address_too_long_with_the_sites_page(start):
    port = start([str(BIN / "python"), "manage.py", "runserver", "--noreload", "127.0.0.1:{port}"])
    # An English page first, on the same connection (its thread keeps English active)…
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    get(port, "/en/", connection)
    # …then a request line over the 64 KiB that Django's development server reads.
    assert_branded_414(*get(port, "/fr/?q=" + "a" * 70_000, connection))
    # Shorter addresses reach Django.
    response, _ = get(port, "/healthz?q=" + "a" * 10_000)
    assert response.status == 200


def test_gunicorn_answers_an_address_too_long_with_the_sites_page(start):
    # gunicorn.conf.py, as `make serve` and the image use it (one worker is enough here).
    port = start(
        [str(BIN / "gunicorn"), "--bind", "127.0.0.1:{port}", "--workers", "1"],
        WEB_CONCURRENCY="1",
    )
    get(port, "/en/")  # the worker's thread keeps English active
    # Longer than the 8 KB request line of gunicorn's maximum and of nginx's buffers…
    assert_branded_414(*get(port, "/fr/?q=" + "a" * 9000))
    # …while an address nginx lets through reaches Django (gunicorn's default stops at 4 KB).
    response, _ = get(port, "/healthz?q=" + "a" * 8000)
    assert response.status == 200
