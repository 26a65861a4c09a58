"""Stop `make test` early, with a useful message, when no PostgreSQL server answers."""

import os
import sys

import environ
import psycopg

url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ciso")
config = environ.Env.db_url_config(url)
if "postgresql" not in config["ENGINE"]:
    sys.exit(f"The tests run on PostgreSQL, but DATABASE_URL is {url!r}.")
try:
    # The maintenance database: the test database itself is created by the test run.
    psycopg.connect(
        dbname="postgres",
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
        connect_timeout=5,
    ).close()
except psycopg.OperationalError as error:
    sys.exit(
        f"No PostgreSQL server answers at {url}:\n  {str(error).strip()}\n"
        "Start one, then run `make test` again:\n"
        "  - with Docker: docker run -d -p 127.0.0.1:5432:5432 "
        "-e POSTGRES_HOST_AUTH_METHOD=trust postgres:16\n"
        "  - a local install: apt install postgresql, with trust authentication for the user "
        "postgres on 127.0.0.1\n"
        "  - any server: DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/ciso make test"
    )
