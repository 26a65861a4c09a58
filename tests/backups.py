"""A backup taken and restored into the database that the running site (the test's) uses, as
`make backup` and `make restore` do: used by tests/ciso/test_backups.py and tests/test_nginx.py."""

import io

from django.core.management import call_command
from django.db import connection


def take_backup(directory):
    """`manage.py backup` into `directory`; the path of the backup (without ".dump")."""
    call_command("backup", output_dir=str(directory), stdout=io.StringIO())
    return str(sorted(directory.glob("ciso-*.dump"))[-1])[: -len(".dump")]


def restore_into_running_site(backup, media_root):
    """`manage.py restore` of `backup` into the database the test's site is using."""
    params = connection.settings_dict
    password = f":{params['PASSWORD']}" if params["PASSWORD"] else ""
    url = (
        f"postgres://{params['USER']}{password}@{params['HOST']}:{params['PORT']}/{params['NAME']}"
    )
    connection.close()  # restore replaces the database: no connection of ours may hold it
    call_command(
        "restore",
        backup,
        database_url=url,
        media_root=str(media_root),
        interactive=False,
        stdout=io.StringIO(),
    )
