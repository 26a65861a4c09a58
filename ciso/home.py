"""The home page's content in a fixed number of queries, whatever its blocks and however much
content the site has (HomePage.get_context).

Wagtail turns a StreamField's stored data into values one block type at a time, each type with
a query for the pages it chooses and another for its images; the newest pages and every
picture's renditions would cost more queries again, and each ORM query costs more Python than
its SQL. Here the stored data of the hero's buttons and of the body are read first, then three
plain SQL queries load everything they show: the pages chosen (with whether each is in a
private section), the newest pages of each page type listed as new, and the images shown (the
hero's, the cards', the newest pages') with the renditions the templates ask of them. The
blocks then get these objects as their values, as Wagtail would have given them, and render
through their own templates. Everything is read from the database on every request.
"""

import copy
import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from wagtail import blocks
from wagtail.blocks.list_block import ListValue
from wagtail.blocks.stream_block import StreamValue
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock
from wagtail.images.models import AbstractImage, Filter
from wagtail.models import Page, Site, get_page_models

from ciso import routing, rows
from ciso.blocks import LatestPagesBlock
from ciso.queries import CARD_IMAGE_SPECS, IN_PRIVATE_SECTION_SQL
from ciso.templatetags.seo_tags import SHARE_RENDITION

# The renditions of a card's picture (templates/blocks/card-grid-block.html and
# latest-pages-block.html), as Filter objects.
CARD_FILTERS = [Filter(spec) for spec in CARD_IMAGE_SPECS]
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


@dataclass
class NewsCard:
    """A card of "What is new" (ciso.blocks.LatestPagesBlock)."""

    title: str
    url: str
    summary: str
    published: object  # the page's own date (an article's), or the day it was first published
    date_precision: str = "day"  # or "month", when only the month of `published` is known
    image: object = None
    image_alt: str = ""


def load(page, request, hero_filters=()):
    """What the home page's template shows: `hero_actions` and `body`, the values of its
    StreamFields, their chosen pages and images loaded beforehand; `newest_pages`, the cards of
    "What is new" (as many as its blocks ask for); `hero_image`, the page's image with the
    renditions of `hero_filters` loaded, or None."""
    actions_block, body_block = page.hero_actions.stream_block, page.body.stream_block
    actions_data, body_data = list(page.hero_actions.raw_data), list(page.body.raw_data)
    chosen = {Page: set(), get_image_model(): set()}
    _find_chosen(actions_block, actions_data, chosen)
    _find_chosen(body_block, body_data, chosen)

    counts = []
    for item in body_data:
        block = body_block.child_blocks.get(item.get("type"))
        if isinstance(block, LatestPagesBlock):
            counts.append(item["value"].get("count") or block.child_blocks["count"].get_default())
    newest = newest_pages(request, max(counts)) if counts else []

    images = chosen[get_image_model()]
    images.update(p.image_id for p in newest if getattr(p, "image_id", None))
    if page.image_id:
        images.add(page.image_id)
    # The hero's image is also the page's picture for social media (its meta tags).
    filters = [*hero_filters, Filter(SHARE_RENDITION), *CARD_FILTERS]
    loaded = {
        Page: _pages(chosen[Page], request),
        get_image_model(): images_with_renditions(images, filters),
    }
    return {
        "hero_actions": _value(actions_block, actions_data, loaded),
        "body": _value(body_block, body_data, loaded),
        "newest_pages": news_cards(request, newest, loaded[get_image_model()]),
        "hero_image": loaded[get_image_model()].get(page.image_id),
    }


def newest_pages(request, count):
    """The `count` live, public pages published last under the request's site, of the page
    types that are news to visitors (`listed_as_new = True`): one query, whatever the number
    of those types."""
    site = Site.find_for_request(request) if request is not None else None
    root = site.root_page if site else None
    models = [model for model in get_page_models() if getattr(model, "listed_as_new", False)]
    newest = _newest_of(models, root, count) if models else []
    # A page made live without being published (by a script) has no date: it comes last.
    newest.sort(key=lambda page: (page.first_published_at or EPOCH, page.pk), reverse=True)
    return newest[:count]


