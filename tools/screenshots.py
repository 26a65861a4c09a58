"""`make screenshots`: every public page type, in French and in English, at a phone's width
(390 px) and a desktop's (1280 px), as PNG files in var/screenshots/, to look at after a change.

It serves the database that `make run` uses (DATABASE_URL, SQLite under var/ by default) with
`manage.py runserver` on a free loopback port, finds one page of each type there, and drives
Debian's chromium with Playwright. Full-page screenshots; the admin is not included.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tools.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tools.site_server import command_line, running_site  # noqa: E402

WIDTHS = [(390, 844), (1280, 800)]  # a phone, a desktop
LANGUAGES = ("fr", "en")
# Lazy images load once near the viewport: scroll through the page, then wait until every
# image has loaded and been decoded (`decoding="async"`), or a full-page shot may catch a card
# with its picture still blank.
LOAD_LAZY_IMAGES = """async () => {
  for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight) {
    window.scrollTo(0, y);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await Promise.all(Array.from(document.images, (image) => image.decode().catch(() => null)));
  window.scrollTo(0, 0);
}"""


def addresses():
    """(name, {language: path}) of one live page of each type, the search (with and without
    results) and a missing page, read from the database the server will serve."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ciso.settings")
    import django

    django.setup()
    from django.urls import reverse
    from django.utils import translation
    from wagtail.models import Page

    found = {}
    for page in Page.objects.live().filter(depth__gt=1).specific().order_by("path"):
        name = type(page)._meta.model_name
        if name in found:
            continue
        paths = {}
        for language in LANGUAGES:
            with translation.override(language):
                parts = page.get_url_parts()
            if parts:
                paths[language] = parts[2]
        found[name] = paths
        if name == "projectindexpage":
            from projects.models import Country

            country = Country.objects.filter(live=True, projects__live=True).first()
            if country:
                found["country"] = {code: page.country_url(country, code) for code in LANGUAGES}
    searches = {}
    for language, word, nothing in (("fr", "solidarité", "zzzz"), ("en", "solidarity", "zzzz")):
        with translation.override(language):
            searches.setdefault("search-form", {})[language] = reverse("search")
            searches.setdefault("search", {})[language] = f"{reverse('search')}?q={word}"
            searches.setdefault("search-empty", {})[language] = f"{reverse('search')}?q={nothing}"
    missing = {language: f"/{language}/cette-page-n-existe-pas/" for language in LANGUAGES}
    return [*found.items(), *searches.items(), ("404", missing)]


def main():
    options = command_line(__doc__.splitlines()[0], "screenshots")
    out = options.out

    pages = [(n, p) for n, p in addresses() if not options.only or options.only in n]
    from playwright.sync_api import sync_playwright

    with running_site() as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width, height in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            for name, paths in pages:
                for language, path in paths.items():
                    page.goto(base + path, wait_until="networkidle")
                    page.evaluate(LOAD_LAZY_IMAGES)
                    page.wait_for_load_state("networkidle")
                    target = out / f"{name}-{language}-{width}.png"
                    page.screenshot(path=str(target), full_page=True)
                    print(f"{target}  {path}")
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
