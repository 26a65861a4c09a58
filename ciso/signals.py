"""Signal handlers of the site-wide parts."""

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def _url_paths(values):
    return {code: values.get(f"url_path_{code}") for code in LANGUAGES}


def remember_url_paths(sender, instance, raw=False, **kwargs):
    """Before a page is saved, note its address in each language, to redirect from it."""
    if raw or not isinstance(instance, Page) or instance.pk is None:
        return
    stored = (
        Page.objects.filter(pk=instance.pk)
        .values(*[f"url_path_{code}" for code in LANGUAGES])
        .first()
    )
    instance._previous_url_paths = _url_paths(stored) if stored else None


def redirect_old_addresses(sender, instance, created=False, raw=False, **kwargs):
    """Keep the old address working in each language whose slug changed.

    Wagtail's own redirects cover only the language active in the admin; this covers /fr/…
    and /en/…, for the page and for the pages under it.
    """
    previous = getattr(instance, "_previous_url_paths", None)
    if raw or created or not previous or not isinstance(instance, Page):
        return
    instance._previous_url_paths = None
    site = (
        Site.objects.filter(root_page__in=instance.get_ancestors(inclusive=True))
        .select_related("root_page")
        .first()
    )
    if site is None or site.root_page_id == instance.pk:
        return  # the home page's slug is not part of any address
    root = site.root_page
    descendants = list(instance.get_descendants().live())
    for code in LANGUAGES:
        before, after = previous[code], getattr(instance, f"url_path_{code}", None)
        root_path = getattr(root, f"url_path_{code}", None) or root.url_path
        if not before or not after or before == after or not before.startswith(root_path):
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


def forget_site_root_paths(sender, **kwargs):
    """wagtail-modeltranslation caches the sites' root paths per language, under keys that
    Wagtail does not clear when a site changes: clear them too."""
    cache.delete_many([f"wagtail_site_root_paths_{code}" for code in LANGUAGES])


def _translated_snippet_models():
    from ciso.models import SiteSettings
    from projects.models import Country, Partner, Theme

    return [Country, Partner, Theme, SiteSettings]


