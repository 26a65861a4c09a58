"""The benchmark behind `make bench`: the site under gunicorn with production settings on
PostgreSQL, loaded with wrk from a second process on loopback.

For each page type it prints requests/s, p50 and p99 latency, SQL queries per request and
HTML bytes in three modes, beside the same figures for a trivial Django view measured in the
same run (the framework floor; the ratios to it are what stays stable on a noisy machine):

- cold: no cache of what pages show (CISO_PAGE_CACHE=0, CISO_FRAGMENT_CACHE=0), every request
  is built from the database, as the first one after staff changed something;
- uncached: the page cache off (CISO_PAGE_CACHE=0), the fragment cache on (routes and the
  costly parts of pages, kept under the content version): a page that the page cache does not
  hold (another query string, a visitor or staff member with a session);
- cached: both on, as production serves anonymous visitors.
 It runs on the initial content, then again after generating more (500
projects and 200 milestones by default), and ends with a load test over every page type in
both languages that must end with zero errors.

    python -m ciso.bench [--duration 10] [--load-seconds 60] [--connections 32]

It works in a database of its own (BENCH_DATABASE_URL, dropped and created again), never in
the site's. wrk comes from Debian (`apt-get install wrk`).
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

PAGES = [
    ("home", "/fr/"),
    ("history", "/fr/historique/"),
    ("achievements", "/fr/realisations/"),
    ("project index", "/fr/projets/"),
    ("project index, filtered", "/fr/projets/?country=ht&status=completed"),
    ("project page", "/fr/projets/konbit-haiti/"),
    ("country page", "/fr/projets/pays/haiti/"),
    ("search", "/fr/recherche/?q=syndicats"),
]
FLOOR = ("trivial Django view (floor)", "/bench/floor/")
# The load test: every page type, in both languages.
LOAD_PATHS = [path for _name, path in PAGES] + [
    "/en/",
    "/en/history/",
    "/en/achievements/",
    "/en/projects/",
    "/en/projects/?country=mx",
    "/en/projects/countries/haiti/",
    "/en/search/?q=unions",
    "/fr/mission-et-actions/",
    "/en/mission-and-activities/",
]


MODES = {  # name: (page cache, fragment cache)
    "cold": (False, False),
    "uncached": (False, True),
    "cached": (True, True),
}


def bench_env(database_url, *, page_cache, fragments=True):
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "ciso.settings",
            "DEBUG": "false",
            "SECRET_KEY": env.get("SECRET_KEY") or "benchmark-only-" + "x" * 50,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": database_url,
            "STATIC_ROOT": str(BASE_DIR / "var" / "bench-static"),
            "MEDIA_ROOT": str(BASE_DIR / "var" / "bench-media"),
            # Its own: a test run or `make serve` on this checkout must not touch it.
            "CONTENT_VERSION_FILE": str(BASE_DIR / "var" / "bench-content-version"),
            "CISO_PAGE_CACHE": "1" if page_cache else "0",
            "CISO_FRAGMENT_CACHE": "1" if fragments else "0",
            "BENCHMARK_FLOOR": "true",
            # Plain HTTP on loopback: the benchmark has no TLS proxy in front.
            "SECURE_SSL_REDIRECT": "false",
            "LOG_LEVEL": "ERROR",
        }
    )
    return env


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=BASE_DIR, env=env, check=True)


def recreate_database(database_url):
    import psycopg2

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    admin = psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password or None,
        dbname="postgres",
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    """gunicorn serving the site, as `make serve` does, for the length of a `with` block."""

    def __init__(self, env, workers):
        self.env, self.workers, self.port = env, workers, free_port()

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "ciso.wsgi:application",
                f"--bind=127.0.0.1:{self.port}",
                f"--workers={self.workers}",
                "--worker-class=sync",
                "--log-level=warning",
                # gunicorn.conf.py's access log and worker recycling would skew the figures.
                "--access-logfile=/dev/null",
                "--max-requests=0",
            ],
            cwd=BASE_DIR,
            env=self.env,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url(FLOOR[1]), timeout=2)
                return self
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError("gunicorn did not start")

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


LATENCY = re.compile(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s)\s*$", re.M)
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url, *, seconds, connections, script=None):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout=10s"]
    if script:
        command += ["-s", script]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    result = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "non_2xx_3xx": int((re.search(r"Non-2xx or 3xx responses: (\d+)", output) or [0, 0])[1]),
        "socket_errors": sum(
            int(n)
            for n in (
                re.search(
                    r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
                )
                or re.match("()", "")
            ).groups()
            if n
        ),
    }
    for percentile, value, unit in LATENCY.findall(output):
        result[f"p{percentile}"] = float(value) * UNITS[unit]
    return result


def measure_queries(paths):
    """Queries and HTML bytes of each page in each mode (the second request; cold: with the
    fragment cache emptied before it), in this process (run with the benchmark's environment:
    `python -m ciso.bench --measure …`)."""
    import django

    django.setup()
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()  # lets the test client run outside of a test
    results = {}
    for mode, (page_cache, _fragments) in MODES.items():
        caches["pages"].clear()
        with override_settings(WAGTAIL_CACHE=page_cache, ALLOWED_HOSTS=["*"]):
            client = Client()
            for path in paths:
                client.get(path)
                if mode == "cold":
                    caches["fragments"].clear()
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(path)
                entry = results.setdefault(path, {"status": response.status_code})
                entry[mode] = len(queries)
                entry["bytes"] = len(response.content)
    print(json.dumps(results))


def run_measure(env, paths):
    output = subprocess.run(
        [PYTHON, "-m", "ciso.bench", "--measure", *paths],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def bench_volume(label, database_url, args):
    paths = [FLOOR[1]] + [path for _name, path in PAGES]
    counts = run_measure(bench_env(database_url, page_cache=False), paths)
    rows = {}
    for mode, (page_cache, fragments) in MODES.items():
        env = bench_env(database_url, page_cache=page_cache, fragments=fragments)
        with Gunicorn(env, args.workers) as server:
            for _name, path in [FLOOR, *PAGES]:  # warm up: imports, connections, caches
                wrk(server.url(path), seconds=2, connections=args.connections)
            for _name, path in [FLOOR, *PAGES]:
                rows[(path, mode)] = wrk(
                    server.url(path), seconds=args.duration, connections=args.connections
                )
            # The floor again at the end: the two measures bracket the pages', and their mean
            # is the reference (a busy machine drifts during a run).
            last = wrk(server.url(FLOOR[1]), seconds=args.duration, connections=args.connections)
            first = rows[(FLOOR[1], mode)]
            rows[(FLOOR[1], mode)] = {
                key: (first[key] + last[key]) / 2 for key in ("rps", "p50", "p99")
            }
    print(f"\n## {label}\n")
    header = " | ".join(f"{mode} req/s | p50 ms | p99 ms | ratio" for mode in MODES)
    print(f"| page | {header} | queries | HTML bytes |")
    print("|---|" + "---:|" * (4 * len(MODES) + 2))
    floor = {mode: rows[(FLOOR[1], mode)]["rps"] for mode in MODES}
    for name, path in [FLOOR, *PAGES]:
        cells = []
        for mode in MODES:
            row = rows[(path, mode)]
            cells += [
                f"{row['rps']:.0f}",
                f"{row.get('p50', 0):.1f}",
                f"{row.get('p99', 0):.1f}",
                f"{row['rps'] / floor[mode]:.2f}",
            ]
        count = counts[path]
        queries = " / ".join(str(count[mode]) for mode in MODES)
        print(f"| {name} | " + " | ".join(cells) + f" | {queries} | {count['bytes']} |")
        if count["status"] != 200:
            print(f"  !! {path} answered {count['status']}")
    print(
        "\nratio: requests/s over the trivial view's in the same mode; queries: "
        + " / ".join(MODES)
        + "."
    )


def load_test(database_url, args):
    paths = ", ".join(json.dumps(path) for path in LOAD_PATHS)
    env = bench_env(database_url, page_cache=True)
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(
            f"local paths = {{{paths}}}\nlocal n = 0\n"
            "request = function()\n  n = n + 1\n"
            "  return wrk.format('GET', paths[(n % #paths) + 1])\nend\n"
        )
        script.flush()
        with Gunicorn(env, args.workers) as server:
            result = wrk(
                server.url("/"),
                seconds=args.load_seconds,
                connections=args.connections,
                script=script.name,
            )
    errors = result["non_2xx_3xx"] + result["socket_errors"]
    print(
        f"\n## Load test: {args.load_seconds} s, {len(LOAD_PATHS)} addresses (every page type, "
        f"both languages), {args.connections} connections, page cache on\n\n"
        f"{result['requests']} requests, {result['rps']:.0f} req/s, p50 {result['p50']:.1f} ms, "
        f"p99 {result['p99']:.1f} ms, errors: {errors}"
    )
    return errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per page and mode")
    parser.add_argument("--load-seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--projects", type=int, default=500)
    parser.add_argument("--milestones", type=int, default=200)
    parser.add_argument("--measure", nargs="+", metavar="PATH", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        return measure_queries(args.measure)
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")

    database_url = os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ciso_bench"
    )
    recreate_database(database_url)
    env = bench_env(database_url, page_cache=False)
    for command in (
        ["migrate", "--noinput", "--verbosity=0"],
        ["load_initial_content"],
        ["collectstatic", "--noinput", "--verbosity=0"],
    ):
        manage(env, *command)
    print(
        f"# CISO benchmark: gunicorn {args.workers} sync workers, wrk {args.connections} "
        f"connections, {args.duration} s per page and mode, {os.cpu_count()} CPUs"
    )
    bench_volume("Initial content", database_url, args)
    manage(
        env,
        "bench_content",
        f"--projects={args.projects}",
        f"--milestones={args.milestones}",
        "--yes-this-is-a-benchmark-database",
    )
    # As autovacuum would after such a change: the planner's statistics match the new volume.
    manage(env, "dbshell", "--", "-c", "ANALYZE")
    bench_volume(
        f"With {args.projects} more projects and {args.milestones} more milestones",
        database_url,
        args,
    )
    errors = load_test(database_url, args)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
