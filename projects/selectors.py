"""Queries of the projects section: listing, filters with their counts, country pages.

Each function costs a fixed number of queries, whatever the number of projects. Countries,
partners and themes are shown only once published (live): their drafts wait for a moderator.
"""

from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, Q
from modeltranslation.utils import build_localized_fieldname
from modeltranslation.utils import get_language as active_language
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Page

from ciso import routing
from ciso.i18n import shown_language
from ciso.queries import image_renditions, public_pages
from projects.models import Country, Partner, ProjectPage, period

# Project cards on a page of the list, or of a country's page.
PROJECTS_PER_PAGE = 12
LANGUAGES = [code for code, _name in settings.LANGUAGES]
CARD_IMAGE_FILTERS = Filter.expand_spec("fill-{400x250,800x500} format-{webp,jpeg}")
# A country page's picture (templates/projects/country_page.html).
COUNTRY_IMAGE_FILTERS = Filter.expand_spec(
    "fill-{480x270,800x450,1200x675}-c100 format-{webp,jpeg}"
)
Image = get_image_model()


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


# Queries written in SQL: those every page of the section runs, whose rows are plain values.
# The ORM takes about 1 ms of Python to compile a query over the pages' tables
# (modeltranslation's columns, the joins of multi-table inheritance), several times what
# PostgreSQL takes to answer it; these take a few hundredths of a millisecond. Their rows
# become instances as the ORM builds them (Model.from_db, every column), or plain values.


def _rows(sql, params=None):
    """The rows of `sql`, its parameters named (`%(name)s`)."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params or {})
        return cursor.fetchall()


def _columns(model, alias):
    """The columns of `model`'s rows, aliased `alias` in the query, for `_instance`."""
    return ", ".join(f'{alias}."{field.column}"' for field in model._meta.concrete_fields)


def _instance(model, values):
    """A `model` instance from the values of `_columns`, as the ORM builds it."""
    fields = model._meta.concrete_fields
    return model.from_db(connection.alias, [field.attname for field in fields], values)


def _translated(field, alias):
    """The column of a translated field in the active language: the one `order_by(field)`
    sorts by (modeltranslation)."""
    return f'{alias}."{build_localized_fieldname(field, active_language())}"'


def _live_projects_sql(index_page=None, *, joins=""):
    """The FROM and WHERE clauses of the live projects out of any private section
    (`live_projects`), the children of `index_page` when given, with their parameters: `w` is
    a project's page row, `p` its project row, `joins` joined after them. A page is private
    when a view restriction is on it or on an ancestor, whose tree path starts its own: the
    test of ciso.queries.in_private_section, read from the database every time."""
    sql = f"""
        FROM projects_projectpage p
        JOIN wagtailcore_page w ON w.id = p.page_ptr_id
        {joins}
        WHERE w.live AND NOT EXISTS (
            SELECT FROM wagtailcore_pageviewrestriction restriction
            JOIN wagtailcore_page restricted ON restricted.id = restriction.page_id
            WHERE restricted.path = SUBSTRING(w.path, 1, LENGTH(restricted.path))
        )"""
    if index_page is None:
        return sql, {}
    sql += " AND w.path LIKE %(index_path)s AND w.depth = %(index_depth)s"
    return sql, {"index_path": index_page.path + "%", "index_depth": index_page.depth + 1}


def _image_sql(alias, filters_param):
    """The columns of the image `alias` (get_image_model()), then its renditions for the
    filter specs of the parameter `filters_param` as JSON: for `_image`."""
    renditions = Image.get_rendition_model()
    rendition = ", ".join(f'r."{field.column}"' for field in renditions._meta.concrete_fields)
    return f"""{_columns(Image, alias)}, (
        SELECT json_agg(json_build_array({rendition})) FROM {renditions._meta.db_table} r
        WHERE r.image_id = {alias}.id AND r.filter_spec = ANY(%({filters_param})s)
    )"""


def _image(values):
    """The image of `_image_sql`'s values (None without one), with its renditions where
    Wagtail looks for prefetched ones: the picture tag finds them there."""
    *values, renditions = values
    if values[0] is None:
        return None
    image = _instance(Image, values)
    image.prefetched_renditions = []
    for rendition_values in renditions or ():
        rendition = _instance(Image.get_rendition_model(), rendition_values)
        rendition.image = image  # as a prefetch leaves it
        image.prefetched_renditions.append(rendition)
    return image


def project_list(*, index_page=None, filters=None):
    """Projects matching `filters`, newest first, with what a project card shows."""
    filters = filters or ProjectFilters()
    return with_card_relations(live_projects(index_page).filter(filters.conditions())).order_by(
        "-start_year", "title"
    )


def with_card_relations(projects):
    """`projects` with what a project card shows (country, published partners as
    `live_partners`, image renditions), and without what it does not (the body and documents,
    long to decode)."""
    partners = Partner.objects.filter(live=True).order_by("name")
    return (
        projects.defer_streamfields()
        .select_related("country", "image")
        .prefetch_related(
            Prefetch("partners", queryset=partners, to_attr="live_partners"),
            image_renditions("image", *CARD_IMAGE_FILTERS),
        )
    )


