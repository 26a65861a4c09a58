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
from django.utils import translation
from django.utils.html import format_html
from django.utils.text import Truncator
from modeltranslation.utils import build_localized_fieldname
from modeltranslation.utils import get_language as active_language
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Page

from ciso import routing, rows
from ciso.queries import (
    CARD_IMAGE_SPECS,
    IN_PRIVATE_SECTION_SQL,
    image_renditions,
    public_pages,
)
from ciso.templatetags.seo_tags import SHARE_RENDITION
from projects.models import Country, Partner, ProjectPage, Theme, period

# Project cards on a page of the list, or of a country's page.
PROJECTS_PER_PAGE = 12
SUMMARY_WORDS = 40  # of a project's summary on its card
LANGUAGES = [code for code, _name in settings.LANGUAGES]
CARD_IMAGE_FILTERS = CARD_IMAGE_SPECS  # the core's, shared with the home page's cards
# A country page's picture (templates/projects/country_page.html).
COUNTRY_IMAGE_FILTERS = Filter.expand_spec(
    "fill-{480x270,800x450,1200x675}-c100 format-{webp,jpeg}"
)
# A project page's picture (templates/projects/project_page.html), and as the page is shared
# (its meta tags). Every rendition the page asks of it must be here: Wagtail takes prefetched
# renditions for all there are, and would make a missing one again on every request.
PAGE_IMAGE_FILTERS = [
    *Filter.expand_spec("width-{480,800,1200} format-{webp,jpeg}"),
    SHARE_RENDITION,
]
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
    def has_period(self):
        return bool(self.year_from or self.year_to)

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


# The queries every page of the section runs are written in SQL (ciso/rows.py): the ORM takes
# about 1 ms of Python to compile a query over the pages' tables (modeltranslation's columns,
# the joins of multi-table inheritance), several times what PostgreSQL takes to answer it.
# Their rows become instances as the ORM builds them (`rows.columns`), or stay plain values.
PAGE = "wagtailcore_page"
PROJECT = "projects_projectpage"
IMAGE = Image._meta.db_table


def _values(sql, params):
    """The rows of `sql` as tuples of plain values (its parameters named: `%(name)s`)."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _translated(field, table):
    """The column of a translated field in the active language: the one `order_by(field)`
    sorts by (modeltranslation)."""
    return f'{table}."{build_localized_fieldname(field, active_language())}"'


def _live_projects_sql(index_page=None, *, joins=""):
    """The FROM and WHERE clauses of the live projects out of any private section
    (`live_projects`), the children of `index_page` when given, with their parameters; `joins`
    come after the project's two tables. Privacy is read from the database every time
    (ciso.queries.IN_PRIVATE_SECTION_SQL, the twin of `public_pages`)."""
    sql = f"FROM {rows.specific_join(ProjectPage)} {joins} WHERE {PAGE}.live AND NOT "
    sql += IN_PRIVATE_SECTION_SQL
    if index_page is None:
        return sql, {}
    # Tree paths are made of digits and capital letters only: nothing to escape for LIKE.
    sql += f" AND {PAGE}.path LIKE %(index_path)s AND {PAGE}.depth = %(index_depth)s"
    return sql, {"index_path": index_page.path + "%", "index_depth": index_page.depth + 1}


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
    """What the card of a project shows (templates/includes/project-cards.html), as plain values.

    A project's page is some seventy columns over two tables, three StreamFields and a
    translation descriptor a field: building twelve of them cost more than the rest of the
    list. A card's values come in one narrow query instead, each translated one in every
    language (`title_fr`, `title_en`…, which `lang_attr` reads), shown as modeltranslation
    shows it: in the active language, or in the French.
    """

    TRANSLATED = ("title", "summary", "image_alt", "country_name", "url_path")

    def __init__(self, values, partners, image, request=None, languages=None):
        self.__dict__.update(values)
        languages = languages or shown_languages()
        for name in self.TRANSLATED:
            # Shown in the first of `languages` that has it (ciso.i18n.shown_language's rule),
            # and the lang_attr tag's attribute: ` lang="fr"` on a fallback, for screen
            # readers; nothing in the page's language.
            shown = next((code for code in languages if values[f"{name}_{code}"]), languages[0])
            setattr(self, name, values[f"{name}_{shown}"] or "")
            lang = format_html(' lang="{}"', shown) if shown != languages[0] else ""
            setattr(self, f"{name}_lang_attr", lang)
        self.partners = partners  # its published partners' acronyms (or names)
        self.image = image
        self.period = period(self.start_year, self.end_year)
        self.status_label = ProjectPage.Status(self.status).label if self.status else ""
        # What the card's template shows as written, worked out here rather than by a filter
        # or a few tags a card (templates/includes/project-cards.html).
        self.meta = f"{self.country_name} · {self.period}"
        if self.status_label:
            self.meta += f" · {self.status_label}"
        self.excerpt = Truncator(self.summary).words(SUMMARY_WORDS, truncate=" …")
        self.url = routing.page_url(request, self.url_path) if request else None
        if self.url is None:  # not under the request's site: Wagtail says where it is
            self.url = Page(
                **{f"url_path_{code}": values[f"url_path_{code}"] for code in LANGUAGES}
            ).get_url(request)


def shown_languages():
    """The languages a translated field is looked for in, in order: the active one, then
    modeltranslation's fallbacks (ciso.i18n.shown_language), worked out once for many."""
    active = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES["default"]
    return (active, *(code for code in fallbacks if code != active))


