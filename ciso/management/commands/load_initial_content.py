from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from ciso.initial_content import Loader
from history import initial_content as history_content


class Command(BaseCommand):
    help = (
        "Create the site and its initial content in French and English. Safe to run again: "
        "each part is created once, and what exists (and may have been edited, moved or "
        "deleted by staff) is left as it is."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        loader = Loader(self.stdout)
        home = loader.load()
        with translation.override("fr"):
            history_content.load(loader, home)
        self.stdout.write(self.style.SUCCESS("Initial content is in place."))
