"""The benchmark behind `make bench`: the site as production runs it (gunicorn with the site's
gunicorn.conf.py, DEBUG off, PostgreSQL), loaded with wrk from a second process on loopback.

For each page type it prints requests/s, p50 and p99 latency, SQL queries per request and
HTML bytes in two modes:

- uncached: the page cache off (CISO_PAGE_CACHE=0): every request is built from the database,
  as the first one after a publish, or any request of a visitor with a session;
- cached: the application's page cache on, as production serves anonymous visitors.

Ratios are to the framework floor measured in the same run: a plain Django project
(tests/bench/floor/: `startproject`'s middleware, one template of about a page's size) under
the same gunicorn settings. The floor's page through the site's own middleware is shown as a
second reference. When nginx is installed, the pages are also measured through a real nginx
running deploy/nginx/ciso.conf, against a static file of the same size served by that nginx.

It runs on the initial content, then again after generating more (500 projects and 200
milestones by default), then measures how a worker's memory grows with the requests it
serves, and ends with a load test over every page type in both languages that must end with
zero errors.

    python -m tests.bench [--duration 10] [--load-seconds 60] [--connections 32]

It works in a database of its own (BENCH_DATABASE_URL, dropped and created again), never in
the site's, and writes under var/bench/. BENCH_REDIS_URL puts the caches in that Redis
database (as the compose stack does) instead of each worker's memory. wrk comes from Debian
(`apt-get install wrk`).
"""

import argparse
import itertools
import json
import os
import re
import runpy
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

from tests.nginx import NGINX, main_conf, site_conf

ROOT = Path(__file__).resolve().parents[2]
VAR = ROOT / "var" / "bench"
PYTHON = sys.executable
SITE_GUNICORN_CONF = ROOT / "gunicorn.conf.py"
FLOOR_GUNICORN_CONF = ROOT / "tests" / "bench" / "floor" / "gunicorn.conf.py"

FLOOR_PATH = "/bench/floor/"  # in the floor project, and in the site under site_settings
PLAIN_FLOOR = "Django floor (startproject, 20 KB template)"
SITE_FLOOR = "same page through the site's middleware"
PAGES = [
    ("home", "/fr/"),
    ("history", "/fr/historique/"),
    ("achievements", "/fr/realisations/"),
    ("project index", "/fr/projets/"),
    ("project index, filtered", "/fr/projets/?country=ht&status=completed"),
    ("project page", "/fr/projets/konbit-haiti/"),
    ("country page", "/fr/projets/pays/haiti/"),
    ("search", "/fr/recherche/?q=syndicats"),
    ("members page", "/fr/membres/"),
    ("news index", "/fr/nouvelles/"),
    ("news article", "/fr/nouvelles/signature-projet-konbit/"),
    ("events page", "/fr/activites/"),
    ("event page", "/fr/activites/exposition-cinquantenaire/"),
]
# The load test and the memory measure: every page type, in both languages.
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
    "/en/members/",
    "/en/news/?category=cooperation",
    "/en/events/",
]
MODES = {"uncached": False, "cached": True}  # mode: the page cache on


def site_env(database_url, *, page_cache, redis_url=None, workers=None):
    """The environment of the site's processes: production settings (and the floor's route,
    tests/bench/site_settings.py) on the benchmark's own database, files and caches."""
    env = {
        name: value
        for name, value in os.environ.items()
        # Nothing of the site's own configuration: its caches are not the benchmark's.
        if name not in ("REDIS_URL", "CACHE_URL", "PAGE_CACHE_URL", "WEB_CONCURRENCY", "PORT")
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "tests.bench.site_settings",
            "DEBUG": "false",
            "SECRET_KEY": env.get("SECRET_KEY") or "benchmark-only-" + "x" * 50,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": database_url,
            "STATIC_ROOT": str(VAR / "static"),
            "MEDIA_ROOT": str(VAR / "media"),
            "CISO_PAGE_CACHE": "1" if page_cache else "0",
            # Plain HTTP on loopback: the benchmark has no TLS proxy in front.
            "SECURE_SSL_REDIRECT": "false",
        }
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    if workers:
        env["WEB_CONCURRENCY"] = str(workers)
    return env


