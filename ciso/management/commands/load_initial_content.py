from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from ciso import search
from ciso.initial_content import Loader
from history import initial_content as history_content
from projects import initial_content as projects_content


class Command(BaseCommand):
    help = (
        "Create the site and its initial content in French and English. Safe to run again: "
        "each part is created once, and what exists (and may have been edited, moved or "
        "deleted by staff) is left as it is."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        loader = Loader(self.stdout)
        with translation.override("fr"):
            home = loader.load()
            # Projects before history: the history pages link to the projects section.
            projects_index = projects_content.load(loader, home)
            history_content.load(loader, home, projects_index)
            loader.finish(home, projects_index)
        # Pages are indexed as they are published; this also covers a site made before the
        # search existed.
        self.stdout.write(f"Search entries: {search.rebuild()}")
        self.stdout.write(self.style.SUCCESS("Initial content is in place."))
