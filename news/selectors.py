"""What the news pages show, each in a fixed number of queries however many articles there are."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import ExtractYear
from django.utils import translation

from ciso.queries import CARD_IMAGE_SPECS, image_renditions, public_pages
from news.models import NewsArticlePage, NewsCategory

ARTICLES_PER_PAGE = 10
BODY_COLUMNS = ("body", "body_fr", "body_en")
RELATED = 3


def live_categories(with_news_in=None):
    """The published categories, by name in the active language, only those with live news
    in the index `with_news_in` when given: one query."""
    categories = NewsCategory.objects.filter(live=True)
    if with_news_in is not None:
        categories = categories.filter(
            Exists(articles(with_news_in).filter(categories=OuterRef("pk")))
        )
    return list(categories.order_by("name", "pk"))


def used_tag(slug):
    """The tag of `slug` among those of the active language that published articles use, or
    None (a tag of images, of drafts only, or of the other language is not one): one query."""
    from taggit.models import Tag

    lookup = (
        "news_englishtag_items"
        if _tag_lookup() == "english_tagged_items"
        else "news_frenchtag_items"
    )
    return (
        Tag.objects.filter(slug=slug, **{f"{lookup}__content_object__live": True})
        .distinct()
        .first()
    )


def _tag_lookup(language=None):
    language = (language or translation.get_language() or "fr")[:2]
    return "english_tagged_items" if language == "en" else "french_tagged_items"


def articles(index_page):
    """The live, public articles of `index_page`, newest first (a query, not run yet)."""
    return public_pages(NewsArticlePage.objects.live().child_of(index_page)).order_by(
        "-date", "-pk"
    )


@dataclass
class NewsFilters:
    """What the list is filtered by: a published category, a tag of the active language, a
    year; and what was asked that is not understood (`errors`: the filters' names)."""

    category: object = None
    tag: object = None
    year: int | None = None

    def apply(self, queryset, with_year=True):
        if self.category is not None:
            queryset = queryset.filter(categories=self.category)
        if self.tag is not None:
            queryset = queryset.filter(**{f"{_tag_lookup()}__tag": self.tag})
        if with_year and self.year is not None:
            queryset = queryset.filter(date__year=self.year)
        return queryset


def years(index_page, filters):
    """{year: number of articles} under the category and tag filters, newest year first: the
    archive's links, and the list's count (one query)."""
    rows = (
        filters.apply(articles(index_page), with_year=False)
        .annotate(year=ExtractYear("date"))
        .order_by()
        .values("year")
        .annotate(count=Count("pk", distinct=True))
    )
    return dict(sorted(((row["year"], row["count"]) for row in rows), reverse=True))


class CountedArticles:
    """The filtered articles as the list's Paginator reads them: their number is given (`years`
    counted them), and each page is one query with its images' renditions and categories."""

    def __init__(self, queryset, count):
        self.queryset, self._count = queryset, count

    def count(self):
        return self._count

    def __len__(self):
        return self._count

    def __getitem__(self, page):
        return list(with_cards(self.queryset.distinct())[page])


def with_cards(queryset):
    """`queryset` of articles with what a card shows: the image and its renditions, and the
    published categories (two more queries, whatever the number)."""
    from django.db.models import Prefetch

    # A card shows no body: its columns (long JSON to decode) are not read.
    return (
        queryset.defer(*BODY_COLUMNS)
        .select_related("image")
        .prefetch_related(
            image_renditions("image", *CARD_IMAGE_SPECS),
            Prefetch(
                "categories",
                queryset=NewsCategory.objects.filter(live=True).order_by("name", "pk"),
                to_attr="live_categories",
            ),
        )
    )


def article_relations(article, request=None):
    """What an article's page shows around its text: its published categories, its tags in the
    active language, and up to RELATED other articles of the same categories or tags, newest
    first (three queries, and the related articles' renditions)."""
    categories = list(article.categories.filter(live=True).order_by("name", "pk"))
    tags = list(article.tags_in().order_by("name"))
    related = []
    # The routing leaves the parent with the page (ciso/routing.py): no query.
    index_page = article.get_parent() if article.pk else None
    if index_page is not None and (categories or tags):
        shared = Q(categories__in=categories) | Q(**{f"{_tag_lookup()}__tag__in": tags})
        same = articles(index_page).filter(shared).exclude(pk=article.pk).distinct()
        related = list(with_cards(same)[:RELATED])
    return {
        "index_page": index_page,
        "categories": categories,
        "tags": tags,
        "related": related,
    }
