"""Queries of the projects section: listing, filters with their counts, country pages.

Each function costs a fixed number of queries, whatever the number of projects. Countries,
partners and themes are shown only once published (live): their drafts wait for a moderator.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.core.paginator import Paginator
from django.db.models import Exists, FilteredRelation, OuterRef, Prefetch, Q
from wagtail.images.models import Filter

from ciso.queries import image_renditions, public_pages
from projects.models import Country, Partner, ProjectPage

# Project cards on a page of the list, or of a country's page.
PROJECTS_PER_PAGE = 12
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
            q &= has_partner_of_kind(self.kind)
        if self.status and without != "status":
            q &= Q(status=self.status)
        # A project counts for a period when it was active at some point within it.
        if self.year_to:
            q &= Q(start_year__lte=self.year_to)
        if self.year_from:
            q &= Q(end_year__gte=self.year_from) | Q(end_year__isnull=True)
        return q

    def checks(self, facts):
        """Which filters the project described by `facts` (ProjectFacts) passes, as
        {facet: bool} for "country", "kind", "status" and "period": what `conditions()` asks
        of the database, worked out once for all the facets."""
        # Active at some point of the period: started by its end, not ended before it.
        started = not self.year_to or (
            facts.start_year is not None and facts.start_year <= self.year_to
        )
        not_ended = not self.year_from or facts.end_year is None or facts.end_year >= self.year_from
        return {
            "country": not self.country or facts.country_id == self.country.pk,
            "kind": not self.kind or self.kind in facts.kinds,
            "status": not self.status or facts.status == self.status,
            "period": started and not_ended,
        }

    @property
    def active(self):
        return any([self.country, self.kind, self.status, self.year_from, self.year_to])


def has_partner_of_kind(kind):
    """Projects with a published partner of this kind, as a subquery: a join on the partners
    would repeat a project once per partner, and removing the repeats (DISTINCT over the wide
    rows of pages) costs PostgreSQL more to plan than the rest of the query."""
    partners = Partner.projects.through.objects.filter(
        projectpage=OuterRef("pk"), partner__kind=kind, partner__live=True
    )
    return Q(Exists(partners))


def live_projects(index_page=None):
    projects = public_pages(ProjectPage.objects.live())
    if index_page is not None:
        projects = projects.child_of(index_page)
    return projects


def project_list(*, index_page=None, filters=None):
    """Projects matching `filters`, newest first, with what a project card shows."""
    filters = filters or ProjectFilters()
    return with_card_relations(live_projects(index_page).filter(filters.conditions())).order_by(
        "-start_year", "title"
    )


def with_card_relations(projects):
    """`projects` with what a project card shows (country, partners, image renditions)."""
    return projects.select_related("country", "image").prefetch_related(
        Prefetch("partners", queryset=Partner.objects.filter(live=True).order_by("name")),
        image_renditions("image", *CARD_IMAGE_FILTERS),
    )


def cards(project_ids):
    """The projects of `project_ids`, in that order, ready for their cards."""
    projects = with_card_relations(ProjectPage.objects.filter(pk__in=project_ids)).in_bulk()
    return [projects[pk] for pk in project_ids if pk in projects]


class ProjectFacts(NamedTuple):
    """What the filters and their counts look at, for one project."""

    pk: int
    country_id: int
    status: str
    start_year: int | None
    end_year: int | None
    kinds: frozenset  # the kinds of its published partners


def project_facts(index_page=None):
    """The facts of every live, public project, newest first (the list's order), in one narrow
    query: the list, its filters and their counts are worked out from them, without building
    page rows or a query per filter value. A project with several published partners comes in
    a row for each (the join on them keeps only the published ones)."""
    rows = (
        live_projects(index_page)
        .annotate(live_partner=FilteredRelation("partners", condition=Q(partners__live=True)))
        .order_by("-start_year", "title", "pk")
        .values_list("pk", "country_id", "status", "start_year", "end_year", "live_partner__kind")
    )
    facts, kinds = {}, defaultdict(set)
    for *row, kind in rows:
        facts.setdefault(row[0], row)
        if kind:
            kinds[row[0]].add(kind)
    return [ProjectFacts(*row, frozenset(kinds[pk])) for pk, row in facts.items()]


def filter_projects(facts, filters=None):
    """One pass over the projects' facts (`project_facts`): the ids of those that pass every
    filter, in the list's order, and for each filter how many projects each of its values
    would give, the other filters being kept ({"country": {country_id: n}, "kind": {...},
    "status": {...}}, only the values that give projects; a project counts once per kind of
    its partners)."""
    filters = filters or ProjectFilters()
    ids = []
    counts = {"country": Counter(), "kind": Counter(), "status": Counter()}
    for project in facts:
        failed = [facet for facet, ok in filters.checks(project).items() if not ok]
        if len(failed) > 1:
            continue
        left_out = failed[0] if failed else None  # the facet whose counts it still adds to
        if left_out is None:
            ids.append(project.pk)
        if left_out in (None, "country"):
            counts["country"][project.country_id] += 1
        if left_out in (None, "kind"):
            counts["kind"].update(project.kinds)
        if left_out in (None, "status"):
            counts["status"][project.status] += 1
    return ids, {facet: dict(values) for facet, values in counts.items()}


def facet_counts(*, index_page=None, filters=None):
    """The counts of `filter_projects` for the live, public projects."""
    return filter_projects(project_facts(index_page), filters)[1]


def partner_countries(index_page=None, facts=None):
    """The published countries (by name in the active language), each with its number of
    published projects (live and public, as the list shows them): one query, with the
    projects' facts (`project_facts`)."""
    facts = project_facts(index_page) if facts is None else facts
    per_country = Counter(project.country_id for project in facts)
    countries = list(Country.objects.filter(live=True).order_by("name"))
    for country in countries:
        country.project_count = per_country[country.pk]
    return countries


def country_detail(country, index_page=None, page_number=None):
    """What a country's page shows: a page of its projects (`page_obj`, and their cards in
    `projects`), newest first, and its partners."""
    ids = list(
        live_projects(index_page)
        .filter(country=country)
        .order_by("-start_year", "title", "pk")
        .values_list("pk", flat=True)
    )
    page_obj = Paginator(ids, PROJECTS_PER_PAGE).get_page(page_number)
    return {
        "page_obj": page_obj,
        "projects": cards(page_obj.object_list),
        "partners": country.partners.filter(live=True).order_by("name"),
    }


def project_detail_relations(project):
    """The partners and themes of a project page, in one query each."""
    return {
        "partners": project.partners.filter(live=True).select_related("country").order_by("name"),
        "themes": project.themes.filter(live=True).order_by("name"),
    }


def partner_country_count():
    """Countries where the CISO has supported partners: every published country, as the map
    shows them, whether or not a partner or a project page is recorded for it yet."""
    return Country.objects.filter(live=True).count()
