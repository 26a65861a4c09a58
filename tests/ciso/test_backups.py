"""`manage.py backup` and `restore` (make backup / make restore): a backup restored into a fresh
database holds every page, revision, image and document, and the files come back with it."""

import io
import shutil
import tarfile
import time

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.documents import get_document_model
from wagtail_factories import ImageFactory

from ciso.ops.backups import restore
from tests.backups import restore_into_running_site, take_backup

TABLES = {
    "wagtailcore_page": "title_fr",
    "wagtailcore_revision": "object_id",
    "wagtailimages_image": "file",
    "wagtaildocs_document": "file",
}


def rows(cursor):
    """Every row of the tables that make the content, by id, with one telling column."""
    found = {}
    for table, column in TABLES.items():
        cursor.execute(f"SELECT id, {column} FROM {table} ORDER BY id")
        found[table] = [tuple(row) for row in cursor.fetchall()]
    return found


@pytest.fixture
def fresh_database(own_connection):
    """The name and URL of a database created empty for the test, dropped after it."""
    params = own_connection.settings_dict
    name = f"ciso_restore_{time.time_ns()}"
    admin = psycopg.connect(
        dbname="postgres", user=params["USER"], password=params["PASSWORD"] or None,
        host=params["HOST"], port=params["PORT"],
    )  # fmt: skip
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    password = f":{params['PASSWORD']}" if params["PASSWORD"] else ""
    url = f"postgres://{params['USER']}{password}@{params['HOST']}:{params['PORT']}/{name}"
    try:
        yield name, url
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture
def media_root(settings, tmp_path):
    """A media folder of the test's own, holding the files of the initial content."""
    root = tmp_path / "media"
    shutil.copytree(settings.MEDIA_ROOT, root, dirs_exist_ok=True)
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def uploads(own_connection, media_root):
    """An image and a document, committed (pg_dump sees them) and removed afterwards."""
    image = ImageFactory(title="Manifestation du 1er mai")
    document = get_document_model()(title="Rapport annuel")
    document.file.save("rapport-annuel.txt", ContentFile(b"Rapport annuel du CISO"), save=True)
    yield image, document
    image.delete()
    document.delete()


def test_backup_then_restore_into_a_fresh_database(
    own_connection, uploads, media_root, fresh_database, tmp_path
):
    image, document = uploads
    with own_connection.cursor() as cursor:
        before = rows(cursor)
    assert all(before.values()), before  # pages, revisions, an image and documents

    out = io.StringIO()
    call_command("backup", output_dir=str(tmp_path / "backups"), stdout=out)
    dumps = sorted((tmp_path / "backups").glob("ciso-*.dump"))
    archives = sorted((tmp_path / "backups").glob("ciso-*-media.tar.gz"))
    assert len(dumps) == len(archives) == 1
    assert dumps[0].name[: -len(".dump")] + "-media.tar.gz" == archives[0].name
    assert "make restore BACKUP=" in out.getvalue()
    with tarfile.open(archives[0]) as archive:
        names = {name.removeprefix("./") for name in archive.getnames()}
    assert image.file.name in names and document.file.name in names

    name, url = fresh_database
    restored_media = tmp_path / "restored-media"
    call_command(
        "restore",
        str(dumps[0])[: -len(".dump")],
        database_url=url,
        media_root=str(restored_media),
        interactive=False,
        stdout=io.StringIO(),
    )
    params = own_connection.settings_dict
    restored = psycopg.connect(
        dbname=name, user=params["USER"], password=params["PASSWORD"] or None,
        host=params["HOST"], port=params["PORT"],
    )  # fmt: skip
    try:
        with restored.cursor() as cursor:
            assert rows(cursor) == before
    finally:
        restored.close()
    # Every image and document file is back, byte for byte.
    for _id, path in before["wagtailimages_image"] + before["wagtaildocs_document"]:
        assert (restored_media / path).read_bytes() == (media_root / path).read_bytes(), path


def test_restore_asks_first(tmp_path, monkeypatch):
    dump = tmp_path / "ciso-20250603-142500.dump"
    dump.write_bytes(b"not used")
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore", str(dump), stdout=io.StringIO())


def test_restore_names_a_missing_backup(tmp_path):
    with pytest.raises(CommandError, match="No database dump at"):
        call_command("restore", str(tmp_path / "ciso-1"), interactive=False)


def test_a_broken_dump_is_refused_and_changes_nothing(own_connection, tmp_path, media_root):
    dump = tmp_path / "ciso-20250603-142500.dump"
    dump.write_bytes(b"PGDMP but not really a dump")
    with own_connection.cursor() as cursor:
        before = rows(cursor)
    with pytest.raises(CommandError, match="pg_restore failed"):
        call_command("restore", str(dump), interactive=False, stdout=io.StringIO())
    with own_connection.cursor() as cursor:
        assert rows(cursor) == before


def test_backups_need_postgresql(tmp_path):
    (tmp_path / "x.dump").write_bytes(b"")
    with pytest.raises(CommandError, match="need PostgreSQL"):
        call_command(
            "restore", str(tmp_path / "x.dump"), database_url="sqlite:///x.sqlite3",
            interactive=False,
        )  # fmt: skip


def test_media_archive_cannot_write_outside_the_media_folder(tmp_path):
    evil = tmp_path / "evil-media.tar.gz"
    with tarfile.open(evil, "w:gz") as archive:
        info = tarfile.TarInfo("../outside.txt")
        info.size = 4
        archive.addfile(info, io.BytesIO(b"evil"))

    class NoDatabase:
        def run(self, *args):
            pass

    with pytest.raises(tarfile.OutsideDestinationError):
        restore(tmp_path / "x.dump", evil, database=NoDatabase(), media_root=tmp_path / "media")
    assert not (tmp_path / "outside.txt").exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_private_page_restored_into_the_running_site_is_private_at_once(
    client, settings, media_root, tmp_path
):
    """A backup taken while a page was private, restored after the page was made public and
    cached: the site serves the password form on the next request, not the cached copy."""
    from wagtail.models import PageViewRestriction

    from ciso.models import StandardPage

    settings.CISO_PAGE_CACHE = True
    path = "/fr/mission-et-actions/"
    page = StandardPage.objects.get(slug_fr="mission-et-actions")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    backup = take_backup(tmp_path / "backups")
    restriction.delete()
    client.get(path)
    assert client.get(path)["X-Page-Cache"] == "hit"  # the public copy

    restore_into_running_site(backup, media_root)
    response = client.get(path)
    assert response["X-Page-Cache"] != "hit"
    assert 'name="password"' in response.content.decode()
