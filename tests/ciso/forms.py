"""Form data the admin's page editor sends, for tests that post to it."""

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield


def standard_page_form(page, **changes):
    """The edit form of a StandardPage as the editor would send it back, with `changes` (field
    values, or an action such as {"action-submit": "1"})."""
    data = {
        "title_fr": page.title_fr,
        "title_en": page.title_en,
        "slug_fr": page.slug_fr,
        "slug_en": page.slug_en,
        "intro_fr": page.intro_fr,
        "intro_en": page.intro_en,
        "body_fr": streamfield([("paragraph", rich_text("<p>Corps.</p>"))]),
        "body_en": streamfield([("paragraph", rich_text("<p>Body.</p>"))]),
    }
    data.update(changes)
    return nested_form_data(data)
