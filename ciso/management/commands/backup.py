from django.core.management.base import BaseCommand

from ciso.ops.backups import backup


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump, custom format) and the uploaded files (MEDIA_ROOT) "
        "into two timestamped files."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir", default="var/backups", help="Folder of the backups (var/backups)."
        )

    def handle(self, *args, output_dir, **options):
        dump, media = backup(output_dir)
        self.stdout.write(f"Database: {dump}\nMedia:    {media}")
        restore_from = str(dump).removesuffix(".dump")
        self.stdout.write(self.style.SUCCESS(f"Restore with: make restore BACKUP={restore_from}"))
