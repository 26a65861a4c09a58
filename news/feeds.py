"""The Atom feeds of the news, one per language and one per category (served by
NewsIndexPage)."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from news import selectors

FEED_LENGTH = 20


class NewsFeed(Feed):
    """Newest first, in the active language (the feed's xml:lang is that language)."""

    feed_type = Atom1Feed

    def get_object(self, request, index_page, category=None):
        from wagtail.models import Site

        from ciso.models import SiteSettings

        self.request, self.category = request, category
        self.organisation = SiteSettings.for_request(request).organisation_name or "CISO"
        self.host = Site.find_for_request(request).hostname  # the site's, however reached
        return index_page

    def title(self, index_page):
        if self.category is not None:
            return _("CISO news: %(category)s") % {"category": self.category.name}
        return _("CISO news")

    def subtitle(self, index_page):
        return index_page.intro or _("The news of the CISO.")

    def link(self, index_page):
        return index_page.get_url(self.request)

    def feed_url(self, index_page):
        return index_page.feed_url(request=self.request, category=self.category)

    def feed_guid(self, index_page):
        # Each feed its own id (RFC 4287, 4.2.6): the category's feed is not the whole one.
        return self.request.build_absolute_uri(self.feed_url(index_page))

    def author_name(self, index_page):
        # The feed's author (required unless every entry has one, 4.1.1): the organisation.
        return self.organisation

    def item_guid(self, article):
        # An entry's id stays when its address changes (a slug edited): its page's id.
        return f"tag:{self.host},2026:news-{article.pk}"

    item_guid_is_permalink = False

    def items(self, index_page):
        filters = selectors.NewsFilters(category=self.category)
        articles = filters.apply(selectors.articles(index_page)).distinct()
        return articles.prefetch_related("categories")[:FEED_LENGTH]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return escape(article.summary)  # Atom summaries are HTML

    def item_link(self, article):
        return article.get_url(self.request)

    def item_author_name(self, article):
        return article.authors or None

    def item_pubdate(self, article):
        # The article's own date, at noon in Montréal (the day is what staff give).
        noon = datetime.datetime.combine(article.date, datetime.time(12))
        return timezone.make_aware(noon)

    def item_updateddate(self, article):
        return article.last_published_at or self.item_pubdate(article)

    def item_categories(self, article):
        return [c.name for c in article.categories.all() if c.live]