def news_cards(request, pages, images=None):
    """`pages` as the cards of "What is new", with their images from `images` (by pk, with
    their renditions), loaded in one query when not given."""
    if images is None:
        pks = {page.image_id for page in pages if getattr(page, "image_id", None)}
        images = images_with_renditions(pks, CARD_FILTERS)
    cards = []
    for page in pages:
        image = images.get(getattr(page, "image_id", None))
        cards.append(
            NewsCard(
                title=page.title,
                url=page.get_url(request),
                summary=getattr(page, "listing_summary", "") or page.search_description,
                # The page's own date when it has one (an article's), else its publication's.
                published=getattr(page, "listing_date", None)
                or _local_day(page.first_published_at),
                date_precision=getattr(page, "date_precision", "day"),
                image=image,  # shown with the card's own alt text (image_alt)
                image_alt=getattr(page, "image_alt", ""),
            )
        )
    return cards


def _local_day(moment):
    """The day of `moment` (an aware datetime) in the site's time zone, or None."""
    return timezone.localdate(moment) if moment else None


def images_with_renditions(pks, filters):
    """The images of `pks`, by pk, each with those of its renditions that `filters` name
    already made (`prefetched_renditions`, which Wagtail's rendition lookups read first; the
    missing ones are made when asked for): one query (ciso/rows.py), a row a rendition."""
    pks = sorted({pk for pk in pks if isinstance(pk, int)})
    if not pks:
        return {}
    image_model = get_image_model()
    rendition_model = image_model.get_rendition_model()
    image, rendition = rows.columns(image_model), rows.columns(rendition_model)
    quote = connection.ops.quote_name
    images_table, renditions_table = (
        quote(image_model._meta.db_table),
        quote(rendition_model._meta.db_table),
    )
    sql = (
        f"SELECT {image.sql}, {rendition.sql} FROM {images_table} LEFT JOIN {renditions_table} "
        f'ON {renditions_table}."image_id" = {images_table}."id" '
        f'AND {renditions_table}."filter_spec" = ANY(%s) WHERE {images_table}."id" = ANY(%s)'
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [sorted({f.spec for f in filters}), pks])
        found = cursor.fetchall()
    images, split = {}, len(image.attnames)
    for row in found:
        each = images.get(row[image.pk_position])
        if each is None:  # the image's columns, built once however many renditions it has
            each = images[row[image.pk_position]] = image.instance(row[:split])
            each.prefetched_renditions = []
        if row[split + rendition.pk_position] is not None:
            made = rendition.instance(row[split:])
            made.image = each
            each.prefetched_renditions.append(made)
    return images


def _pages(pks, request=None):
    """The pages of `pks` (base rows, as a PageChooserBlock gives them), by pk, each with
    `in_private_section` and, when live, its address for `request` (`request_url`, as
    `get_url(request)` gives it): one query (ciso/rows.py)."""
    pks = sorted({pk for pk in pks if isinstance(pk, int)})
    if not pks:
        return {}
    page = rows.columns(Page)
    sql = (
        f"SELECT {page.sql}, {IN_PRIVATE_SECTION_SQL} "
        'FROM "wagtailcore_page" WHERE "wagtailcore_page"."id" = ANY(%s)'
    )
    pages = {}
    for each, private in rows.fetch(sql, [pks], page):
        each.in_private_section = private
        if each.live and request is not None:
            # A base row's address is its `url_path` under the site's root (Page.get_url_parts).
            each.request_url = routing.page_url(request, each.url_path) or each.get_url(request)
        pages[each.pk] = each
    return pages


