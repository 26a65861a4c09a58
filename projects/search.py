"""The country pages in the site search (ciso/search/): one entry per language, with the
country's region and its partners; kept as countries and partners are published."""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from ciso import search
from ciso.caching import DRAFT_BOOKKEEPING
from projects.models import Country, Partner, ProjectIndexPage, ProjectPage

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def country_documents(country):
    index_page = ProjectIndexPage.objects.live().public().first()
    if index_page is None:
        return {}
    documents = {}
    for language in LANGUAGES:
        name = getattr(country, build_localized_fieldname("name", language), "")
        if not name:
            continue
        partners = [
            search.join(
                [
                    f"{partner.name} ({partner.acronym})" if partner.acronym else partner.name,
                    getattr(partner, build_localized_fieldname("description", language)) or "",
                ]
            )
            for partner in country.partners.filter(live=True)
        ]
        with translation.override(language):
            region = str(country.get_region_display())
        documents[language] = search.Document(
            kind="country",
            url=index_page.country_url(country, language),
            title=search.clean_text(name),
            body=search.clean_text(search.join([region, *partners])),
        )
    return documents


def live_countries():
    return Country.objects.filter(live=True)


def snippet_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """A country or a partner, as published: the country's page and its projects' entries. A
    draft (only its revision bookkeeping saved) changes nothing visitors can find."""
    if raw or (update_fields and set(update_fields) <= DRAFT_BOOKKEEPING):
        return
    if isinstance(instance, Country):
        country, projects = instance, ProjectPage.objects.filter(country=instance)
    else:
        country, projects = instance.country, ProjectPage.objects.filter(partners=instance)
    search.update(country)
    for project in projects.live():
        search.update_page(project)


def country_deleted(sender, instance, **kwargs):
    search.remove(instance)


def connect():
    search.register_kind("project", _("Projects"))  # ProjectPage.search_kind
    search.register(
        Country,
        documents=country_documents,
        objects=live_countries,
        kind="country",
        label=_("Countries"),
    )
    for model in (Country, Partner):
        post_save.connect(
            snippet_saved, sender=model, dispatch_uid=f"projects.search.{model._meta.model_name}"
        )
    post_delete.connect(country_deleted, sender=Country, dispatch_uid="projects.search.country")