# What a card reads of a project: its name on the card, and its column.
CARD_VALUES = {
    "pk": f"{PROJECT}.page_ptr_id",
    "start_year": f"{PROJECT}.start_year",
    "end_year": f"{PROJECT}.end_year",
    "status": f"{PROJECT}.status",
    "image_id": f"{PROJECT}.image_id",
    **{
        f"{name}_{code}": f'{table}."{column}_{code}"'
        for name, table, column in (
            ("title", PAGE, "title"),
            ("summary", PROJECT, "summary"),
            ("image_alt", PROJECT, "image_alt"),
            ("url_path", PAGE, "url_path"),
            ("country_name", "projects_country", "name"),
        )
        for code in LANGUAGES
    },
}


def cards(project_ids, request=None):
    """The cards of the projects of `project_ids`, in that order (ProjectCard), in one query:
    their published partners (by name) and their pictures with the renditions a card shows
    come with them."""
    image = rows.columns(Image)
    found = rows.fetch(
        f"""
        SELECT {image.sql}, {", ".join(CARD_VALUES.values())},
            ARRAY(
                SELECT COALESCE(NULLIF(partner.acronym, ''), partner.name)
                FROM projects_projectpage_partners link
                JOIN projects_partner partner ON partner.id = link.partner_id
                WHERE link.projectpage_id = {PROJECT}.page_ptr_id AND partner.live
                ORDER BY partner.name, partner.id
            ),
            {rows.renditions_sql(IMAGE, "%(filters)s")}
        FROM {rows.specific_join(ProjectPage)}
        JOIN projects_country ON projects_country.id = {PROJECT}.country_id
        LEFT JOIN {IMAGE} ON {IMAGE}.id = {PROJECT}.image_id
        WHERE {PROJECT}.page_ptr_id = ANY(%(ids)s)""",
        {"ids": list(project_ids), "filters": CARD_IMAGE_FILTERS},
        image,
    )
    names, languages, shown = list(CARD_VALUES), shown_languages(), {}
    for image, *values, partners, renditions in found:
        values = dict(zip(names, values, strict=True))
        image = rows.with_renditions(image, renditions)
        shown[values["pk"]] = ProjectCard(values, partners, image, request, languages)
    return [shown[pk] for pk in project_ids if pk in shown]


class ProjectFacts(NamedTuple):
    """What the filters and their counts look at, shared by `projects` projects."""

    country_id: int
    status: str
    kinds: list  # the kinds of their published partners, each once
    start_year: int | None  # None unless the facts were asked by period
    end_year: int | None
    projects: int


