"""Admin rules of the editorial roles (see ciso/editorial/roles.py)."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html, json_script
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation import settings as mt_settings
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.models import Page
from wagtail_modeltranslation import settings as wmt_settings

from ciso.editorial import translation_status
from ciso.editorial.roles import is_translator_only
from ciso.editorial.views import TranslationReportView
from ciso.page_links import PageLinkHandler

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
    if (
        action_type == "delete"
        and objects
        and isinstance(objects[0], Page)
        and is_translator_only(request.user)
    ):
        messages.error(request, NO_DELETE)
        return redirect("wagtailadmin_explore_root")
    return None


# After Wagtail's own (order 0), which registers the link type under the same name.
@hooks.register("register_rich_text_features", order=100)
def page_links_from_base_rows(features):
    features.register_link_type(PageLinkHandler)


@hooks.register("register_admin_urls")
def translation_report_urls():
    return [
        path(
            "reports/translations/",
            TranslationReportView.as_view(),
            name="ciso_translation_report",
        ),
        path(
            "reports/translations/results/",
            TranslationReportView.as_view(results_only=True),
            name="ciso_translation_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def translation_report_menu_item():
    return MenuItem(
        _("Translations"), reverse("ciso_translation_report"), icon_name="globe", order=50
    )


class TranslationStatusPanel(Component):
    """On the dashboard: how many texts are missing or out of date, with a link to the report."""

    name = "translation_status"
    order = 50
    template_name = "ciso/admin/translation-status-panel.html"

    def get_context_data(self, parent_context):
        return {"counts": translation_status.counts()}


@hooks.register("construct_homepage_panels")
def add_translation_status_panel(request, panels):
    panels.append(TranslationStatusPanel())


@hooks.register("insert_editor_js")
def translated_slugs_js():
    return format_html('<script src="{}"></script>', static("js/admin-translated-slugs.js"))


@hooks.register("insert_editor_js", order=-1)
def modeltranslation_settings_js():
    default = wmt_settings.LOCALE_PICKER_DEFAULT or (mt_settings.DEFAULT_LANGUAGE,)
    config = {
        "languages": [code for code, _name in settings.LANGUAGES],
        "defaultLanguage": mt_settings.DEFAULT_LANGUAGE,
        "viewEditString": gettext("View / edit fields for"),
        "translate_slugs": bool(wmt_settings.TRANSLATE_SLUGS),
        "locale_picker_default": list(default),
        "locale_picker_restore": bool(wmt_settings.LOCALE_PICKER_RESTORE),
    }
    return json_script(config, "ciso-modeltranslation-config") + format_html(
        '<script src="{}"></script>', static("js/admin-modeltranslation-config.js")
    )


@hooks.register("insert_global_admin_js")
def csp_initialisers_js():
    # Starts what Wagtail's templates would start with inline scripts (templates/wagtailadmin/).
    return format_html('<script src="{}"></script>', static("js/admin-csp.js"))
