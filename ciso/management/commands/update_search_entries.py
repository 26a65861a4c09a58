from django.core.management.base import BaseCommand

from ciso import search


class Command(BaseCommand):
    help = (
        "Rebuild the site search's entries (every public page, document and country page, in "
        "each language). They follow publishing on their own; run this after a deployment "
        "that changes what is indexed."
    )

    def handle(self, *args, **options):
        count = search.rebuild()
        self.stdout.write(self.style.SUCCESS(f"{count} search entries."))
