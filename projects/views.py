"""The project index (list, filters, map) and the country pages, served by ProjectIndexPage."""

from django import forms
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ciso import caching
from projects import selectors
from projects.map import partner_map
from projects.models import Partner, ProjectPage


class ProjectFilterForm(forms.Form):
    """The filters of the project list, read from the query string (bookmarkable)."""

    country = forms.ChoiceField(label=_("Country"), required=False)
    kind = forms.ChoiceField(
        label=_("Type of partner"), required=False, choices=[("", "")] + Partner.Kind.choices
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", "")] + ProjectPage.Status.choices
    )
    year_from = forms.IntegerField(
        label=_("Active from (year)"), required=False, min_value=1900, max_value=2200
    )
    year_to = forms.IntegerField(
        label=_("to (year)"), required=False, min_value=1900, max_value=2200
    )

    def __init__(self, data, countries):
        data = data.copy()
        if data.get("country"):
            data["country"] = data["country"].lower()  # HT and ht name the same country
        super().__init__(data)
        self.countries = {country.iso_code.lower(): country for country in countries}
        self.fields["country"].choices = [("", "")] + [
            (code, country.name) for code, country in self.countries.items()
        ]

    def filters(self):
        """The valid filters; each invalid one is left out and reported."""
        filters = selectors.ProjectFilters()
        self.is_valid()
        for name, value in self.cleaned_data.items():
            if value in (None, ""):
                continue
            if name == "country":
                filters.country = self.countries[value]
            else:
                setattr(filters, name, value)
        for name in self.errors:
            filters.errors.append(self.fields[name].label)
        if filters.year_from and filters.year_to and filters.year_from > filters.year_to:
            filters.year_from, filters.year_to = filters.year_to, filters.year_from
        return filters


def _listed(request, index_page, countries):
    """`countries` (with their `project_count`) as the list under the map shows them: each
    with its page's address and its number of projects in words (`projects_label`)."""
    urls = index_page.country_urls(countries, request=request)
    for country, url in zip(countries, urls, strict=True):
        country.url = url
        country.projects_label = ngettext(
            "%(count)s project", "%(count)s projects", country.project_count
        ) % {"count": country.project_count}
    return countries


def index_teaser(request, index_page):
    """What the home page shows of the project list (ProjectIndexPage.teaser_template): the
    map of the partner countries, their list, and the published partners."""
    countries, partners = selectors.countries_and_partners(index_page)
    countries = _listed(request, index_page, countries)
    return {"countries": countries, "map": partner_map(countries), "partners": partners}


def project_index(request, index_page):
    countries = selectors.live_countries()
    form = ProjectFilterForm(request.GET, countries)
    filters = form.filters()
    facts = selectors.project_facts(index_page, by_period=filters.has_period)
    per_country = selectors.projects_per_country(facts)
    for country in countries:
        country.project_count = per_country[country.pk]
    _listed(request, index_page, countries)
    total, counts = selectors.filter_projects(facts, filters)
    ids = selectors.ProjectIds(index_page, filters, total)
    page_obj = Paginator(ids, selectors.PROJECTS_PER_PAGE).get_page(request.GET.get("page"))

    # Each filter's choices: value, "label (number of projects)", whether chosen.
    options = {
        "country": [
            (
                c.iso_code.lower(),
                f"{c.name} ({counts['country'].get(c.pk, 0)})",
                filters.country == c,
            )
            for c in countries
        ],
        "kind": [
            (value, f"{label} ({counts['kind'].get(value, 0)})", filters.kind == value)
            for value, label in Partner.Kind.choices
        ],
        "status": [
            (value, f"{label} ({counts['status'].get(value, 0)})", filters.status == value)
            for value, label in ProjectPage.Status.choices
        ],
    }
    query = request.GET.copy()
    query.pop("page", None)
    context = index_page.get_context(request)
    context.update(
        {
            "form": form,
            "filters": filters,
            "page_obj": page_obj,
            "projects": selectors.cards(page_obj.object_list, request),
            "options": options,
            "countries": countries,
            "map": partner_map(countries),
            "query_without_page": query.urlencode(),
            "feed_url": index_page.feed_url(request=request),
        }
    )
    response = TemplateResponse(request, "projects/project_index_page.html", context)
    # The valid filters, as the form reads them, and the page number shown.
    understood = {name: value for name, value in form.cleaned_data.items() if name in form.data}
    return caching.understood_query(response, **understood, page=_page_number(page_obj))


def _page_number(page_obj):
    return page_obj.number if page_obj.number > 1 else None


def country_page(request, index_page, slug):
    country = selectors.live_country(slug)  # a country never published has no page
    if country is None:
        raise Http404
    # One address per country and language: a slug or a path segment of the other language
    # (a link shared across languages) leads to this language's address.
    canonical = index_page.country_url(country, request=request)
    if request.path != canonical:
        return redirect(canonical, permanent=True)
    context = index_page.get_context(request)
    context.update(
        {
            "country": country,
            "breadcrumb_items": [(country.name, canonical)],
            "meta_title": country.name,
            "meta_description": _("The CISO’s cooperation projects and partners in %(name)s.")
            % {"name": country.name},
            "alternate_urls": {
                code: index_page.country_url(country, code, request) for code in ("fr", "en")
            },
            **selectors.country_detail(country, index_page, request.GET.get("page"), request),
        }
    )
    response = TemplateResponse(request, "projects/country_page.html", context)
    return caching.understood_query(response, page=_page_number(context["page_obj"]))
