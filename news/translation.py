"""Fields of the news models translated with modeltranslation (French is the default). Tags
are not translated: each language has its own (NewsArticlePage.french_tags, english_tags)."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from news.models import NewsArticlePage, NewsCategory, NewsIndexPage


@register(NewsCategory)
class NewsCategoryTR(TranslationOptions):
    fields = ("name",)


@register(NewsIndexPage)
class NewsIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(NewsArticlePage)
class NewsArticlePageTR(TranslationOptions):
    fields = ("summary", "body", "image_alt")
