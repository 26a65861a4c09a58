"""The site search's page, in the active language (ciso/search/)."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from ciso import caching, search


class CountedPaginator(Paginator):
    """A paginator told how many items there are (the search's counts per kind already say),
    instead of asking the database once more."""

    def __init__(self, object_list, per_page, *, count):
        super().__init__(object_list, per_page)
        self._count = count

    @property
    def count(self):
        return self._count


SEARCH_RESULTS_PER_PAGE = 10


def _results_in(language, count, query):
    """ "3 results in English for “…”", a whole sentence per language (gettext cannot join
    fragments in every language)."""
    if language == "fr":
        message = ngettext(
            "%(count)s result in French for “%(query)s”",
            "%(count)s results in French for “%(query)s”",
            count,
        )
    else:
        message = ngettext(
            "%(count)s result in English for “%(query)s”",
            "%(count)s results in English for “%(query)s”",
            count,
        )
    return message % {"count": count, "query": query}


def _elsewhere(query, language):
    """For a search that found nothing: the other languages whose search finds something for
    the same words, with the address of that search and how many results it has."""
    found = []
    for code, _name in settings.LANGUAGES:
        if code == language or not (count := search.count(query, code)):
            continue
        with translation.override(code):
            url = f"{reverse('search')}?{urlencode({'q': query.text})}"
        found.append({"code": code, "url": url, "label": _results_in(code, count, query.text)})
    return found


def search_view(request):
    """The site search, in the active language (ciso/search/)."""
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    query, truncated = search.clean_query(request.GET.get("q", ""))
    labels = search.kind_labels()
    kind = request.GET.get("type", "")
    kind = kind if kind in labels else ""
    context = {
        "query": query,
        "truncated": truncated,
        "max_length": search.MAX_QUERY_LENGTH,
        "kind": kind,
        "breadcrumb_items": [(_("Search"), request.path)],
        "meta_title": _("Search"),
        # The search page itself can be found, its results not: search engines ask that a
        # site's own search results stay out of their index (endless, thin, duplicated pages).
        "meta_robots": "noindex, follow" if request.GET else "",
    }
    status, page_number = 200, None
    if not query:
        context["message"] = _("Type one or more words to search the site.")
    elif not search.has_words(query):
        context["message"] = _("Type words, not only punctuation or symbols.")
        status = 400
    else:
        prepared = search.prepare(query)
        results = search.search(prepared, language, kind)
        total = sum(results.kind_counts.values())
        paginator = CountedPaginator(
            results.entries,
            SEARCH_RESULTS_PER_PAGE,
            count=results.kind_counts.get(kind, 0) if kind else total,
        )
        page_obj = paginator.get_page(request.GET.get("page"))
        page_number = page_obj.number if page_obj.number > 1 else None
        search.decorate(page_obj.object_list, query)
        context.update(
            {
                "page_obj": page_obj,
                "total": total,
                "filters": [
                    (key, capfirst(label), results.kind_counts[key])
                    for key, label in labels.items()
                    if results.kind_counts.get(key)
                ],
                "pagination_query": urlencode({"q": query, **({"type": kind} if kind else {})}),
                "query_without_type": urlencode({"q": query}),
                "elsewhere": [] if total else _elsewhere(prepared, language),
            }
        )
    response = render(request, "ciso/search.html", context, status=status)
    # The words as the search read them: any other spelling of the same search is not kept.
    return caching.understood_query(response, q=query, type=kind, page=page_number)