# The kinds of each project's published partners, grouped once for all the projects (a
# subquery per project costs PostgreSQL twice as much).
PARTNER_KINDS_JOIN = """
    LEFT JOIN (
        SELECT link.projectpage_id, array_agg(DISTINCT partner.kind) AS kinds
        FROM projects_projectpage_partners link
        JOIN projects_partner partner ON partner.id = link.partner_id
        WHERE partner.live
        GROUP BY link.projectpage_id
    ) partner_kinds ON partner_kinds.projectpage_id = projects_projectpage.page_ptr_id"""


def project_facts(index_page=None, *, by_period=False):
    """The facts of the live, public projects, in one query: each set of facts the filters
    look at (country, status, partners' kinds; and years `by_period`, when the list is filtered
    by period) once, with the number of projects that share it. The filters' counts are worked
    out from them (`filter_projects`): a few dozen rows for hundreds of projects."""
    years = f"{PROJECT}.start_year, {PROJECT}.end_year" if by_period else "NULL, NULL"
    projects, params = _live_projects_sql(index_page, joins=PARTNER_KINDS_JOIN)
    facts = _values(
        f"""
        SELECT {PROJECT}.country_id, {PROJECT}.status, COALESCE(partner_kinds.kinds, '{{}}'),
            {years}, COUNT(*)
        {projects}
        GROUP BY 1, 2, 3, 4, 5""",
        params,
    )
    return list(map(ProjectFacts._make, facts))


def filter_projects(facts, filters=None):
    """One pass over the projects' `facts` (asked `by_period` when `filters` have a period):
    how many projects pass every filter, and for each filter how many each of its values would
    give, the other filters being kept ({"country": {country_id: n}, "kind": {...}, "status":
    {...}}, only the values that give projects; a project counts once per kind of its
    partners). What `ProjectFilters.conditions()` asks of the database, worked out in Python."""
    filters = filters or ProjectFilters()
    country = filters.country.pk if filters.country else None
    kind, status = filters.kind or None, filters.status or None
    year_from, year_to = filters.year_from, filters.year_to
    total = 0
    counts = {"country": Counter(), "kind": Counter(), "status": Counter()}
    by_country, by_kind, by_status = counts["country"], counts["kind"], counts["status"]
    for country_id, project_status, kinds, start_year, end_year, projects in facts:
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
        # Projects that fail one filter still count for that filter's other values.
        if not failed:
            total += projects
        if not failed or other_country:
            by_country[country_id] += projects
        if not failed or other_kind:
            for project_kind in kinds:
                by_kind[project_kind] += projects
        if not failed or other_status:
            by_status[project_status] += projects
    return total, {facet: dict(values) for facet, values in counts.items()}


def facet_counts(*, index_page=None, filters=None):
    """The counts of `filter_projects` for the live, public projects."""
    filters = filters or ProjectFilters()
    facts = project_facts(index_page, by_period=filters.has_period)
    return filter_projects(facts, filters)[1]


def projects_per_country(facts):
    """{country_id: number of projects} of the projects' `facts`."""
    per_country = Counter()
    for facts_of_some in facts:
        per_country[facts_of_some.country_id] += facts_of_some.projects
    return per_country


class ProjectIds:
    """The ids of the live, public projects that pass `filters`, newest first, as the list's
    Paginator reads them: their number is given (`filter_projects` counted them), and each
    page's ids are one query (LIMIT and OFFSET)."""

    def __init__(self, index_page, filters, count):
        self.index_page, self.filters, self._count = index_page, filters, count

    def count(self):
        return self._count

    def __len__(self):
        return self._count

    def __getitem__(self, page):
        conditions, params = _filter_conditions(self.filters)
        projects, live_params = _live_projects_sql(self.index_page)
        rows = _values(
            f"""
            SELECT {PROJECT}.page_ptr_id {projects} {conditions}
            ORDER BY {PROJECT}.start_year DESC, {_translated("title", PAGE)},
                {PROJECT}.page_ptr_id
            LIMIT %(limit)s OFFSET %(offset)s""",
            {**live_params, **params, "offset": page.start, "limit": page.stop - page.start},
        )
        return [pk for (pk,) in rows]