class ProjectCard:
    """What the card of a project shows (templates/includes/project-card.html), as plain values.

    A project's page is some seventy columns over two tables, three StreamFields and a
    translation descriptor a field: building twelve of them cost more than the rest of the
    list. A card's values come in one narrow query instead, each translated one in every
    language (`title_fr`, `title_en`…, which `lang_attr` reads), shown as modeltranslation
    shows it: in the active language, or in the French.
    """

    TRANSLATED = ("title", "summary", "image_alt", "country_name", "url_path")

    def __init__(self, values, partners, image, request=None):
        self.__dict__.update(values)
        for name in self.TRANSLATED:
            setattr(self, name, getattr(self, f"{name}_{shown_language(self, name)}") or "")
        self.partners = partners  # its published partners' acronyms (or names)
        self.image = image
        self.period = period(self.start_year, self.end_year)
        self.status_label = ProjectPage.Status(self.status).label if self.status else ""
        self.url = routing.page_url(request, self.url_path) if request else None
        if self.url is None:  # not under the request's site: Wagtail says where it is
            self.url = Page(
                **{f"url_path_{code}": values[f"url_path_{code}"] for code in LANGUAGES}
            ).get_url(request)


# What a card reads of a project: its name on the card, and its column.
CARD_VALUES = {
    "pk": "p.page_ptr_id",
    "start_year": "p.start_year",
    "end_year": "p.end_year",
    "status": "p.status",
    "image_id": "p.image_id",
    **{
        f"{name}_{code}": f'{column}_{code}"'
        for name, column in (
            ("title", 'w."title'),
            ("summary", 'p."summary'),
            ("image_alt", 'p."image_alt'),
            ("url_path", 'w."url_path'),
            ("country_name", 'country."name'),
        )
        for code in LANGUAGES
    },
}


def cards(project_ids, request=None):
    """The cards of the projects of `project_ids`, in that order (ProjectCard), in one query:
    their published partners (by name) and their pictures with the renditions a card shows
    come with them."""
    rows = _rows(
        f"""
        SELECT {", ".join(CARD_VALUES.values())},
            ARRAY(
                SELECT COALESCE(NULLIF(partner.acronym, ''), partner.name)
                FROM projects_projectpage_partners link
                JOIN projects_partner partner ON partner.id = link.partner_id
                WHERE link.projectpage_id = p.page_ptr_id AND partner.live
                ORDER BY partner.name, partner.id
            ),
            {_image_sql("image", "filters")}
        FROM projects_projectpage p
        JOIN wagtailcore_page w ON w.id = p.page_ptr_id
        JOIN projects_country country ON country.id = p.country_id
        LEFT JOIN {Image._meta.db_table} image ON image.id = p.image_id
        WHERE p.page_ptr_id = ANY(%(ids)s)""",
        {"ids": list(project_ids), "filters": CARD_IMAGE_FILTERS},
    )
    names, shown = list(CARD_VALUES), {}
    for row in rows:
        values = dict(zip(names, row[: len(names)], strict=True))
        partners, image = row[len(names)], _image(row[len(names) + 1 :])
        shown[values["pk"]] = ProjectCard(values, partners, image, request)
    return [shown[pk] for pk in project_ids if pk in shown]


class ProjectFacts(NamedTuple):
    """What the filters and their counts look at, for one project."""

    pk: int
    country_id: int
    status: str
    start_year: int | None
    end_year: int | None
    kinds: list  # the kinds of its published partners, each once


# The kinds of each project's published partners, grouped once for all the projects (a
# subquery per project costs PostgreSQL twice as much).
PARTNER_KINDS_JOIN = """
    LEFT JOIN (
        SELECT link.projectpage_id, array_agg(DISTINCT partner.kind) AS kinds
        FROM projects_projectpage_partners link
        JOIN projects_partner partner ON partner.id = link.partner_id
        WHERE partner.live
        GROUP BY link.projectpage_id
    ) partner_kinds ON partner_kinds.projectpage_id = p.page_ptr_id"""


def project_facts(index_page=None):
    """The facts of every live, public project, newest first (the list's order), in one narrow
    query: the list, its filters and their counts are worked out from them, without building
    page rows or a query per filter value. Each project comes once, with the kinds of its
    published partners gathered by PostgreSQL."""
    projects, params = _live_projects_sql(index_page, joins=PARTNER_KINDS_JOIN)
    rows = _rows(
        f"""
        SELECT p.page_ptr_id, p.country_id, p.status, p.start_year, p.end_year,
            COALESCE(partner_kinds.kinds, '{{}}')
        {projects}
        ORDER BY p.start_year DESC, {_translated("title", "w")}, p.page_ptr_id""",
        params,
    )
    return list(map(ProjectFacts._make, rows))


