"""What a page costs in Python, counted in instructions by valgrind's callgrind: the same figure
on every run, whatever else the machine does (the timings of `make bench` move with it).

    python -m tests.bench.instructions [--requests 10] PATH...

Each path is requested in a Django process of its own, with the benchmark's settings and
nothing cached (tests.bench.runner.site_env, CISO_PAGE_CACHE=0) on DATABASE_URL (the
benchmark's database by default, as `make bench` leaves it: at volume): three requests to warm
up, then the start-up objects frozen as a gunicorn worker freezes them, then `--requests`
counted. It prints millions of instructions a request. PostgreSQL's work is not in it (another
process). Needs valgrind (`apt-get install valgrind`).
"""

import argparse
import os
import re
import shutil
import subprocess
import sys

from tests.bench.runner import ROOT, site_env

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/ciso_bench"
REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def count(path, *, requests=10, database_url=None, **settings):
    """Millions of instructions a request of `path` costs in a process of the site (with
    `settings` as environment variables: DEBUG="true"…)."""
    env = (
        site_env(
            database_url or os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL), page_cache=False
        )
        | settings
    )
    result = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--instr-atstart=no",  # at full speed until the warm-up is over
            f"--callgrind-out-file={os.devnull}",
            sys.executable,
            "-m",
            "tests.bench.instructions",
            "--child",
            f"--requests={requests}",
            path,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    found = REFS.search(result.stderr)
    if result.returncode or not found:
        raise RuntimeError(f"callgrind failed on {path}:\n{result.stdout}{result.stderr}")
    return int(found[1].replace(",", "")) / requests / 1e6


def child(path, requests):
    """In the process valgrind runs: warm up, then count `requests` of `path`."""
    import gc
    import io

    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler

    handler = WSGIHandler()
    address, _, query = path.partition("?")

    def get():
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": address,
            "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "HTTP_HOST": "127.0.0.1",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
        }
        statuses = []
        response = handler(environ, lambda status, headers, exc_info=None: statuses.append(status))
        b"".join(response)
        response.close()
        if not statuses[0].startswith("200"):
            raise SystemExit(f"{path}: {statuses[0]}")

    for _ in range(3):
        get()
    gc.collect()
    gc.freeze()  # as gunicorn.conf.py's post_worker_init
    control = ["callgrind_control", "-i"]
    subprocess.run([*control, "on", str(os.getpid())], check=True, capture_output=True)
    for _ in range(requests):
        get()
    subprocess.run([*control, "off", str(os.getpid())], check=True, capture_output=True)


def main():
    parser = argparse.ArgumentParser(
        prog="python -m tests.bench.instructions", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("paths", nargs="+", metavar="PATH")
    args = parser.parse_args()
    if args.child:
        return child(args.paths[0], args.requests)
    if not shutil.which("valgrind"):
        sys.exit("valgrind is missing: apt-get install valgrind")
    for path in args.paths:
        print(f"{count(path, requests=args.requests):8.2f} M instructions a request  {path}")


if __name__ == "__main__":
    main()