def floor_env(workers=None):
    env = {k: v for k, v in os.environ.items() if k not in ("WEB_CONCURRENCY", "PORT")}
    env["DJANGO_SETTINGS_MODULE"] = "tests.bench.floor.settings"
    if workers:
        env["WEB_CONCURRENCY"] = str(workers)
    return env


def manage(env, *args):
    # What the commands report is not the benchmark's; their errors still show (stderr).
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def connect(database_url, dbname=None):
    import psycopg

    parts = urlsplit(database_url)
    connection = psycopg.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password or None,
        dbname=dbname or parts.path.lstrip("/"),
    )
    connection.autocommit = True
    return connection


def recreate_database(database_url):
    name = urlsplit(database_url).path.lstrip("/")
    admin = connect(database_url, "postgres")
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def analyze(database_url):
    # As autovacuum would after a large change: the planner's statistics match the volume.
    connection = connect(database_url)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    connection.close()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_kib(pid):
    """A process's resident memory, KiB."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.M).group(1))


class Gunicorn:
    """gunicorn with a configuration file (the site's gunicorn.conf.py, as `make serve` and
    the image run it, or the floor's copy of it), for the length of a `with` block. The port
    and the number of workers come from the environment (PORT, WEB_CONCURRENCY), as in
    production. What gunicorn writes (its access log on stdout, its own log on stderr) goes to
    <directory>/<name>.log."""

    def __init__(self, env, *, name, config=SITE_GUNICORN_CONF, options=(), directory=VAR):
        self.port = free_port()
        self.env = {**env, "PORT": str(self.port)}
        self.config, self.log = config, directory / f"{name}.log"
        self.options = [
            # On loopback only, rather than gunicorn.conf.py's 0.0.0.0…
            f"--bind=127.0.0.1:{self.port}",
            # …and a control socket of its own: the floor's and the site's run side by side.
            f"--control-socket={directory / name}.ctl",
            *options,
        ]

    def __enter__(self):
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [PYTHON, "-m", "gunicorn", "-c", str(self.config), *self.options],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped; see {self.log}")
            try:
                urllib.request.urlopen(self.url(FLOOR_PATH), timeout=5).read()
                return self
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError(f"gunicorn did not start; see {self.log}")

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def workers(self):
        """The process ids of the workers running now."""
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:  # gone meanwhile
                continue
            if int(fields[1]) == self.process.pid:
                pids.append(int(stat.parent.name))
        return sorted(pids)

    def log_text(self):
        return self.log.read_text(errors="replace")

    def worker_starts(self):
        return self.log_text().count("Booting worker with pid")

    def access_log_lines(self):
        return len(re.findall(r'^\S+ \S+ \S+ \[[^]]+\] "GET ', self.log_text(), re.M))

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=60)


class Nginx:
    """A real nginx running deploy/nginx/ciso.conf (tests/nginx.py adapts its compose names)
    in front of a gunicorn, with the nginx image's worker settings and access log; its files
    in `directory`."""

    def __init__(self, upstream_port, *, directory=VAR / "nginx", static=VAR / "static",
                 media=VAR / "media"):  # fmt: skip
        self.port, self.upstream_port = free_port(), upstream_port
        self.directory, self.static, self.media = directory, static, media

    def __enter__(self):
        shutil.rmtree(self.directory, ignore_errors=True)
        self.directory.mkdir(parents=True)
        site = site_conf(
            upstream=self.upstream_port,
            port=self.port,
            static=self.static,
            media=self.media,
            cache=self.directory / "cache",
        )
        conf = main_conf(
            self.directory,
            site,
            workers="auto",
            connections=1024,
            access_log=self.directory / "access.log",
        )
        self.process = subprocess.Popen(
            [NGINX, "-c", str(conf), "-p", str(self.directory),
             "-e", str(self.directory / "error.log"), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(self.process.stderr.read().decode()) from None
                time.sleep(0.05)
        self.__exit__()
        raise RuntimeError("nginx did not start")

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)


LATENCY = re.compile(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s)\s*$", re.M)
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}
SOCKET_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")


def parse_wrk(output):
    """wrk's report (with --latency) as numbers: requests/s, requests, responses other than
    2xx or 3xx, socket errors, and p50 and p99 in milliseconds."""
    errors = SOCKET_ERRORS.search(output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    result = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "non_2xx_3xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": sum(int(n) for n in errors.groups()) if errors else 0,
    }
    for percentile, value, unit in LATENCY.findall(output):
        result[f"p{percentile}"] = float(value) * UNITS[unit]
    return result


def wrk(url, *, seconds, connections, script=None):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout=10s"]
    if script:
        command += ["-s", script]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


def errors_of(result):
    return result["non_2xx_3xx"] + result["socket_errors"]


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


def measure_queries(paths):
    """Status, queries and HTML bytes of each page (its second request), in this process,
    run with a mode's environment: `python -m tests.bench --measure PATH…`."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()  # lets the test client run outside of a test
    client = Client()
    results = {}
    for path in paths:
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        results[path] = {
            "status": response.status_code,
            "queries": len(queries),
            "bytes": len(response.content),
        }
    print(json.dumps(results))


def run_in_django(env, *arguments):
    """This module with `arguments`, in a process of its own with `env` (Django set up there)."""
    output = subprocess.run(
        [PYTHON, "-m", "tests.bench", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return output.strip().splitlines()[-1] if output.strip() else ""


def generate_content(projects, milestones):
    import django

    django.setup()
    from tests.bench.content import generate

    # As many news articles and events as milestones.
    generate(projects=projects, milestones=milestones, articles=milestones, events=milestones)
    print(f"Added {projects} projects, {milestones} milestones, news articles and events.")


class Run:
    """One run of the benchmark: its options and what went wrong."""

    def __init__(self, args, database_url):
        self.args, self.database_url = args, database_url
        self.problems = []

    def env(self, *, page_cache, workers=None):
        return site_env(
            self.database_url,
            page_cache=page_cache,
            redis_url=self.args.redis_url,
            workers=workers or self.args.workers,
        )

    def wrk(self, url, seconds=None, **options):
        result = wrk(
            url,
            seconds=seconds or self.args.duration,
            connections=self.args.connections,
            **options,
        )
        if errors_of(result):
            self.problems.append(f"{url}: {errors_of(result)} errors")
        return result

    def volume(self, label, floor):
        """The table of one volume of content; `floor` is the floor project's gunicorn."""
        paths = [FLOOR_PATH] + [path for _name, path in PAGES]
        counts = {
            mode: json.loads(run_in_django(self.env(page_cache=cached), "--measure", *paths))
            for mode, cached in MODES.items()
        }
        plain_bytes = len(fetch(floor.url(FLOOR_PATH)))
        rows, restarts, through_nginx = {}, {}, None
        for mode, cached in MODES.items():
            with Gunicorn(self.env(page_cache=cached), name=f"site-{mode}") as server:
                targets = [(SITE_FLOOR, server.url(FLOOR_PATH))] + [
                    (name, server.url(path)) for name, path in PAGES
                ]
                for _name, url in [(PLAIN_FLOOR, floor.url(FLOOR_PATH)), *targets]:
                    self.wrk(url, seconds=2)  # warm up: imports, connections, caches
                started = server.worker_starts()
                # The floor before and after each page: the mean of the two measures around a
                # page is its reference (a busy machine drifts during a run).
                floors = [self.wrk(floor.url(FLOOR_PATH))]
                for name, url in targets:
                    rows[(name, mode)] = self.wrk(url)
                    floors.append(self.wrk(floor.url(FLOOR_PATH)))
                    rows[(name, mode)]["floor_rps"] = (floors[-2]["rps"] + floors[-1]["rps"]) / 2
                rows[(PLAIN_FLOOR, mode)] = {
                    key: sum(run.get(key, 0) for run in floors) / len(floors)
                    for key in ("rps", "p50", "p99")
                }
                restarts[mode] = server.worker_starts() - started
                if cached and NGINX:
                    through_nginx = self.through_nginx(server)
        self.print_volume(label, rows, counts, plain_bytes, restarts)
        if through_nginx:
            self.print_nginx(through_nginx)

    def through_nginx(self, server):
        """Each page through nginx, beside a static file of the same bytes from that nginx."""
        twins = VAR / "static" / "bench"
        twins.mkdir(parents=True, exist_ok=True)
        rows = []
        with Nginx(server.port) as nginx:
            for n, (name, path) in enumerate(PAGES):
                (twins / f"{n}.html").write_bytes(fetch(server.url(path)))
                self.wrk(nginx.url(path), seconds=2)
                page = self.wrk(nginx.url(path))
                static = self.wrk(nginx.url(f"/static/bench/{n}.html"))
                rows.append((name, page, static))
        return rows

    def print_volume(self, label, rows, counts, plain_bytes, restarts):
        print(f"\n## {label}\n")
        header = " | ".join(f"{mode} req/s | p50 ms | p99 ms | ratio" for mode in MODES)
        print(f"| page | {header} | queries | HTML bytes |")
        print("|---|" + "---:|" * (4 * len(MODES) + 2))
        for name, path in [(PLAIN_FLOOR, None), (SITE_FLOOR, FLOOR_PATH), *PAGES]:
            cells = []
            for mode in MODES:
                row = rows[(name, mode)]
                cells += [
                    f"{row['rps']:.0f}",
                    f"{row.get('p50', 0):.1f}",
                    f"{row.get('p99', 0):.1f}",
                    f"{row['rps'] / row.get('floor_rps', row['rps']):.2f}",
                ]
            if path is None:
                queries, size = " / ".join("0" for _mode in MODES), plain_bytes
            else:
                queries = " / ".join(str(counts[mode][path]["queries"]) for mode in MODES)
                size = counts["cached"][path]["bytes"]
                for mode in MODES:
                    if counts[mode][path]["status"] != 200:
                        self.problems.append(f"{path} answered {counts[mode][path]['status']}")
            print(f"| {name} | " + " | ".join(cells) + f" | {queries} | {size} |")
        print(
            "\nratio: requests/s over the Django floor's measured just before and after; "
            "the floor's row: the mean of those measures; queries: "
            + " / ".join(MODES)
            + ". Worker restarts during the measures (gunicorn.conf.py's max_requests): "
            + ", ".join(f"{mode} {count}" for mode, count in restarts.items())
            + "."
        )

    def print_nginx(self, rows):
        print(
            "\nThrough nginx (deploy/nginx/ciso.conf) in front of the cached mode's gunicorn; "
            "ratio: requests/s over those of a static file of the same bytes from that nginx.\n"
        )
        print("| page | req/s | p50 ms | p99 ms | static file req/s | ratio |")
        print("|---|---:|---:|---:|---:|---:|")
        for name, page, static in rows:
            print(
                f"| {name} | {page['rps']:.0f} | {page.get('p50', 0):.1f} | "
                f"{page.get('p99', 0):.1f} | {static['rps']:.0f} | "
                f"{page['rps'] / static['rps']:.2f} |"
            )

    def memory(self):
        """A worker's resident memory as it serves requests over every page type, nothing
        cached (every request builds its page), with worker recycling off for this measure
        only: what gunicorn.conf.py's max_requests is chosen from."""
        total, steps = self.args.memory_requests, 4
        urls = itertools.cycle(LOAD_PATHS)
        env = self.env(page_cache=False, workers=1)
        with Gunicorn(env, name="memory", options=["--max-requests=0"]) as server:
            [worker] = server.workers()
            start = rss_kib(worker)
            with ThreadPoolExecutor(4) as pool:

                def serve(count):
                    paths = [next(urls) for _ in range(count)]
                    list(pool.map(fetch, [server.url(path) for path in paths]))

                serve(3 * len(LOAD_PATHS))  # every page once built: imports, templates
                warm = rss_kib(worker)
                samples = []
                for _ in range(steps):
                    serve(total // steps)
                    samples.append(rss_kib(worker))
            if server.workers() != [worker]:
                self.problems.append("the measured worker restarted")
        growth = samples[-1] - warm
        print(
            f"\n## Memory of a worker ({total} requests over the {len(LOAD_PATHS)} addresses, "
            "page cache off, recycling off)\n\n"
            f"RSS {start / 1024:.1f} MiB at start, {warm / 1024:.1f} MiB once every page was "
            f"served, then "
            + ", ".join(f"{s / 1024:.1f}" for s in samples)
            + f" MiB every {total // steps} requests: {growth / 1024:+.1f} MiB after "
            f"{total} requests ({growth * 1024 / total:+.0f} bytes a request)."
        )

    def load_test(self):
        paths = ", ".join(json.dumps(path) for path in LOAD_PATHS)
        with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
            script.write(
                f"local paths = {{{paths}}}\nlocal n = 0\n"
                "request = function()\n  n = n + 1\n"
                "  return wrk.format('GET', paths[(n % #paths) + 1])\nend\n"
            )
            script.flush()
            with Gunicorn(self.env(page_cache=True), name="site-load") as server:
                self.wrk(server.url("/"), seconds=2, script=script.name)  # warm up
                started = server.worker_starts()
                result = self.wrk(
                    server.url("/"), seconds=self.args.load_seconds, script=script.name
                )
                restarts = server.worker_starts() - started
            logged = server.access_log_lines()
        print(
            f"\n## Load test: {self.args.load_seconds} s, {len(LOAD_PATHS)} addresses (every "
            f"page type, both languages), {self.args.connections} connections, page cache on"
            f"\n\n{result['requests']} requests, {result['rps']:.0f} req/s, "
            f"p50 {result['p50']:.1f} ms, p99 {result['p99']:.1f} ms, "
            f"errors: {errors_of(result)}; {restarts} worker restarts; "
            f"{logged} lines in gunicorn's access log ({server.log.relative_to(ROOT)})"
        )


def gunicorn_settings(workers):
    """What gunicorn.conf.py sets, read as gunicorn reads it in the site's environment."""
    saved = dict(os.environ)
    os.environ.pop("WEB_CONCURRENCY", None)
    os.environ.update({"WEB_CONCURRENCY": str(workers)} if workers else {})
    try:
        return runpy.run_path(str(SITE_GUNICORN_CONF))
    finally:
        os.environ.clear()
        os.environ.update(saved)


def main():
    parser = argparse.ArgumentParser(
        prog="python -m tests.bench", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds per page and mode")
    parser.add_argument("--load-seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument(
        "--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py's choice)"
    )
    parser.add_argument("--projects", type=int, default=500)
    parser.add_argument("--milestones", type=int, default=200)
    parser.add_argument(
        "--memory-requests", type=int, default=20_000, help="requests of the memory measure"
    )
    parser.add_argument("--measure", nargs="+", metavar="PATH", help=argparse.SUPPRESS)
    parser.add_argument("--generate", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        return measure_queries(args.measure)
    if args.generate:
        return generate_content(args.projects, args.milestones)
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    args.redis_url = os.environ.get("BENCH_REDIS_URL")
    database_url = os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ciso_bench"
    )
    run = Run(args, database_url)

    recreate_database(database_url)
    env = run.env(page_cache=False)
    for command in (
        ["migrate", "--noinput", "--verbosity=0"],
        ["load_initial_content"],
        ["collectstatic", "--noinput", "--verbosity=0"],
        ["render_error_pages", "--verbosity=0"],
    ):
        manage(env, *command)
    conf = gunicorn_settings(args.workers)
    recycling = (
        f"max_requests {conf['max_requests']} + up to {conf.get('max_requests_jitter', 0)}"
        if conf.get("max_requests")
        else "no worker recycling"
    )
    print(
        f"# CISO benchmark: gunicorn.conf.py ({conf['workers']} sync workers, {recycling}, "
        f"access log), wrk {args.connections} connections, {args.duration} s per page and "
        f"mode, {os.cpu_count()} CPUs, caches in "
        + ("Redis (BENCH_REDIS_URL)" if args.redis_url else "each worker's memory")
        + (f", nginx {NGINX}" if NGINX else ", no nginx installed")
    )
    with Gunicorn(floor_env(args.workers), name="floor", config=FLOOR_GUNICORN_CONF) as floor:
        run.volume("Initial content", floor)
        print(
            "\n"
            + run_in_django(
                env,
                "--generate",
                f"--projects={args.projects}",
                f"--milestones={args.milestones}",
            )
        )
        analyze(database_url)
        run.volume(
            f"With {args.projects} more projects and {args.milestones} more milestones", floor
        )
    run.memory()
    run.load_test()
    if run.problems:
        print("\n!! " + "\n!! ".join(run.problems))
    sys.exit(1 if run.problems else 0)