def filter_projects(facts, filters=None):
    """One pass over the projects' facts (`project_facts`): the ids of those that pass every
    filter, in the list's order, and for each filter how many projects each of its values
    would give, the other filters being kept ({"country": {country_id: n}, "kind": {...},
    "status": {...}}, only the values that give projects; a project counts once per kind of
    its partners). What `ProjectFilters.conditions()` asks of the database, worked out in
    Python for hundreds of projects at once."""
    filters = filters or ProjectFilters()
    country = filters.country.pk if filters.country else None
    kind, status = filters.kind or None, filters.status or None
    year_from, year_to = filters.year_from, filters.year_to
    # The values each facet counts, gathered in lists and counted at the end: a Counter's
    # `+= 1` a project and a facet costs more than the rest of the loop.
    ids, by_country, by_kind, by_status = [], [], [], []
    for pk, country_id, project_status, start_year, end_year, kinds in facts:
        other_country = country is not None and country_id != country
        other_kind = kind is not None and kind not in kinds
        other_status = status is not None and project_status != status
        # Active at some point of the period: started by its end, not ended before it.
        outside_period = bool(
            (year_to and (start_year is None or start_year > year_to))
            or (year_from and end_year is not None and end_year < year_from)
        )
        failed = other_country + other_kind + other_status + outside_period
        if failed > 1:
            continue
        # A project that fails one filter still counts for that filter's other values.
        if not failed:
            ids.append(pk)
        if not failed or other_country:
            by_country.append(country_id)
        if not failed or other_kind:
            by_kind.extend(kinds)
        if not failed or other_status:
            by_status.append(project_status)
    counts = {"country": by_country, "kind": by_kind, "status": by_status}
    return ids, {facet: dict(Counter(values)) for facet, values in counts.items()}


def facet_counts(*, index_page=None, filters=None):
    """The counts of `filter_projects` for the live, public projects."""
    return filter_projects(project_facts(index_page), filters)[1]


def partner_countries(index_page=None, facts=None):
    """The published countries (by name in the active language), each with its number of
    published projects (live and public, as the list shows them) in `project_count`: one
    query, the numbers counted from the projects' `facts` when given, by PostgreSQL
    otherwise."""
    columns = _columns(Country, "country")
    name = _translated("name", "country")
    if facts is not None:
        per_country = Counter(project.country_id for project in facts)
        rows = _rows(
            f"SELECT {columns} FROM projects_country country WHERE country.live ORDER BY {name}"
        )
        countries = [_instance(Country, row) for row in rows]
        for country in countries:
            country.project_count = per_country[country.pk]
        return countries
    projects, params = _live_projects_sql(index_page)
    rows = _rows(
        f"""
        SELECT {columns}, COALESCE(counts.projects, 0)
        FROM projects_country country
        LEFT JOIN (SELECT p.country_id, COUNT(*) AS projects {projects} GROUP BY p.country_id)
            counts ON counts.country_id = country.id
        WHERE country.live ORDER BY {name}""",
        params,
    )
    countries = []
    for *values, project_count in rows:
        countries.append(country := _instance(Country, values))
        country.project_count = project_count
    return countries


def live_country(slug):
    """The published country whose slug in the active language is `slug`, or else in another
    language (the page redirects to its address in this one), with its picture and the
    renditions its page shows (`country.image`); None when there is none. One query."""
    slugs = ", ".join(f'country."slug_{code}"' for code in LANGUAGES)
    rows = _rows(
        f"""
        SELECT {_columns(Country, "country")}, {_image_sql("image", "filters")}
        FROM projects_country country
        LEFT JOIN {Image._meta.db_table} image ON image.id = country.image_id
        WHERE country.live AND %(slug)s IN ({slugs})
        ORDER BY {_translated("slug", "country")} = %(slug)s DESC,
            {_translated("name", "country")}, country.id
        LIMIT 1""",
        {"slug": slug, "filters": COUNTRY_IMAGE_FILTERS},
    )
    if not rows:
        return None
    count = len(Country._meta.concrete_fields)
    country = _instance(Country, rows[0][:count])
    if country.image_id is not None:
        country.image = _image(rows[0][count:])
    return country


def country_detail(country, index_page=None, page_number=None, request=None):
    """What a country's page shows: a page of its projects (`page_obj`, and their cards in
    `projects`), newest first, and its published partners by name. Three queries."""
    projects, params = _live_projects_sql(index_page)
    ids = _rows(
        f"""SELECT p.page_ptr_id {projects} AND p.country_id = %(country)s
        ORDER BY p.start_year DESC, {_translated("title", "w")}, p.page_ptr_id""",
        {**params, "country": country.pk},
    )
    page_obj = Paginator([pk for (pk,) in ids], PROJECTS_PER_PAGE).get_page(page_number)
    partners = _rows(
        f"""SELECT {_columns(Partner, "partner")} FROM projects_partner partner
        WHERE partner.country_id = %(country)s AND partner.live
        ORDER BY partner.name, partner.id""",
        {"country": country.pk},
    )
    return {
        "page_obj": page_obj,
        "projects": cards(page_obj.object_list, request),
        "partners": [_instance(Partner, row) for row in partners],
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
