"""The Atom feed of the newest projects, one per language (served by ProjectIndexPage)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from projects.models import ProjectPage

FEED_LENGTH = 20


class ProjectFeed(Feed):
    """Newest first, in the active language (the feed's xml:lang is that language)."""

    feed_type = Atom1Feed

    def get_object(self, request, index_page):
        self.request = request
        return index_page

    def title(self, index_page):
        return _("CISO: the latest cooperation projects")

    def subtitle(self, index_page):
        return _("The CISO’s cooperation projects with its partners in the Global South.")

    def link(self, index_page):
        return index_page.get_url(self.request)

    def feed_url(self, index_page):
        return self.request.path

    def items(self, index_page):
        return (
            ProjectPage.objects.child_of(index_page)
            .live()
            .public()
            .select_related("country")
            .order_by("-first_published_at", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, project):
        return project.title

    def item_description(self, project):
        return escape(project.summary)  # Atom summaries are HTML

    def item_link(self, project):
        return project.get_url(self.request)

    def item_pubdate(self, project):
        return project.first_published_at

    def item_updateddate(self, project):
        return project.last_published_at

    def item_categories(self, project):
        return [project.country.name]
