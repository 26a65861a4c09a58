from django.core.management.base import BaseCommand, CommandError

from ciso.ops.backups import Database, backup_files, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `backup`: the database's content is replaced by the dump's "
        "and the uploaded files are unpacked into MEDIA_ROOT."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "backup",
            help="The backup: its .dump file, its -media.tar.gz or their common name "
            "(var/backups/ciso-20250603-142500).",
        )
        parser.add_argument(
            "--database-url", help="Restore into this database instead of the site's."
        )
        parser.add_argument("--media-root", help="Unpack the files here instead of MEDIA_ROOT.")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args, backup, database_url, media_root, interactive, **options):
        dump, media = backup_files(backup)
        database = Database(database_url)
        if interactive:
            answer = input(
                f"This replaces the content of the database {database.name!r} with {dump}"
                + (f" and adds the files of {media}" if media else "")
                + ".\nType 'yes' to continue: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        restore(dump, media, database=database, media_root=media_root)
        self.stdout.write(
            self.style.SUCCESS(f"Restored {dump}" + (f" and {media}" if media else ""))
        )
        if media is None:
            self.stdout.write(
                self.style.WARNING("No media archive next to the dump: files untouched.")
            )
