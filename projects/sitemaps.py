"""The country pages in sitemap.xml (ciso/sitemaps.py)."""

from ciso.sitemaps import I18nSitemap
from projects.models import Country, ProjectIndexPage


class CountrySitemap(I18nSitemap):
    """The country pages that the project index serves (routable pages)."""

    def items(self):
        self.index_page = ProjectIndexPage.objects.live().public().first()
        return Country.objects.all() if self.index_page else Country.objects.none()

    def location(self, country):
        return self.index_page.country_url(country)
