from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation
from django.utils.module_loading import autodiscover_modules

from ciso import search
from ciso.initial_content import Loader


class Command(BaseCommand):
    help = (
        "Create the site and its initial content in French and English. Safe to run again: "
        "each part is created once, and what exists (and may have been edited, moved or "
        "deleted by staff) is left as it is."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        # Each content app's initial_content module registers its part (ciso.initial_content).
        autodiscover_modules("initial_content")
        loader = Loader(self.stdout)
        with translation.override("fr"):
            home = loader.load()
            loader.load_parts(home)
            loader.finish(home)
        # Pages are indexed as they are published; this also covers a site made before the
        # search existed.
        self.stdout.write(f"Search entries: {search.rebuild()}")
        self.stdout.write(self.style.SUCCESS("Initial content is in place."))
