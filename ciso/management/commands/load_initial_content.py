from django.core.management.base import BaseCommand
from django.db import transaction

from ciso.initial_content import Loader


class Command(BaseCommand):
    help = (
        "Create the site and its initial content in French and English. Safe to run again: "
        "what exists (and may have been edited by staff) is left untouched."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        Loader(self.stdout).load()
        self.stdout.write(self.style.SUCCESS("Initial content is in place."))