def _filter_conditions(filters):
    """`filters` (ProjectFilters) as SQL conditions on the live projects' rows (each starting
    with AND), with their parameters: what `ProjectFilters.conditions()` asks of the ORM."""
    conditions, params = [], {}
    if filters.country:
        conditions.append(f"{PROJECT}.country_id = %(country)s")
        params["country"] = filters.country.pk
    if filters.kind:
        conditions.append(
            f"""EXISTS (
                SELECT FROM projects_projectpage_partners link
                JOIN projects_partner partner ON partner.id = link.partner_id
                WHERE link.projectpage_id = {PROJECT}.page_ptr_id AND partner.live
                    AND partner.kind = %(kind)s
            )"""
        )
        params["kind"] = filters.kind
    if filters.status:
        conditions.append(f"{PROJECT}.status = %(status)s")
        params["status"] = filters.status
    if filters.year_to:
        conditions.append(f"{PROJECT}.start_year <= %(year_to)s")
        params["year_to"] = filters.year_to
    if filters.year_from:
        conditions.append(f"({PROJECT}.end_year IS NULL OR {PROJECT}.end_year >= %(year_from)s)")
        params["year_from"] = filters.year_from
    return "".join(f" AND {condition}" for condition in conditions), params


def live_countries():
    """The published countries, by name in the active language: one query."""
    country = rows.columns(Country)
    found = rows.fetch(
        f"SELECT {country.sql} FROM projects_country WHERE projects_country.live"
        f" ORDER BY {_translated('name', 'projects_country')}",
        {},
        country,
    )
    return [country for (country,) in found]


def partner_countries(index_page=None):
    """The published countries (by name in the active language), each with its number of
    published projects (live and public, as the list shows them) in `project_count`, counted
    by PostgreSQL: one query."""
    country = rows.columns(Country)
    projects, params = _live_projects_sql(index_page)
    found = rows.fetch(
        f"""
        SELECT {country.sql}, COALESCE(counts.projects, 0) FROM projects_country
        LEFT JOIN (
            SELECT {PROJECT}.country_id, COUNT(*) AS projects {projects}
            GROUP BY {PROJECT}.country_id
        ) counts ON counts.country_id = projects_country.id
        WHERE projects_country.live
        ORDER BY {_translated("name", "projects_country")}""",
        params,
        country,
    )
    return [_counted(country, count) for country, count in found]


def _counted(country, project_count):
    country.project_count = project_count
    return country


def live_country(slug):
    """The published country whose slug in the active language is `slug`, or else in another
    language (its page redirects to this language's address), with its picture and the
    renditions its page shows (`country.image`); None when there is none. One query."""
    country, image = rows.columns(Country), rows.columns(Image)
    slugs = ", ".join(f'projects_country."slug_{code}"' for code in LANGUAGES)
    found = rows.fetch(
        f"""
        SELECT {country.sql}, {image.sql}, {rows.renditions_sql(IMAGE, "%(filters)s")}
        FROM projects_country
        LEFT JOIN {IMAGE} ON {IMAGE}.id = projects_country.image_id
        WHERE projects_country.live AND %(slug)s IN ({slugs})
        ORDER BY {_translated("slug", "projects_country")} = %(slug)s DESC,
            {_translated("name", "projects_country")}, projects_country.id
        LIMIT 1""",
        {"slug": slug, "filters": COUNTRY_IMAGE_FILTERS},
        country,
        image,
    )
    if not found:
        return None
    country, image, renditions = found[0]
    if image is not None:
        country.image = rows.with_renditions(image, renditions)
    return country


def country_detail(country, index_page=None, page_number=None, request=None):
    """What a country's page shows: a page of its projects (`page_obj`, and their cards in
    `projects`), newest first, and its published partners by name. Three queries."""
    projects, params = _live_projects_sql(index_page)
    ids = _values(
        f"""
        SELECT {PROJECT}.page_ptr_id {projects} AND {PROJECT}.country_id = %(country)s
        ORDER BY {PROJECT}.start_year DESC, {_translated("title", PAGE)}, {PROJECT}.page_ptr_id""",
        {**params, "country": country.pk},
    )
    page_obj = Paginator([pk for (pk,) in ids], PROJECTS_PER_PAGE).get_page(page_number)
    return {
        "page_obj": page_obj,
        "projects": cards(page_obj.object_list, request),
        "partners": _live_partners(
            "projects_partner.country_id = %(country)s", {"country": country.pk}
        ),
    }