def remember_translated_values(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    instance._previous_version = sender.objects.filter(pk=instance.pk).first()


def record_snippet_translations(sender, instance, raw=False, update_fields=None, **kwargs):
    from ciso.editorial.translation_status import record_changes, translated_fields

    if raw:
        return
    if update_fields is not None:
        # A moderated snippet saving a draft stores only its revision bookkeeping: the
        # instance in hand then holds the draft, not what is stored (the revision records it).
        stored = {f"{field}_{code}" for field in translated_fields(sender) for code in LANGUAGES}
        if not stored & set(update_fields):
            return
    record_changes(instance, getattr(instance, "_previous_version", None))


def record_revision_translations(sender, instance, created=False, raw=False, **kwargs):
    """Pages and moderated snippets change through revisions (drafts included): compare each
    new revision with the one before it or, for a snippet's first one, with its stored row."""
    from wagtail.models import Revision

    from ciso.editorial.roles import TRANSLATORS
    from ciso.editorial.translation_status import record_changes, translated_fields

    if raw or not created:
        return
    model = instance.base_content_type.model_class()
    if not (issubclass(model, Page) or translated_fields(model)):
        return
    previous = (
        Revision.objects.filter(
            base_content_type=instance.base_content_type,
            object_id=instance.object_id,
            pk__lt=instance.pk,
        )
        .order_by("-pk")
        .first()
    )
    if previous is not None:
        previous = previous.as_object()
    elif not issubclass(model, Page):
        previous = model.objects.filter(pk=instance.object_id).first()
    # A translator who saves vouches for the translations, even those left unchanged.
    reviewed = bool(instance.user) and instance.user.groups.filter(name=TRANSLATORS).exists()
    record_changes(instance.as_object(), previous, reviewed=reviewed)


# The search entries (ciso/search/) follow what visitors can see.


def search_page_tree_changed(sender, instance, **kwargs):
    """Published, unpublished or moved: the page and the pages under it (addresses, privacy)."""
    from ciso import search

    search.update_page_tree(instance)


def search_page_deleted(sender, instance, **kwargs):
    from ciso import search

    if isinstance(instance, Page):
        search.remove(instance)


def search_restriction_changed(sender, instance, **kwargs):
    from ciso import search

    if instance.page_id and Page.objects.filter(pk=instance.page_id).exists():
        search.update_page_tree(instance.page)


def search_document_saved(sender, instance, raw=False, **kwargs):
    from ciso import search

    if not raw:
        search.update_document(instance)


def search_document_deleted(sender, instance, **kwargs):
    from ciso import search

    search.remove(instance)


def search_collection_restriction_changed(sender, instance, **kwargs):
    from wagtail.documents import get_document_model

    from ciso import search

    for document in get_document_model().objects.filter(
        collection__path__startswith=instance.collection.path
    ):
        search.update_document(document)


def search_snippet_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """A country or a partner, as published: the country's page and its projects' entries. A
    draft (only its revision bookkeeping saved) changes nothing visitors can find."""
    from ciso import search
    from ciso.caching import DRAFT_BOOKKEEPING
    from projects.models import Country, ProjectPage

    if raw or (update_fields and set(update_fields) <= DRAFT_BOOKKEEPING):
        return
    if isinstance(instance, Country):
        country, projects = instance, ProjectPage.objects.filter(country=instance)
    else:
        country, projects = instance.country, ProjectPage.objects.filter(partners=instance)
    search.update_country(country)
    for project in projects.live():
        search.update_page(project)


def search_country_deleted(sender, instance, **kwargs):
    from ciso import search

    search.remove(instance)


def connect_search():
    from wagtail.documents import get_document_model
    from wagtail.models import CollectionViewRestriction, PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from projects.models import Country, Partner

    page_published.connect(search_page_tree_changed, dispatch_uid="ciso.search.published")
    page_unpublished.connect(search_page_tree_changed, dispatch_uid="ciso.search.unpublished")
    post_page_move.connect(search_page_tree_changed, dispatch_uid="ciso.search.moved")
    post_delete.connect(search_page_deleted, dispatch_uid="ciso.search.page_deleted")
    for signal in (post_save, post_delete):
        signal.connect(
            search_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"ciso.search.restriction.{signal is post_save}",
        )
        signal.connect(
            search_collection_restriction_changed,
            sender=CollectionViewRestriction,
            dispatch_uid=f"ciso.search.collection_restriction.{signal is post_save}",
        )
    document_model = get_document_model()
    post_save.connect(search_document_saved, sender=document_model, dispatch_uid="ciso.search.doc")
    post_delete.connect(
        search_document_deleted, sender=document_model, dispatch_uid="ciso.search.doc_deleted"
    )
    for model in (Country, Partner):
        post_save.connect(
            search_snippet_saved, sender=model, dispatch_uid=f"ciso.search.{model.__name__}"
        )
    post_delete.connect(search_country_deleted, sender=Country, dispatch_uid="ciso.search.country")


def connect():
    from wagtail.models import Revision

    connect_search()

    post_save.connect(record_revision_translations, sender=Revision, dispatch_uid="ciso.revision")
    for model in _translated_snippet_models():
        uid = f"ciso.translations.{model._meta.label_lower}"
        pre_save.connect(remember_translated_values, sender=model, dispatch_uid=f"{uid}.pre")
        post_save.connect(record_snippet_translations, sender=model, dispatch_uid=f"{uid}.post")
    post_save.connect(forget_site_root_paths, sender=Site, dispatch_uid="ciso.site_saved")
    post_delete.connect(forget_site_root_paths, sender=Site, dispatch_uid="ciso.site_deleted")
    pre_save.connect(remember_url_paths, dispatch_uid="ciso.remember_url_paths")
    post_save.connect(redirect_old_addresses, dispatch_uid="ciso.redirect_old_addresses")
