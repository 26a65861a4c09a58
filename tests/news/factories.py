"""News articles made for the tests, under the initial content's news index."""

import datetime
import itertools

from news.models import NewsArticlePage, NewsCategory, NewsIndexPage

_numbers = itertools.count()


def news_index():
    return NewsIndexPage.objects.get()


def category(slug):
    """One of the initial categories, by its key: category("cooperation")."""
    return NewsCategory.objects.get(slug=slug)


def add_article(
    *, date=None, categories=(), tags_fr=(), tags_en=(), live=True, publish=False, **fields
):
    """An article under the news index, titled and summarised in both languages unless told;
    live (saved as such, quickly) unless told, or published through a revision (`publish`)."""
    n = next(_numbers)
    fields = {
        "title_fr": f"Nouvelle d’essai {n}",
        "title_en": f"Test news {n}",
        "slug_fr": f"nouvelle-essai-{n}",
        "slug_en": f"test-news-{n}",
        "summary_fr": "Une nouvelle d’essai.",
        "summary_en": "A test news article.",
        "date": date or datetime.date(2024, 5, 1),
        **fields,
    }
    article = news_index().add_child(
        instance=NewsArticlePage(live=live and not publish, categories=list(categories), **fields)
    )
    if tags_fr or tags_en:
        article.french_tags.add(*tags_fr)
        article.english_tags.add(*tags_en)
        article.save()
    if publish:
        article.save_revision().publish()
    return article