def _live_partners(condition, params):
    """The published partners that meet `condition` (SQL), by name."""
    partner = rows.columns(Partner)
    found = rows.fetch(
        f"""SELECT {partner.sql} FROM projects_partner
        WHERE projects_partner.live AND {condition}
        ORDER BY projects_partner.name, projects_partner.id""",
        params,
        partner,
    )
    return [partner for (partner,) in found]


@dataclass(frozen=True)
class TeaserPartner:
    """A published partner as the home page's section of the projects names it."""

    pk: int
    name: str
    acronym: str
    country: object  # its Country, published or not: the section names it only when it is


def countries_and_partners(index_page=None):
    """What the home page's section of the projects shows, in one query: the published
    countries as `partner_countries` gives them, and every published partner by name with its
    country (`TeaserPartner`)."""
    country = rows.columns(Country)
    projects, params = _live_projects_sql(index_page)
    found = rows.fetch(
        f"""
        SELECT {country.sql}, COALESCE(counts.projects, 0), (
            SELECT json_agg(
                json_build_array(partner.id, partner.name, partner.acronym, partner.country_id)
                ORDER BY partner.name, partner.id
            )
            FROM projects_partner partner WHERE partner.live
        )
        FROM projects_country
        LEFT JOIN (
            SELECT {PROJECT}.country_id, COUNT(*) AS projects {projects}
            GROUP BY {PROJECT}.country_id
        ) counts ON counts.country_id = projects_country.id
        ORDER BY {_translated("name", "projects_country")}""",
        params,
        country,
    )
    # The partners (the same list on every row: PostgreSQL reads it once) need every country,
    # published or not; the list of countries, the published ones.
    by_pk = {each.pk: each for each, _count, _partners in found}
    partners = [
        TeaserPartner(pk, name, acronym, by_pk[country_id])
        for pk, name, acronym, country_id in (found[0][2] if found else None) or ()
    ]
    countries = [_counted(each, count) for each, count, _partners in found if each.live]
    return countries, partners


def project_detail_relations(project, request=None):
    """What a project's page shows besides its own fields, in three queries: its published
    partners and themes by name, and its country and picture (set on `project`, the picture
    with the renditions the page shows). A preview shows the partners and themes of the page
    it is given, which may be unsaved (Wagtail's `request.is_preview`): the ORM reads them."""
    if getattr(request, "is_preview", False):
        return {
            "partners": project.partners.filter(live=True).order_by("name"),
            "themes": project.themes.filter(live=True).order_by("name"),
        }
    country, image = rows.columns(Country), rows.columns(Image)
    found = rows.fetch(
        f"""
        SELECT {country.sql}, {image.sql}, {rows.renditions_sql(IMAGE, "%(filters)s")}
        FROM projects_country
        LEFT JOIN {IMAGE} ON {IMAGE}.id = %(image)s
        WHERE projects_country.id = %(country)s""",
        {"country": project.country_id, "image": project.image_id, "filters": PAGE_IMAGE_FILTERS},
        country,
        image,
    )
    if found:
        project.country, image, renditions = found[0]
        if project.image_id is not None:
            project.image = rows.with_renditions(image, renditions)
    theme = rows.columns(Theme)
    themes = rows.fetch(
        f"""
        SELECT {theme.sql} FROM projects_theme
        JOIN projects_projectpage_themes link ON link.theme_id = projects_theme.id
        WHERE link.projectpage_id = %(project)s AND projects_theme.live
        ORDER BY {_translated("name", "projects_theme")}, projects_theme.id""",
        {"project": project.pk},
        theme,
    )
    return {
        "partners": _live_partners(
            """projects_partner.id IN (SELECT link.partner_id FROM projects_projectpage_partners
            link WHERE link.projectpage_id = %(project)s)""",
            {"project": project.pk},
        ),
        "themes": [theme for (theme,) in themes],
    }


def partner_country_count():
    """Countries where the CISO has supported partners: every published country, as the map
    shows them, whether or not a partner or a project page is recorded for it yet."""
    return Country.objects.filter(live=True).count()
