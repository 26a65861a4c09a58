"""Rich text as visitors get it: only the tags, attributes and links the site allows."""

import nh3
from django.utils.safestring import mark_safe

# What the rich text features (ciso.blocks.RICH_TEXT_FEATURES) produce once Wagtail has
# expanded its links, plus headings and quotes that pasted or imported text may hold.
RICH_TEXT_TAGS = {
    "a", "b", "blockquote", "br", "em", "h2", "h3", "h4", "h5", "h6", "i", "li", "ol", "p",
    "strong", "sub", "sup", "ul",
}  # fmt: skip
RICH_TEXT_ATTRIBUTES = {"a": {"href"}, "*": {"lang"}}
RICH_TEXT_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def clean_rich_text(html):
    """Rich text as the public site shows it: an allow-list of tags and attributes, links only
    to web, mail and phone addresses (or relative). The admin's editor already drops anything
    else, but rich text saved another way (a script, an import, the shell) never went through
    it: a `<script>`, an `onerror` attribute or a `javascript:` link is removed here."""
    return mark_safe(  # the sanitiser's output
        nh3.clean(
            str(html),
            tags=RICH_TEXT_TAGS,
            attributes=RICH_TEXT_ATTRIBUTES,
            url_schemes=RICH_TEXT_URL_SCHEMES,
            link_rel=None,
        )
    )
