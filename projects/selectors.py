"""Queries of the projects section: listing, filters with their counts, country pages.

Each function costs a fixed number of queries, whatever the number of projects. Countries,
partners and themes are shown only once published (live): their drafts wait for a moderator.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from wagtail.images import get_image_model
from wagtail.images.models import Filter

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
    projects = ProjectPage.objects.live().public()
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
        .select_related("country")
        .prefetch_related(
            Prefetch("partners", queryset=Partner.objects.filter(live=True).order_by("name")),
            Prefetch(
                "image", queryset=get_image_model().objects.prefetch_renditions(*CARD_IMAGE_FILTERS)
            ),
        )
        .order_by("-start_year", "title")
    )


def facet_counts(*, index_page=None, filters=None):
    """For each filter, how many projects each of its values would give, the other filters
    being kept: {"country": {country_id: n}, "kind": {...}, "status": {...}}."""
    filters = filters or ProjectFilters()
    projects = live_projects(index_page)

    def count_by(facet, column, **only):
        rows = (
            projects.filter(filters.conditions(without=facet), **only)
            .exclude(**{f"{column}__isnull": True})
            .order_by()  # pages sort by tree path, which would split the groups
            .values(column)
            .annotate(n=Count("pk", distinct=True))
        )
        return {row[column]: row["n"] for row in rows}

    return {
        "country": count_by("country", "country"),
        "kind": count_by("kind", "partners__kind", partners__live=True),
        "status": count_by("status", "status"),
    }


def partner_countries(index_page=None):
    """The countries where the CISO has worked, each with its number of published projects
    (live and public, as the list shows them)."""
    counts = dict(
        live_projects(index_page)
        .order_by()
        .values_list("country")
        .annotate(n=Count("pk", distinct=True))
    )
    countries = list(Country.objects.filter(live=True).order_by("name"))
    for country in countries:
        country.project_count = counts.get(country.pk, 0)
    return countries


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
