"""Old addresses keep working: when a page's slug changes or it moves, its address in each
language, and its descendants', redirect to where they are now.

Wagtail's own redirects cover only the language active in the admin; this covers /fr/… and
/en/…, for the page and for the pages under it.
"""

from django.conf import settings
from django.db.models.signals import post_save, pre_save
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site, get_page_models

LANGUAGES = [code for code, _name in settings.LANGUAGES]
URL_PATH_FIELDS = [f"url_path_{code}" for code in LANGUAGES]


def remember_url_paths(sender, instance, raw=False, **kwargs):
    """Before a page is saved, note its address in each language, to redirect from it."""
    if raw or instance.pk is None:
        return
    instance._previous_url_paths = (
        Page.objects.filter(pk=instance.pk).values(*URL_PATH_FIELDS).first()
    )


def _changed_url_paths(instance, previous):
    """Language → (old url_path, new url_path), for the languages whose address changed."""
    changed = {}
    for code in LANGUAGES:
        before = previous.get(f"url_path_{code}")
        after = getattr(instance, f"url_path_{code}", None)
        if before and after and before != after:
            changed[code] = (before, after)
    return changed


def redirect_old_addresses(sender, instance, created=False, raw=False, **kwargs):
    """Keep the old address working in each language whose address changed."""
    previous = getattr(instance, "_previous_url_paths", None)
    instance._previous_url_paths = None
    if raw or created or not previous:
        return
    changed = _changed_url_paths(instance, previous)
    if not changed:
        return  # most saves: the descendants are not needed
    site = (
        Site.objects.filter(root_page__in=instance.get_ancestors(inclusive=True))
        .select_related("root_page")
        .first()
    )
    if site is None or site.root_page_id == instance.pk:
        return  # the home page's slug is not part of any address
    root = site.root_page
    descendants = list(instance.get_descendants().live())
    for code, (before, after) in changed.items():
        root_path = getattr(root, f"url_path_{code}", None) or root.url_path
        if not before.startswith(root_path):
            continue
        moved = [(before, instance)]
        for page in descendants:
            # Wagtail rewrites the descendants' paths just after this signal: either prefix.
            path = getattr(page, f"url_path_{code}") or ""
            for prefix in (after, before):
                if path.startswith(prefix):
                    moved.append((before + path[len(prefix) :], page))
                    break
        for old_url_path, page in moved:
            old_path = f"/{code}/{old_url_path[len(root_path) :]}"
            Redirect.objects.update_or_create(
                old_path=Redirect.normalise_path(old_path),
                site=site,
                defaults={"redirect_page": page, "is_permanent": True},
            )
            # A routable page's routes (the project index's country pages) moved with it.
            if hasattr(page.specific_class, "redirect_old_routes"):
                page.specific.redirect_old_routes(code, old_path, site)


def connect():
    """Django sends a page's save signals for its own class: one receiver per page type."""
    for model in get_page_models():
        uid = f"ciso.addresses.{model._meta.label_lower}"
        pre_save.connect(remember_url_paths, sender=model, dispatch_uid=f"{uid}.pre")
        post_save.connect(redirect_old_addresses, sender=model, dispatch_uid=f"{uid}.post")
