"""The news list (filtered by category and tag, one archive per year) and its Atom feeds,
served by NewsIndexPage."""

from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from ciso import caching
from news import selectors
from news.feeds import NewsFeed


def _filters(request, categories, year):
    """The filters of the query string that are understood; the others are named in
    `errors`, left out, and the list shown without them."""
    filters, errors = selectors.NewsFilters(year=year), []
    wanted = request.GET.get("category")
    if wanted:
        filters.category = next((c for c in categories if c.slug == wanted), None)
        if filters.category is None:
            errors.append(_("Category"))
    wanted = request.GET.get("tag")
    if wanted:
        filters.tag = selectors.used_tag(wanted[:100])
        if filters.tag is None:
            errors.append(_("Tag"))
    return filters, errors


def news_index(request, index_page, year=None):
    categories = selectors.live_categories(with_news_in=index_page)
    filters, errors = _filters(request, categories, year)
    years = selectors.years(index_page, filters)
    count = years.get(year, 0) if year else sum(years.values())
    if year and not count:
        # No archive for a year without news; a filtered one that finds nothing exists
        # while the year has news.
        unfiltered = selectors.NewsFilters(year=year).apply(selectors.articles(index_page))
        if not (filters.category or filters.tag or errors) or not unfiltered.exists():
            raise Http404
    listed = selectors.CountedArticles(filters.apply(selectors.articles(index_page)), count)
    page_obj = Paginator(listed, selectors.ARTICLES_PER_PAGE).get_page(request.GET.get("page"))

    query = request.GET.copy()
    query.pop("page", None)
    for name, understood in (("category", filters.category), ("tag", filters.tag)):
        if understood is None:
            query.pop(name, None)
    context = index_page.get_context(request)
    context.update(
        {
            "filters": filters,
            "errors": errors,
            "categories": categories,
            "years": years,
            "page_obj": page_obj,
            "articles": page_obj.object_list,
            "query": query.urlencode(),
            "feed_url": index_page.feed_url(request=request, category=filters.category),
        }
    )
    if year:
        context["meta_title"] = _("News of %(year)s") % {"year": year}
        context["breadcrumb_items"] = [(str(year), index_page.year_url(year, request))]
    response = TemplateResponse(request, "news/news_index_page.html", context)
    return caching.understood_query(
        response,
        category=filters.category and filters.category.slug,
        tag=filters.tag and filters.tag.slug,
        page=page_obj.number if page_obj.number > 1 else None,
    )


def news_feed(request, index_page):
    """The feed of the active language, of one category with `?category=`; a category that is
    not published has none."""
    category = None
    wanted = request.GET.get("category")
    if wanted:
        category = next((c for c in selectors.live_categories() if c.slug == wanted), None)
        if category is None:
            raise Http404
    response = NewsFeed()(request, index_page=index_page, category=category)
    return caching.understood_query(response, category=category and category.slug)
