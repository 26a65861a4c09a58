from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from ciso import errors

# What nginx answers itself (deploy/nginx/ciso.conf): a request it could not read (400), a
# folder or a missing file under /static/ or /media/ (403, 404), a body over client_max_body_size
# (413), an address over its buffers (414), the sign-in limit (429), its own failure (500), and
# a gunicorn that does not answer (502, 503, 504: the 503 page).
STATUSES = (400, 403, 404, 413, 414, 429, 500, 503)


class Command(BaseCommand):
    help = (
        "Write the error pages nginx serves into STATIC_ROOT/errors/<language>/<status>.html, "
        "from the site's templates and catalogues. Run after collectstatic (the pages link to "
        "the fingerprinted stylesheet)."
    )

    def handle(self, *args, **options):
        root = Path(settings.STATIC_ROOT) / "errors"
        for language, _name in settings.LANGUAGES:
            folder = root / language
            folder.mkdir(parents=True, exist_ok=True)
            for status in STATUSES:
                html = errors.standalone_error_html(status, language)
                (folder / f"{status}.html").write_text(html, encoding="utf-8")
        count = len(settings.LANGUAGES) * len(STATUSES)
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"{count} error pages in {root}."))