def _newest_of(models, root, count):
    """The `count` live, public pages of exactly one of `models` published last under `root`
    (a strict descendant), each of its own type: one query (ciso/rows.py), each type's table
    joined to the page rows, so that a row has the columns of its own type."""
    types = [ContentType.objects.get_for_model(m, for_concrete_model=False).pk for m in models]
    conditions = ['"wagtailcore_page"."content_type_id" = ANY(%s)', '"wagtailcore_page"."live"']
    params = [types]
    if root is not None:
        # Tree paths are made of digits and capital letters only: nothing to escape for LIKE.
        conditions += ['"wagtailcore_page"."path" LIKE %s', '"wagtailcore_page"."depth" > %s']
        params += [root.path + "%", root.depth]
    conditions.append(f"NOT {IN_PRIVATE_SECTION_SQL}")
    # The newest are found among the base rows alone; only theirs are joined to their types'.
    newest = (
        f'SELECT "wagtailcore_page"."id" FROM "wagtailcore_page" WHERE {" AND ".join(conditions)} '
        'ORDER BY "wagtailcore_page"."first_published_at" DESC NULLS LAST, '
        '"wagtailcore_page"."id" DESC LIMIT %s'
    )
    parts = [rows.columns(model) for model in models]
    sql = (
        f"SELECT {', '.join(part.sql for part in parts)} FROM {rows.specific_joins(models)} "
        f'WHERE "wagtailcore_page"."id" IN ({newest})'
    )
    # Each row is one page: only its own type's part has its primary key (its table's).
    found = rows.fetch(sql, [*params, count], *parts)
    return [next(part for part in each if part.pk is not None) for each in found]


def _list_items(data):
    """The stored values of a ListBlock's items: {"type": "item", "value": …, "id": …} each, or
    the values themselves in the older format; with their ids."""
    for item in data:
        if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
            yield item["value"], item.get("id")
        else:
            yield item, None


def _find_chosen(block, data, chosen):
    """Adds to `chosen` ({model: set of pks}) the pks of the objects of those models chosen in
    `data`, the stored value of `block`. Field blocks first: most blocks are."""
    if data is None:
        return
    if isinstance(block, blocks.FieldBlock):
        if isinstance(block, blocks.ChooserBlock) and block.model_class in chosen:
            chosen[block.model_class].add(data)
    elif isinstance(block, blocks.StructBlock):
        if isinstance(data, dict):
            for name, child in block.child_blocks.items():
                _find_chosen(child, data.get(name), chosen)
        elif isinstance(block, ImageBlock):  # an image's pk, as an ImageChooserBlock stored it
            _find_chosen(block.child_blocks["image"], data, chosen)
    elif isinstance(block, blocks.ListBlock):
        for value, _id in _list_items(data):
            _find_chosen(block.child_block, value, chosen)
    elif isinstance(block, blocks.StreamBlock):
        for item in data:
            if item.get("type") in block.child_blocks:
                _find_chosen(block.child_blocks[item["type"]], item.get("value"), chosen)


def _value(block, data, loaded):
    """The value that Wagtail's `block.to_python(data)` gives, the chosen objects of the models
    in `loaded` ({model: {pk: object}}) taken from there. An image carries the alt text of its
    use (ImageBlock): each use gets its own copy, as Wagtail gives."""
    if isinstance(block, blocks.FieldBlock):
        if isinstance(block, blocks.ChooserBlock) and block.model_class in loaded:
            chosen = loaded[block.model_class].get(data)
            return copy.copy(chosen) if isinstance(chosen, AbstractImage) else chosen
        return block.to_python(data)
    if isinstance(block, ImageBlock):  # its value is the image, with this use's alt text
        if not isinstance(data, dict):  # an image's pk, as an ImageChooserBlock stored it
            image = _value(block.child_blocks["image"], data, loaded)
            alt_text = image.default_alt_text if image else ""
            return block.normalize({"image": image, "decorative": False, "alt_text": alt_text})
        return block.normalize(dict(_struct_items(block, data, loaded)))
    if isinstance(block, blocks.StructBlock):
        return block.meta.value_class(block, _struct_items(block, data, loaded))
    if isinstance(block, blocks.ListBlock):
        children = [
            ListValue.ListChild(block.child_block, _value(block.child_block, value, loaded), id=id)
            for value, id in _list_items(data)
        ]
        return ListValue(block, bound_blocks=children)
    if isinstance(block, blocks.StreamBlock):
        children = []
        for item in data:
            child = block.child_blocks.get(item.get("type"))
            if child is not None:  # a block type since removed is left out, as Wagtail does
                value = _value(child, item.get("value"), loaded)
                children.append((item["type"], value, item.get("id")))
        return StreamValue(block, children)
    return block.to_python(data)


def _struct_items(block, data, loaded):
    """A StructBlock's (name, value) pairs, a child missing from `data` (added to the block
    since) with its default, as Wagtail gives them."""
    return [
        (name, _value(child, data[name], loaded) if name in data else child.get_default())
        for name, child in block.child_blocks.items()
    ]
