"""How rich text shows its links to pages."""

from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler as WagtailPageLinkHandler

from ciso import rows


def _addressed_as_a_page(model):
    """Whether the pages of `model` have the address Wagtail gives any page (from its
    `url_path` in the active language), which the base page row already knows."""
    return model is None or all(
        getattr(model, name) is getattr(Page, name) for name in ("get_url_parts", "get_url")
    )


class PageLinkHandler(WagtailPageLinkHandler):
    """Wagtail's handler of links to pages in rich text, from the pages' base rows: one query
    for all the links of a text (SQL written once: ciso/rows.py), where Wagtail's loads the
    specific pages (two). A page whose model computes its address differently is loaded as
    Wagtail loads it. Registered in ciso/wagtail_hooks.py, in place of Wagtail's."""

    @classmethod
    def get_many(cls, attrs_list):
        ids = [str(attrs.get("id")) for attrs in attrs_list]
        columns = rows.columns(Page)
        found = rows.fetch(
            f'SELECT {columns.sql} FROM "wagtailcore_page" WHERE "wagtailcore_page"."id" = ANY(%s)',
            # Only what can be a page's id: a link's attribute is whatever the text holds.
            [[int(pk) for pk in ids if pk.isdigit() and int(pk) < 2**63]],
            columns,
        )
        pages = {str(page.pk): page for (page,) in found}
        for pk, page in pages.items():
            if not _addressed_as_a_page(page.specific_class):
                pages[pk] = page.specific
        return [pages.get(pk) for pk in ids]
