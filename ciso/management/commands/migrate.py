"""`migrate`, as wagtail-modeltranslation runs it (its "migrate" app), without its noise.

Wagtail's own Page table gets its French and English columns (title_fr, slug_en…) from
wagtail-modeltranslation's `sync_page_translation_fields`, which runs after the migrations and
print()s every ALTER TABLE it executes: on a new database that reads as an error to a
newcomer. The same work is done here; what it printed is summed up in one line, and shown in
full with --verbosity 2 or when it fails.
"""

import contextlib
import io
import sys

from wagtail_modeltranslation.management.commands.migrate_translation import (
    Command as TranslationMigrateCommand,
)


class Command(TranslationMigrateCommand):
    def handle(self, *args, **options):
        if options.get("interactive"):
            # The sync asks before it alters a table: its questions must be seen.
            return super().handle(*args, **options)
        printed = io.StringIO()
        try:
            with contextlib.redirect_stdout(printed):
                super().handle(*args, **options)
        except BaseException:
            sys.stderr.write(printed.getvalue())
            raise
        verbosity = options.get("verbosity", 1)
        if verbosity >= 2:
            self.stdout.write(printed.getvalue())
        elif verbosity >= 1 and "Executing SQL" in printed.getvalue():
            self.stdout.write(
                "  Added the French and English columns of Wagtail's page table "
                "(wagtail-modeltranslation)."
            )
