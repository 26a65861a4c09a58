"""Country pages keep their old addresses: when a country's slug changes in a language, its old
address in that language redirects to the new one, as Wagtail's redirects do for pages.

The country pages are routes of the project index (`pays/<slug>/`, `countries/<slug>/`), so the
redirects point at the index page and a route: they follow the index if it moves too.
"""

from django.conf import settings
from django.db.models.signals import post_save, pre_save
from django.utils import translation
from wagtail.contrib.redirects.models import Redirect

from projects.models import Country, ProjectIndexPage

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def country_route(index_page, slug, language):
    """The route of a country's page under the index, in `language`: "/pays/haiti/"."""
    with translation.override(language):
        route = index_page.reverse_subpage(f"country_{language}", args=[slug])
    return Redirect.normalise_page_route_path(route)


def index_path(index_page, site, language):
    """The index page's path in `language` ("/fr/projets/"), from its stored url_path."""
    root = site.root_page
    root_path = getattr(root, f"url_path_{language}", None) or root.url_path
    url_path = getattr(index_page, f"url_path_{language}", None) or index_page.url_path
    if not url_path.startswith(root_path):
        return None
    return f"/{language}/{url_path[len(root_path) :]}"


def redirect_to_route(site, old_path, index_page, route):
    """A permanent redirect from `old_path` to a route of the index page (a country's page)."""
    Redirect.objects.update_or_create(
        old_path=Redirect.normalise_path(old_path),
        site=site,
        defaults={
            "redirect_page": index_page,
            "redirect_page_route_path": route,
            "is_permanent": True,
        },
    )


def remember_country_slugs(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    instance._previous_slugs = (
        sender.objects.filter(pk=instance.pk)
        .values(*[f"slug_{code}" for code in LANGUAGES])
        .first()
    )


def redirect_old_country_addresses(sender, instance, created=False, raw=False, **kwargs):
    previous = getattr(instance, "_previous_slugs", None)
    instance._previous_slugs = None
    if raw or created or not previous:
        return
    changed = {
        code: (previous[f"slug_{code}"], getattr(instance, f"slug_{code}"))
        for code in LANGUAGES
        if previous[f"slug_{code}"]
        and getattr(instance, f"slug_{code}")
        and previous[f"slug_{code}"] != getattr(instance, f"slug_{code}")
    }
    if not changed:
        return
    for index_page in ProjectIndexPage.objects.live():
        site = index_page.get_site()
        if site is None:
            continue
        for code, (before, after) in changed.items():
            base = index_path(index_page, site, code)
            if base is None:
                continue
            old_route = country_route(index_page, before, code)
            new_route = country_route(index_page, after, code)
            redirect_to_route(site, base.rstrip("/") + old_route, index_page, new_route)
            # Older addresses of the country lead straight to the new one, not along a chain.
            Redirect.objects.filter(
                redirect_page=index_page, redirect_page_route_path=old_route
            ).update(redirect_page_route_path=new_route)


def redirect_country_routes(index_page, language, old_index_path, site):
    """The project index moved in `language`: its country pages' old addresses redirect to the
    same routes under its new address (called by ciso/addresses.py for page slug changes)."""
    for slug in Country.objects.filter(live=True).values_list(f"slug_{language}", flat=True):
        if not slug:
            continue
        route = country_route(index_page, slug, language)
        redirect_to_route(site, old_index_path.rstrip("/") + route, index_page, route)


def connect():
    pre_save.connect(remember_country_slugs, sender=Country, dispatch_uid="projects.slugs.pre")
    post_save.connect(
        redirect_old_country_addresses, sender=Country, dispatch_uid="projects.slugs.post"
    )
