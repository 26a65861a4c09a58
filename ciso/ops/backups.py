"""Backups of the site: the PostgreSQL database (pg_dump's custom format) and the uploaded files
(a .tar.gz of MEDIA_ROOT), taken together under one timestamped name:

    var/backups/ciso-20250603-142500.dump
    var/backups/ciso-20250603-142500-media.tar.gz

Used by the `backup` and `restore` management commands (`make backup`, `make restore`).
"""

import os
import subprocess
import tarfile
from pathlib import Path

import environ
from django.conf import settings
from django.core.management.base import CommandError
from django.utils import timezone

from ciso import caching

DUMP_SUFFIX = ".dump"
MEDIA_SUFFIX = "-media.tar.gz"


class Database:
    """Where pg_dump and pg_restore connect: the site's database, or one given as a URL."""

    def __init__(self, url=None):
        config = environ.Env.db_url_config(url) if url else settings.DATABASES["default"]
        if "postgresql" not in config["ENGINE"]:
            raise CommandError(
                "Backups need PostgreSQL (DATABASE_URL); with SQLite, copy var/ciso.sqlite3."
            )
        self.name = config["NAME"]
        self.options = []
        for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
            if config.get(key):
                self.options += [option, str(config[key])]
        self.password = config.get("PASSWORD") or ""

    def run(self, program, *arguments):
        env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
        if self.password:
            env["PGPASSWORD"] = self.password  # not on the command line, where `ps` shows it
        command = [program, *self.options, "--dbname", self.name, *arguments]
        try:
            result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        except FileNotFoundError as error:
            raise CommandError(
                f"{program} is not installed (Debian: apt install postgresql-client)."
            ) from error
        if result.returncode != 0:
            raise CommandError(f"{program} failed:\n{result.stderr.strip()}")
        return result


def backup(directory, *, database=None, media_root=None):
    """Dump the database and archive the media; return the two paths."""
    database = database or Database()
    media_root = Path(media_root or settings.MEDIA_ROOT)
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    stem = "ciso-" + timezone.localtime().strftime("%Y%m%d-%H%M%S")
    dump, media = directory / (stem + DUMP_SUFFIX), directory / (stem + MEDIA_SUFFIX)
    if dump.exists() or media.exists():
        raise CommandError(f"{stem} exists already in {directory}; try again in a second.")
    # Written under a temporary name: an interrupted backup leaves no file that looks whole.
    partial = directory / (stem + ".partial")
    try:
        database.run("pg_dump", "--format=custom", "--file", str(partial))
        partial.rename(dump)
        with tarfile.open(partial, "w:gz") as archive:
            if media_root.is_dir():
                archive.add(media_root, arcname=".")
        partial.rename(media)
    finally:
        partial.unlink(missing_ok=True)
    return dump, media


def backup_files(path):
    """The dump and media archive of a backup named by either file or by their common stem."""
    path = str(path)
    for suffix in (DUMP_SUFFIX, MEDIA_SUFFIX):
        if path.endswith(suffix):
            path = path[: -len(suffix)]
    dump, media = Path(path + DUMP_SUFFIX), Path(path + MEDIA_SUFFIX)
    if not dump.is_file():
        raise CommandError(f"No database dump at {dump}.")
    return dump, media if media.is_file() else None


def restore(dump, media=None, *, database=None, media_root=None):
    """Replace the database's content with the dump's, then unpack the media archive."""
    database = database or Database()
    # One transaction: a restore that fails half-way leaves the database as it was.
    database.run(
        "pg_restore",
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        str(dump),
    )
    # The dump holds the page cache's generation of its day: pages kept since then under it
    # must not come back (ciso/caching.py).
    database.run("psql", "--quiet", "--no-psqlrc", "--command", caching.EMPTY_SQL)
    if media is not None:
        media_root = Path(media_root or settings.MEDIA_ROOT)
        media_root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(media) as archive:
            # The "data" filter refuses absolute paths, links out of the folder, devices…
            archive.extractall(media_root, filter="data")
