"""sitemap.xml: every live public page and what content apps register (the country pages), in
French and in English, each with its alternates (fr, en, x-default) as the pages' own hreflang
links give them."""

from django.contrib.sitemaps import Sitemap
from wagtail.models import Page, Site


class I18nSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        # Django's x-default drops the language prefix; only the home page's address works
        # that way here (`/` picks the visitor's language): any other page's x-default is its
        # French (default) version, as in the pages' <link rel="alternate"> tags.
        for url in urls:
            for alternate in url["alternates"]:
                if alternate["lang_code"] == "x-default" and not self.is_home(url["item"][0]):
                    alternate["location"] = url["alternates"][0]["location"]
        return urls

    def is_home(self, item):
        return False


class PageSitemap(I18nSitemap):
    def items(self):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            return Page.objects.none()
        return site.root_page.get_descendants(inclusive=True).live().public().order_by("path")

    def location(self, page):
        return page.get_url_parts()[2]

    def lastmod(self, page):
        return page.last_published_at

    def is_home(self, page):
        return page.depth == 2


# name → Sitemap class: the pages', and those a content app adds (`register`) for the
# addresses that are not pages (routes of a routable page).
SITEMAPS = {"pages": PageSitemap}


def register(name, sitemap):
    """Add `sitemap` (an I18nSitemap subclass) to sitemap.xml: called by a content app's
    ready()."""
    SITEMAPS[name] = sitemap
