"""What a page says about itself to search engines and social media: description, canonical
address, Open Graph and Twitter card tags, JSON-LD (the organisation, the breadcrumbs)."""

import json
import logging

from django import template
from django.templatetags.static import static
from django.utils import translation
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from modeltranslation.utils import build_localized_fieldname
from wagtail.images.models import SourceImageIOError
from wagtail.models import Page

register = template.Library()
logger = logging.getLogger(__name__)

DESCRIPTION_LENGTH = 160
# Fields a page's description falls back to, in order, when its search description is empty.
SUMMARY_FIELDS = ("search_description", "intro", "summary")
OG_LOCALES = {"fr": "fr_CA", "en": "en_CA"}
SHARE_RENDITION = "fill-1200x630"
# As Django's json_script: the JSON cannot close the <script> element or open a comment.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _plain(text):
    return " ".join(strip_tags(str(text or "")).split())


def page_description(page):
    """The page's description in the active language: its search description, else its
    introduction or summary, cut to a snippet's length; the French only when the page has
    none of them in the active language."""
    language = (translation.get_language() or "fr")[:2]
    specific = page.specific_deferred if type(page) is Page else page
    for localized in (True, False):
        for name in SUMMARY_FIELDS:
            attribute = build_localized_fieldname(name, language) if localized else name
            text = _plain(getattr(specific, attribute, ""))
            if text:
                return Truncator(text).chars(DESCRIPTION_LENGTH)
    return ""


def _share_image(page, site_settings):
    """The page's own image (a project's), else the sharing image of the site settings."""
    image = getattr(page, "image", None)
    if image is not None:
        return image, getattr(page, "image_alt", "") or ""
    if site_settings and site_settings.share_image_id:
        image = site_settings.share_image
        return image, image.description
    return None, ""


def share_rendition(image):
    """The image's rendition for social media, or None (also when its file is lost: the page
    is then shared without a picture)."""
    if image is None:
        return None
    try:
        return image.get_rendition(SHARE_RENDITION)
    except SourceImageIOError:
        logger.warning("Image %s: its file is missing", image.pk)
        return None


@register.inclusion_tag("includes/meta-tags.html", takes_context=True)
def meta_tags(context, alternates):
    """Description, canonical URL, Open Graph and Twitter card of the current page."""
    request = context["request"]
    page = context.get("page") if isinstance(context.get("page"), Page) else None
    site_settings = context.get("settings") and context["settings"]["ciso"]["SiteSettings"]
    title = context.get("meta_title") or (page and (page.seo_title or page.title)) or ""
    description = context.get("meta_description") or (page and page_description(page)) or ""
    if not description and site_settings:
        description = site_settings.tagline
    current = next((a for a in alternates if a["is_current"]), None)
    language = (translation.get_language() or "fr")[:2]
    image, image_alt = _share_image(page, site_settings)
    rendition = share_rendition(image)
    return {
        "title": title,
        "description": description,
        "canonical": current["absolute_url"].split("?")[0] if current else "",
        "site_name": site_settings.acronym if site_settings else "",
        "og_type": "website" if page is None or page.depth <= 2 else "article",
        "locale": OG_LOCALES.get(language, language),
        "alternate_locales": [OG_LOCALES[a["code"]] for a in alternates if not a["is_current"]],
        "image_url": request.build_absolute_uri(rendition.url) if rendition else "",
        "image": rendition,
        "image_alt": image_alt,
        "robots": context.get("meta_robots", ""),
    }


def _json_ld(data):
    text = json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.simple_tag(takes_context=True)
def structured_data(context, trail):
    """JSON-LD: the breadcrumbs of every page (the visible ones), and on the home page the
    organisation from the site settings."""
    request = context["request"]
    scripts = []
    if trail:
        scripts.append(
            _json_ld(
                {
                    "@context": "https://schema.org",
                    "@type": "BreadcrumbList",
                    "itemListElement": [
                        {
                            "@type": "ListItem",
                            "position": position,
                            "name": str(title),
                            "item": request.build_absolute_uri(url),
                        }
                        for position, (title, url) in enumerate(trail, start=1)
                    ],
                }
            )
        )
    page = context.get("page")
    site_settings = context.get("settings") and context["settings"]["ciso"]["SiteSettings"]
    if isinstance(page, Page) and page.depth == 2 and site_settings:
        scripts.append(_json_ld(organisation(site_settings, request, page.get_url(request))))
    # A page type says what it is in its own terms (a news article): `structured_data`.
    if isinstance(page, Page) and hasattr(page, "structured_data") and site_settings and trail:
        publisher = organisation(site_settings, request, trail[0][1])  # the home page's
        publisher.pop("@context")
        data = page.structured_data(request, publisher=publisher)
        if data:
            scripts.append(_json_ld({"@context": "https://schema.org", **data}))
    return mark_safe("\n".join(scripts))


def organisation(site_settings, request, home_url):
    """The organisation as schema.org's NGO (its home page at `home_url`); what the settings
    leave empty is left out."""
    data = {
        "@context": "https://schema.org",
        "@type": "NGO",
        "name": site_settings.organisation_name or site_settings.acronym,
        "alternateName": site_settings.acronym,
        "url": request.build_absolute_uri(home_url),
        "logo": request.build_absolute_uri(static("img/logo.svg")),
        "description": site_settings.tagline,
        "foundingDate": str(site_settings.founding_year or ""),
        "address": ", ".join(line.strip() for line in site_settings.address.splitlines() if line),
        "email": site_settings.email,
        "telephone": site_settings.phone,
        "sameAs": [link.value["url"] for link in site_settings.social_links],
    }
    return {key: value for key, value in data.items() if value}
