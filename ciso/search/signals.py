"""The search entries follow what visitors can see: pages, documents and their privacy. (A
content app keeps the entries of the models it registers, `ciso.search.register`.)"""

from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from ciso import search


def page_tree_changed(sender, instance, **kwargs):
    """Published, unpublished or moved: the page and the pages under it (addresses, privacy)."""
    search.update_page_tree(instance)


def page_deleted(sender, instance, **kwargs):
    search.remove(instance)


def restriction_changed(sender, instance, **kwargs):
    if instance.page_id and Page.objects.filter(pk=instance.page_id).exists():
        search.update_page_tree(instance.page)


def collection_restriction_changed(sender, instance, **kwargs):
    for document in get_document_model().objects.filter(
        collection__path__startswith=instance.collection.path
    ):
        search.update_document(document)


def document_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        search.update_document(instance)


def document_deleted(sender, instance, **kwargs):
    search.remove(instance)


def connect():
    # Wagtail sends these for pages only (with the page's specific class as sender).
    page_published.connect(page_tree_changed, dispatch_uid="ciso.search.published")
    page_unpublished.connect(page_tree_changed, dispatch_uid="ciso.search.unpublished")
    post_page_move.connect(page_tree_changed, dispatch_uid="ciso.search.moved")
    # Deleting a page of any type deletes its Page row: Django sends post_delete for it.
    post_delete.connect(page_deleted, sender=Page, dispatch_uid="ciso.search.page_deleted")
    for signal in (post_save, post_delete):
        name = "saved" if signal is post_save else "deleted"
        signal.connect(
            restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"ciso.search.restriction.{name}",
        )
        signal.connect(
            collection_restriction_changed,
            sender=CollectionViewRestriction,
            dispatch_uid=f"ciso.search.collection_restriction.{name}",
        )
    document_model = get_document_model()
    post_save.connect(document_saved, sender=document_model, dispatch_uid="ciso.search.doc")
    post_delete.connect(
        document_deleted, sender=document_model, dispatch_uid="ciso.search.doc_deleted"
    )
