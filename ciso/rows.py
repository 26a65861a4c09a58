"""Model instances read with SQL written once per process, for the queries that pages built
with nothing cached make: those of every page (the site's lookup in ciso/patches.py, the
routing in ciso/routing.py, the site settings, rich-text links, the pages, documents and images
that StreamField blocks choose, also in ciso/patches.py) and the heaviest of a few page types
(the home page's blocks, the projects' lists and pages, the home page's partners, the
timeline, the figures).

Django's ORM builds the SQL of a query again each time it runs, and that costs more than running
it: a page row carries some forty columns (wagtail-modeltranslation adds one per language to
each translated field) and each of them is compiled anew. Measured with nothing cached, Wagtail's
site lookup took 1.8 ms of Python for a query that PostgreSQL answers in 0.1 ms, and the routing
3.3 ms for its two. Here the column lists come from the models' own fields (`columns`), the
queries around them are written by hand, and the rows become model instances as the ORM makes
them (`Model.from_db`, with each field's converters), so nothing else can tell the difference.
"""

from dataclasses import dataclass
from functools import cache

from django.db import connection
from django.db.models.expressions import Col
from wagtail.images import get_image_model


@dataclass(frozen=True)
class Columns:
    """The concrete fields of `model` in a SELECT list, and how to read them back."""

    model: type
    sql: str  # the columns, each qualified by its own table
    attnames: tuple
    converters: tuple  # per column, the converters that the ORM would run on its value
    pk_position: int

    def instance(self, values):
        values = list(values)
        for position, column, converters in self.converters:
            for converter in converters:
                values[position] = converter(values[position], column, connection)
        return self.model.from_db(connection.alias, self.attnames, values)


@cache  # by model and alias: what is kept is the schema, which only a deployment changes
def columns(model, alias=None):
    """The `Columns` of `model`, each field read from its own table (`wagtailcore_page` for a
    page's common fields, the page type's table for the others), or from `alias` (a model of
    one table joined under another name)."""
    fields = model._meta.concrete_fields
    if alias and model._meta.get_parent_list():
        raise ValueError(f"{model.__name__} has several tables: no alias")
    quote = connection.ops.quote_name
    converters = []
    for position, field in enumerate(fields):
        column = Col(alias or field.model._meta.db_table, field)
        found = connection.ops.get_db_converters(column) + field.get_db_converters(connection)
        if found:
            converters.append((position, column, tuple(found)))
    return Columns(
        model=model,
        sql=", ".join(
            f"{quote(alias or f.model._meta.db_table)}.{quote(f.column)}" for f in fields
        ),
        attnames=tuple(f.attname for f in fields),
        converters=tuple(converters),
        pk_position=next(n for n, f in enumerate(fields) if f.primary_key),
    )


def fetch(sql, params, *parts):
    """Run `sql`, whose SELECT list is each `Columns` of `parts` in turn, then any further
    values; return each row as a tuple of one instance per part, then those values. A part
    without a primary key (a LEFT JOIN that found no row) is None."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    result = []
    for row in rows:
        items, start = [], 0
        for part in parts:
            end = start + len(part.attnames)
            values = row[start:end]
            items.append(part.instance(values) if values[part.pk_position] is not None else None)
            start = end
        result.append((*items, *row[start:]))
    return result


def specific_join(model):
    """The FROM clause that loads a page of type `model` with its common fields: the page table
    joined with each table of the page type's inheritance chain."""
    quote = connection.ops.quote_name
    page_table = quote("wagtailcore_page")
    joins = [page_table]
    for parent in [*reversed(model._meta.get_parent_list()), model]:
        table = parent._meta.db_table
        if table == "wagtailcore_page":
            continue
        key = quote(parent._meta.pk.column)
        joins.append(f'JOIN {quote(table)} ON {quote(table)}.{key} = {page_table}."id"')
    return " ".join(joins)


def specific_joins(models):
    """The FROM clause that loads pages of any of `models` with their common fields: the page
    table, LEFT JOINed to each table of their inheritance chains (a page has the columns of
    its own type; those of the other types are NULL)."""
    quote = connection.ops.quote_name
    page_table = quote("wagtailcore_page")
    joins, seen = [page_table], {"wagtailcore_page"}
    for model in models:
        for parent in [*reversed(model._meta.get_parent_list()), model]:
            table = parent._meta.db_table
            if table in seen:
                continue
            seen.add(table)
            key = quote(parent._meta.pk.column)
            joins.append(f'LEFT JOIN {quote(table)} ON {quote(table)}.{key} = {page_table}."id"')
    return " ".join(joins)


def renditions_sql(image, placeholder):
    """A subquery of the SELECT list: the renditions of the image row `image` (its table's
    name or alias in the query) whose filter spec is among the parameter `placeholder`
    (`%s`, `%(filters)s`), as a JSON array of rows. `with_renditions` reads it."""
    model = get_image_model().get_rendition_model()
    rendition = columns(model, "rendition")
    return f"""(
        SELECT json_agg(json_build_array({rendition.sql})) FROM {model._meta.db_table} rendition
        WHERE rendition.image_id = {image}.id AND rendition.filter_spec = ANY({placeholder})
    )"""


def with_renditions(image, renditions):
    """`image` (a part of `fetch`, None when a LEFT JOIN found none) with the `renditions` of
    `renditions_sql` where Wagtail looks for prefetched ones: its picture and image tags find
    them there, and make only those missing."""
    if image is not None:
        part = columns(type(image).get_rendition_model(), "rendition")
        image.prefetched_renditions = [part.instance(values) for values in renditions or ()]
        for rendition in image.prefetched_renditions:
            rendition.image = image  # as a prefetch leaves it
    return image
