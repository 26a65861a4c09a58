"""Page queries that Wagtail answers in several queries, answered here in one.

Wagtail's `PageQuerySet.public()` first loads every view restriction (one query each time it is
used) and `Page.get_view_restrictions()` loads the ancestors before the restrictions (two
queries on every page served). These give the same answers with a subquery instead.
"""

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.db.models.functions import Length, Substr
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Page, PageViewRestriction


def in_private_section():
    """For a query of pages: whether the page is in a private section (a view restriction on
    the page itself or on one of its ancestors), as a subquery. A page is under a restricted
    page when the restricted page's tree path starts its own. Read from the database every
    time: privacy never depends on a cache."""
    return Exists(
        PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
    )


# The same rule in SQL, for the routing's hand-written query (ciso/routing.py): whether the page
# row of the outer query (the table `wagtailcore_page`) is in a private section.
# tests/ciso/test_queries.py checks that both give the same answers.
IN_PRIVATE_SECTION_SQL = """EXISTS (
    SELECT 1 FROM "wagtailcore_pageviewrestriction" AS restriction
    JOIN "wagtailcore_page" AS restricted ON restricted."id" = restriction."page_id"
    WHERE restricted."path" = SUBSTRING("wagtailcore_page"."path", 1, LENGTH(restricted."path"))
)"""


def public_pages(pages):
    """`pages` without those in a private section: what Wagtail's `.public()` gives, in the
    same query as the pages."""
    return pages.filter(~in_private_section())


def ancestor_paths(page, inclusive=True):
    """The tree paths of the page's ancestors, read from its own path (no query)."""
    end = len(page.path) + (1 if inclusive else 1 - page.steplen)
    return [page.path[:length] for length in range(page.steplen, end, page.steplen)]


def view_restrictions(page):
    """The view restrictions that apply to `page`, as Wagtail's `get_view_restrictions()`
    returns them (those of the page and of its ancestors; for an alias among them, those of
    its source page), in one query."""
    chain = Page.objects.filter(path__in=ancestor_paths(page))
    return PageViewRestriction.objects.filter(
        Q(page__in=chain.filter(alias_of__isnull=True))
        | Q(page__in=chain.filter(alias_of__isnull=False).values("alias_of"))
    )


# The renditions a card's picture asks for, on every list of cards (the home page's, the
# projects'): one set of files per picture. templates/includes/project-cards.html writes the
# same specification in its {% picture %} tag.
CARD_IMAGE_SPECS = Filter.expand_spec("fill-{400x250,800x500} format-{webp,jpeg}")


def image_renditions(lookup, *filter_specs):
    """A prefetch of the renditions (`filter_specs`) that templates ask of the images at
    `lookup`, to use with `select_related(lookup)`: one query for all of them, whatever the
    number of images. Wagtail's rendition lookups read `prefetched_renditions`."""
    renditions = get_image_model().get_rendition_model().objects.all()
    return Prefetch(
        f"{lookup}__renditions",
        queryset=renditions.filter(filter_spec__in=filter_specs),
        to_attr="prefetched_renditions",
    )
