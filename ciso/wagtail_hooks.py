"""Admin rules of the editorial roles (see ciso/roles.py)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from ciso.roles import is_translator_only

NO_DELETE = _("Translators cannot delete pages.")


@hooks.register("before_delete_page")
def translators_do_not_delete_pages(request, page):
    # Wagtail's edit permission lets its holder delete pages that were never published.
    if is_translator_only(request.user):
        messages.error(request, NO_DELETE)
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_bulk_action")
def translators_do_not_bulk_delete_pages(request, action_type, objects, action_class_instance):
    if action_type == "delete" and objects and is_translator_only(request.user):
        from wagtail.models import Page

        if isinstance(objects[0], Page):
            messages.error(request, NO_DELETE)
            return redirect("wagtailadmin_explore_root")
    return None
