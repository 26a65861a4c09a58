"""Queries of the projects section: listing, filters with their counts, country pages.

Each function costs a fixed number of queries, whatever the number of projects. Countries,
partners and themes are shown only once published (live): their drafts wait for a moderator.
"""

from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from wagtail.images.models import Filter

from ciso.queries import image_renditions, public_pages
from projects.models import Country, Partner, ProjectPage

CARD_IMAGE_FILTERS = Filter.expand_spec("fill-{400x250,800x500} format-{webp,jpeg}")


@dataclass
class ProjectFilters:
    """The filters a visitor chose; None means "any"."""

    country: Country | None = None
    kind: str | None = None
    status: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    errors: list = field(default_factory=list)

    def conditions(self, *, without=None):
        """The filters as one Q, leaving out the facet named by `without`."""
        q = Q()
        if self.country and without != "country":
            q &= Q(country=self.country)
        if self.kind and without != "kind":
            q &= Q(partners__kind=self.kind, partners__live=True)
        if self.status and without != "status":
            q &= Q(status=self.status)
        # A project counts for a period when it was active at some point within it.
        if self.year_to:
            q &= Q(start_year__lte=self.year_to)
        if self.year_from:
            q &= Q(end_year__gte=self.year_from) | Q(end_year__isnull=True)
        return q

    @property
    def active(self):
        return any([self.country, self.kind, self.status, self.year_from, self.year_to])


def live_projects(index_page=None):
    projects = public_pages(ProjectPage.objects.live())
    if index_page is not None:
        projects = projects.child_of(index_page)
    return projects


def project_list(*, index_page=None, filters=None):
    """Projects matching `filters`, newest first, with what a project card shows."""
    filters = filters or ProjectFilters()
    return (
        live_projects(index_page)
        .filter(filters.conditions())
        .distinct()  # one row per project, even with several partners of the chosen kind
        .select_related("country", "image")
        .prefetch_related(
            Prefetch("partners", queryset=Partner.objects.filter(live=True).order_by("name")),
            image_renditions("image", *CARD_IMAGE_FILTERS),
        )
        .order_by("-start_year", "title")
    )


def facet_counts(*, index_page=None, filters=None):
    """For each filter, how many projects each of its values would give, the other filters
    being kept: {"country": {country_id: n}, "kind": {...}, "status": {...}}.

    One query: the projects grouped by country, each value of each filter counted with its
    own condition (kinds and statuses are fixed lists), then added up over the countries
    (a project has one country)."""
    filters = filters or ProjectFilters()

    def count(condition):
        return Count("pk", distinct=True, filter=condition)

    counts = {"projects": count(filters.conditions(without="country"))}
    for kind in Partner.Kind.values:
        condition = Q(partners__kind=kind, partners__live=True)
        counts[f"kind:{kind}"] = count(condition & filters.conditions(without="kind"))
    for status in [*ProjectPage.Status.values, ""]:  # "" when the status is not known
        condition = Q(status=status) & filters.conditions(without="status")
        counts[f"status:{status}"] = count(condition)
    rows = (
        live_projects(index_page)
        .order_by()  # pages sort by tree path, which would split the groups
        .values("country")
        .annotate(**counts)
    )
    result = {"country": {}, "kind": {}, "status": {}}
    for row in rows:
        country = row.pop("country")
        result["country"][country] = row.pop("projects")
        for key, n in row.items():
            facet, value = key.split(":")
            result[facet][value] = result[facet].get(value, 0) + n
    # Only the values that give projects, as a plain GROUP BY would.
    return {facet: {k: n for k, n in ns.items() if n} for facet, ns in result.items()}


def partner_countries(index_page=None):
    """The countries where the CISO has worked, each with its number of published projects
    (live and public, as the list shows them), in one query."""
    projects = (
        live_projects(index_page)
        .filter(country=OuterRef("pk"))
        .order_by()
        .values("country")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return list(
        Country.objects.filter(live=True)
        .annotate(project_count=Coalesce(Subquery(projects), 0))
        .order_by("name")
    )


def country_detail(country, index_page=None):
    """What a country's page shows: its projects and its partners."""
    return {
        "projects": project_list(index_page=index_page, filters=ProjectFilters(country=country)),
        "partners": country.partners.filter(live=True).order_by("name"),
    }


def project_detail_relations(project):
    """The partners and themes of a project page, in one query each."""
    return {
        "partners": project.partners.filter(live=True).select_related("country").order_by("name"),
        "themes": project.themes.filter(live=True).order_by("name"),
    }


def partner_country_count():
    """Countries where the CISO has a partner or a published project."""
    with_projects = live_projects().values("country")
    return (
        Country.objects.filter(live=True)
        .filter(Q(pk__in=with_projects) | Q(partners__live=True))
        .distinct()
        .count()
    )


def project_count():
    return live_projects().count()
