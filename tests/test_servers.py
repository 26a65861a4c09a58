"""What the web servers answer themselves, before Django sees the request: the development
server of `make run` (runserver) and gunicorn (`make serve`, the compose stack) answer a request
line they refuse (a very long address) with the site's own page, in both languages: French
first, or English first for an address under /en/ under runserver (the headers were not read).

Each test starts the real server on a loopback port, on the test settings and an empty SQLite
database (nothing here reaches the database).
"""

import http.client
import os
import queue
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


@pytest.fixture
def start(tmp_path):
    """Start a server command on port 0: the server binds a port the system chooses (no other
    process can take it between choosing and binding) and prints it once it listens, in a line
    that `listening` matches. Yields a function that returns that port."""
    processes = []

    def start(command, listening, **env):
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "ciso.settings_test",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
            "PYTHONUNBUFFERED": "1",
            **env,
        }
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        processes.append(process)
        output, ports = [], queue.Queue()

        def read():  # to the end, so that the server never waits on a full pipe
            for line in process.stdout:
                output.append(line)
                if match := re.search(listening, line):
                    ports.put(int(match[1]))
            ports.put(None)

        threading.Thread(target=read, daemon=True).start()
        try:
            port = ports.get(timeout=60)
        except queue.Empty:
            pytest.fail(f"{command[0]} did not start: {''.join(output)}")
        assert port, "".join(output)
        return port

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


HEADINGS = {"fr": "Adresse trop longue", "en": "Address too long"}


def assert_branded_414(response, content, language="fr"):
    assert response.status == 414
    assert response.getheader("Content-Type").replace(" ", "") == "text/html;charset=utf-8"
    doc = BeautifulSoup(content, "html.parser")
    # Both languages, the address's first (French, the default, without /en/).
    other_language = "en" if language == "fr" else "fr"
    assert doc.html["lang"] == language
    assert doc.h1.get_text(strip=True) == HEADINGS[language]
    other = doc.select_one(".error-page__other")
    assert other["lang"] == other_language
    assert other.h2.get_text(strip=True) == HEADINGS[other_language]
    assert doc.find("link", rel="stylesheet", href=lambda href: "css/site.css" in href)
    assert doc.select_one('main a[href="/fr/"]') and doc.select_one('main a[href="/en/"]')


def test_runserver_answers_an_address_too_long_with_the_sites_page(start):
    port = start(
        [str(BIN / "python"), "manage.py", "runserver", "--noreload", "127.0.0.1:0"],
        r"Starting development server at http://127\.0\.0\.1:(\d+)/",
    )
    # An English page first, on the same connection (its thread keeps English active)…
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    get(port, "/en/", connection)
    # …then a request line over the 64 KiB that Django's development server reads.
    assert_branded_414(*get(port, "/fr/?q=" + "a" * 70_000, connection))
    # An English address: English first.
    assert_branded_414(*get(port, "/en/?q=" + "a" * 70_000), "en")
    # Shorter addresses reach Django.
    response, _ = get(port, "/healthz?q=" + "a" * 10_000)
    assert response.status == 200


def test_gunicorn_answers_an_address_too_long_with_the_sites_page(start):
    # gunicorn.conf.py, as `make serve` and the image use it (one worker is enough here).
    port = start(
        [str(BIN / "gunicorn"), "--bind", "127.0.0.1:0", "--workers", "1"],
        r"Listening at: http://127\.0\.0\.1:(\d+)",
        WEB_CONCURRENCY="1",
    )
    get(port, "/en/")  # the worker's thread keeps English active
    # Longer than the 8 KB request line of gunicorn's maximum and of nginx's buffers…
    assert_branded_414(*get(port, "/fr/?q=" + "a" * 9000))
    # gunicorn does not say which line it refused: French first, whatever the address.
    assert_branded_414(*get(port, "/en/?q=" + "a" * 9000))
    # …while an address nginx lets through reaches Django (gunicorn's default stops at 4 KB).
    response, _ = get(port, "/healthz?q=" + "a" * 8000)
    assert response.status == 200


def test_a_gunicorn_worker_hides_what_it_loaded_at_start_from_the_garbage_collector():
    # gunicorn.conf.py's post_worker_init, run as a worker runs it: once the site is loaded.
    script = (
        "import gc, runpy, django\n"
        "bare = len(gc.get_objects())\n"
        "django.setup()\n"
        "conf = runpy.run_path('gunicorn.conf.py')\n"
        "before = gc.get_freeze_count()\n"
        "conf['post_worker_init'](None)\n"
        "print(bare, before, gc.get_freeze_count())\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "ciso.settings_test"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    bare, before, after = map(int, output.split())
    # Django, Wagtail and the site: many times what a bare interpreter holds.
    assert before == 0 and after > 5 * bare
