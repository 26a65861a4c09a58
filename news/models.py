"""News (Nouvelles): the articles, their categories (a translated vocabulary) and tags (free,
in each language), and the index that lists, filters and feeds them."""

import datetime

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from ciso.blocks import RichStreamBlock
from ciso.models import (
    BilingualPreviewMixin,
    ImageWithAlt,
    ModeratedSnippet,
    ViewRestrictionsMixin,
    structure_panel,
)
from ciso.templatetags.seo_tags import share_rendition


class NewsCategory(ModeratedSnippet):
    """A category of news ("Coopération", "Éducation"…): its name is translated, its key is the
    same in both languages, as the index's addresses are (`?category=cooperation`)."""

    name = models.CharField(verbose_name=_("name"), max_length=100)
    slug = models.SlugField(
        verbose_name=_("key"),
        max_length=60,
        unique=True,
        help_text=_("Its part of the addresses, the same in both languages: “cooperation”."),
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="news_category")

    panels = [FieldPanel("name"), structure_panel("slug", "news.newscategory")]

    class Meta:
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")
        ordering = ["name"]

    def __str__(self):
        return self.name


class FrenchTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsArticlePage", on_delete=models.CASCADE, related_name="french_tagged_items"
    )


class EnglishTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsArticlePage", on_delete=models.CASCADE, related_name="english_tagged_items"
    )


class NewsIndexPage(BilingualPreviewMixin, RoutablePageMixin, ViewRestrictionsMixin, Page):  # noqa: DJ008 (Page’s)
    """The news, newest first: filtered by category and tag, an archive per year, an Atom feed
    of each language (and of each category)."""

    intro = models.TextField(verbose_name=_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["ciso.HomePage"]
    subpage_types = ["news.NewsArticlePage"]
    max_count = 1
    # Its feed is linked from the <head> of every page while it is in the menu
    # (templatetags/ciso_tags.py `site_feeds`): the feed's path under the page's address.
    site_feed_paths = {"fr": "flux/", "en": "feed/"}

    class Meta:
        verbose_name = _("news index page")
        verbose_name_plural = _("news index pages")

    def feed_url(self, language=None, request=None, category=None):
        language = (language or translation.get_language() or "fr")[:2]
        with translation.override(language):
            url = self.get_url(request) + self.site_feed_paths[language]
        return url + (f"?category={category.slug}" if category else "")

    def year_url(self, year, request=None):
        return self.get_url(request) + self.reverse_subpage("year", args=[year])

    def get_cached_paths(self):
        """What a publish or an unpublish of the index refreshes in the front cache, in the
        active language: the index and its feed (the year archives follow their articles)."""
        language = (translation.get_language() or "fr")[:2]
        return ["/", "/" + self.site_feed_paths[language]]

    @path("", name="index")
    def index_route(self, request):
        from news.views import news_index

        return news_index(request, self)

    # A year is four digits: "/2025/", never "/02025/" (one address per archive).
    @re_path(r"^(?P<year>[12]\d{3})/$", name="year")
    def year_route(self, request, year):
        from news.views import news_index

        return news_index(request, self, year=int(year))

    @path("flux/", name="feed_fr")
    @path("feed/", name="feed_en")
    def feed_route(self, request):
        from news.views import news_feed

        return news_feed(request, self)


class NewsArticlePage(BilingualPreviewMixin, ViewRestrictionsMixin, ImageWithAlt, Page):  # noqa: DJ008
    """A news article: its date, its authors, a summary, a body, categories and tags."""

    listed_as_new = True  # in the home page's "What is new" (ciso.blocks.LatestPagesBlock)
    search_kind = "news"  # its filter on the site search's results (ciso/search/)

    class DatePrecision(models.TextChoices):
        DAY = "day", _("The day")
        MONTH = "month", _("The month only")

    date = models.DateField(verbose_name=_("date"), default=datetime.date.today)
    date_precision = models.CharField(
        verbose_name=_("date known to"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("When only the month is known, the day is not shown (“October 2020”)."),
    )
    authors = models.CharField(
        verbose_name=_("authors"),
        max_length=200,
        blank=True,
        help_text=_("Optional: the names as they sign, “Marie Tremblay and Jean Roy”."),
    )
    summary = models.TextField(
        verbose_name=_("summary"), help_text=_("Two or three sentences, shown in the lists too.")
    )
    body = StreamField(RichStreamBlock(), verbose_name=_("body"), blank=True)
    categories = ParentalManyToManyField(
        NewsCategory, verbose_name=_("categories"), blank=True, related_name="articles"
    )
    french_tags = ClusterTaggableManager(
        through=FrenchTag,
        verbose_name=_("tags in French"),
        blank=True,
        related_name="french_articles",
        help_text=_("Free words, in French, that visitors can follow."),
    )
    english_tags = ClusterTaggableManager(
        through=EnglishTag,
        verbose_name=_("tags in English"),
        blank=True,
        related_name="english_articles",
        help_text=_("Free words, in English, that visitors can follow."),
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("date_precision"), FieldPanel("authors")]),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("categories"), FieldPanel("french_tags"), FieldPanel("english_tags")],
            heading=_("Categories and tags"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("authors"),
        index.FilterField("date"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    @property
    def listing_summary(self):
        return self.summary

    @property
    def listing_date(self):
        return self.date

    def tags_in(self, language=None):
        """The article's tags in `language` (the active one by default)."""
        language = (language or translation.get_language() or "fr")[:2]
        return self.english_tags if language == "en" else self.french_tags

    def structured_data(self, request, publisher):
        """schema.org's NewsArticle (ciso/templatetags/seo_tags.py `structured_data`)."""
        published = self.date.isoformat()
        if self.date_precision == self.DatePrecision.MONTH:
            published = published[:7]  # ISO 8601's year and month
        data = {
            "@type": "NewsArticle",
            "headline": self.title[:110],
            "description": self.summary,
            "datePublished": published,
            "inLanguage": (translation.get_language() or "fr")[:2],
            "url": request.build_absolute_uri(self.get_url(request)),
            "publisher": publisher,
        }
        if self.last_published_at:
            data["dateModified"] = self.last_published_at.isoformat()
        if self.authors:
            data["author"] = {"@type": "Person", "name": self.authors}
        rendition = share_rendition(self.image)
        if rendition is not None:
            data["image"] = request.build_absolute_uri(rendition.url)
        return data

    def get_context(self, request, *args, **kwargs):
        from news.selectors import article_relations

        context = super().get_context(request, *args, **kwargs)
        context.update(article_relations(self, request))
        return context
