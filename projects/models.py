"""Cooperation projects with partners in the Global South: countries, partners, projects."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from ciso.blocks import RICH_TEXT_FEATURES, BaseStreamBlock, DocumentLinkBlock
from ciso.models import (
    BilingualPreviewMixin,
    ImageWithAlt,
    ModeratedSnippet,
    ViewRestrictionsMixin,
    structure_panel,
)

YEAR_VALIDATORS = [MinValueValidator(1900), MaxValueValidator(2200)]


class Country(index.Indexed, ImageWithAlt, ModeratedSnippet):
    """A country where the CISO has partners or projects, with what the CISO has done there (its
    page tells it even before any project page is written) and an optional picture."""

    class Region(models.TextChoices):
        LATIN_AMERICA = "latin_america", _("Latin America and the Caribbean")
        AFRICA = "africa", _("Africa")
        MIDDLE_EAST = "middle_east", _("Middle East")
        ASIA = "asia", _("Asia")
        OTHER = "other", _("Other")

    name = models.CharField(verbose_name=_("name"), max_length=100)
    slug = models.SlugField(
        verbose_name=_("slug"),
        max_length=100,
        help_text=_("The last part of the country's address, e.g. “haiti”."),
    )
    iso_code = models.CharField(
        verbose_name=_("ISO code"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^[A-Za-z]{2}$", _("Two letters (ISO 3166-1)."))],
        help_text=_("ISO 3166-1 alpha-2, e.g. HT for Haiti."),
    )
    region = models.CharField(verbose_name=_("region"), max_length=20, choices=Region.choices)
    latitude = models.DecimalField(
        verbose_name=_("latitude"),
        max_digits=7,
        decimal_places=4,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Where the country's marker stands on the map."),
    )
    longitude = models.DecimalField(
        verbose_name=_("longitude"),
        max_digits=7,
        decimal_places=4,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    description = models.TextField(
        verbose_name=_("what the CISO does there"),
        blank=True,
        help_text=_("A few sentences at the head of the country's page."),
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="country")

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel(
            [
                structure_panel("iso_code", "projects.country"),
                structure_panel("region", "projects.country"),
            ]
        ),
        FieldRowPanel(
            [
                structure_panel("latitude", "projects.country"),
                structure_panel("longitude", "projects.country"),
            ]
        ),
        FieldPanel("description"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        self.iso_code = (self.iso_code or "").upper()
        # Each language's slug names one country: it is the country page's address.
        others = Country.objects.exclude(pk=self.pk)
        for code, _name in settings.LANGUAGES:
            field = f"slug_{code}"
            value = getattr(self, field, None)
            if value and others.filter(**{field: value}).exists():
                raise ValidationError({field: _("Another country already has this slug.")})


class Partner(index.Indexed, ModeratedSnippet):
    """An organisation the CISO works with."""

    class Kind(models.TextChoices):
        UNION = "union", _("Union")
        PEASANT = "peasant", _("Peasant organisation")
        HUMAN_RIGHTS = "human_rights", _("Human-rights organisation")
        COMMUNITY = "community", _("Community group")
        OTHER = "other", _("Other organisation")

    name = models.CharField(
        verbose_name=_("name"), max_length=200, help_text=_("In the organisation's own language.")
    )
    acronym = models.CharField(verbose_name=_("acronym"), max_length=30, blank=True)
    kind = models.CharField(verbose_name=_("kind"), max_length=20, choices=Kind.choices)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="partners"
    )
    website = models.URLField(verbose_name=_("website"), blank=True)
    description = models.TextField(verbose_name=_("short description"), blank=True)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="partner")

    # The name and acronym are the organisation's own, in its language: not for translators.
    panels = [
        FieldRowPanel(
            [
                structure_panel("name", "projects.partner"),
                structure_panel("acronym", "projects.partner"),
            ]
        ),
        FieldRowPanel(
            [
                structure_panel("kind", "projects.partner"),
                structure_panel("country", "projects.partner"),
            ]
        ),
        structure_panel("website", "projects.partner"),
        FieldPanel("description"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("acronym"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class Theme(ModeratedSnippet):
    """A subject a project works on: a small vocabulary, translated."""

    name = models.CharField(verbose_name=_("name"), max_length=100)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="theme")

    panels = [FieldPanel("name")]

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ProjectIndexPage(BilingualPreviewMixin, ViewRestrictionsMixin, RoutablePageMixin, Page):
    """The list of projects, with filters and a map; also serves one page per country."""

    intro = RichTextField(verbose_name=_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["ciso.HomePage"]
    subpage_types = ["projects.ProjectPage"]
    max_count = 1
    # How the home page shows it (ciso.blocks.SectionBlock): the map of partner countries.
    teaser_template = "projects/index-teaser.html"

    class Meta:
        verbose_name = _("project index page")
        verbose_name_plural = _("project index pages")

    def country_url(self, country, language=None, request=None):
        """The country's page in `language` (the active one by default): translated index
        slug, translated segment (pays, countries) and translated country slug."""
        return self.country_urls([country], language, request)[0]

    def country_urls(self, countries, language=None, request=None):
        """`country_url` of each of `countries`, the index's own address worked out once."""
        language = (language or translation.get_language() or "fr")[:2]
        with translation.override(language):
            index_url = self.get_url(request)
            route = f"country_{language}"
            return [
                index_url + self.reverse_subpage(route, args=[country.slug])
                for country in countries
            ]

    def redirect_old_routes(self, language, old_path, site):
        """The index moved (slug change) in `language`: its country pages follow it."""
        from projects.signals import redirect_country_routes

        redirect_country_routes(self, language, old_path, site)

    def feed_url(self, language=None, request=None):
        """The Atom feed of the newest projects in `language`: /fr/projets/flux/,
        /en/projects/feed/."""
        language = (language or translation.get_language() or "fr")[:2]
        with translation.override(language):
            return self.get_url(request) + self.reverse_subpage(f"feed_{language}")

    def get_cached_paths(self):
        """The addresses a publish or an unpublish of the index refreshes in the front cache
        (ciso/front_cache.py), in the active language: the index itself, its feed and every
        published country's page (each is titled after the index)."""
        language = (translation.get_language() or "fr")[:2]
        countries = Country.objects.filter(live=True).order_by("pk")
        return [
            "/",
            "/" + self.reverse_subpage(f"feed_{language}"),
            *(
                "/" + self.reverse_subpage(f"country_{language}", args=[country.slug])
                for country in countries
            ),
        ]

    def get_teaser_context(self, request):
        from projects.views import index_teaser

        return index_teaser(request, self)

    @path("", name="index")
    def index_route(self, request):
        from projects.views import project_index

        return project_index(request, self)

    # The country pages' path segment is translated like the slugs: /fr/projets/pays/haiti/,
    # /en/projects/countries/haiti/.
    @path("pays/<str:slug>/", name="country_fr")
    @path("countries/<str:slug>/", name="country_en")
    def country_route(self, request, slug):
        from projects.views import country_page

        return country_page(request, self, slug)

    @path("flux/", name="feed_fr")
    @path("feed/", name="feed_en")
    def feed_route(self, request):
        from django.shortcuts import redirect

        from projects.feeds import ProjectFeed

        if request.path != self.feed_url(request=request):
            return redirect(self.feed_url(request=request), permanent=True)
        return ProjectFeed()(request, index_page=self)


def period(start_year, end_year):
    """The years shown for a project: "2009–2012", or "Since 2020" when the end is not known."""
    if end_year and end_year != start_year:
        return f"{start_year}–{end_year}"
    if end_year:
        return str(start_year)
    return _("Since %(year)s") % {"year": start_year}


class ProjectPage(BilingualPreviewMixin, ViewRestrictionsMixin, ImageWithAlt, Page):
    """A cooperation project: where, with whom, since when and on what."""

    listed_as_new = True  # in the home page's "What is new" (ciso.blocks.LatestPagesBlock)

    class Status(models.TextChoices):
        ONGOING = "ongoing", _("Ongoing")
        COMPLETED = "completed", _("Completed")

    summary = models.TextField(
        verbose_name=_("summary"), help_text=_("Two or three sentences, shown in the list too.")
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="projects"
    )
    partners = ParentalManyToManyField(
        Partner, verbose_name=_("partners"), blank=True, related_name="projects"
    )
    themes = ParentalManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="projects"
    )

    start_year = models.PositiveSmallIntegerField(
        verbose_name=_("start year"), validators=YEAR_VALIDATORS
    )
    end_year = models.PositiveSmallIntegerField(
        verbose_name=_("end year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    status = models.CharField(
        verbose_name=_("status"),
        max_length=20,
        choices=Status.choices,
        blank=True,
        help_text=_("Leave empty when it is not known."),
    )
    funders = models.CharField(verbose_name=_("funders"), max_length=300, blank=True)
    documents = StreamField(
        [("document", DocumentLinkBlock())], verbose_name=_("related documents"), blank=True
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("country"),
                FieldPanel("partners"),
                FieldRowPanel(
                    [FieldPanel("start_year"), FieldPanel("end_year"), FieldPanel("status")]
                ),
                FieldPanel("themes"),
                FieldPanel("funders"),
            ],
            heading=_("Facts"),
        ),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        FieldPanel("body"),
        FieldPanel("documents"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("funders"),
        index.FilterField("start_year"),
        index.FilterField("status"),
        index.RelatedFields("country", [index.SearchField("name")]),
        index.RelatedFields("partners", [index.SearchField("name"), index.SearchField("acronym")]),
    ]
    search_kind = "project"  # its filter on the site search's results (ciso/search/)

    parent_page_types = ["projects.ProjectIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    @property
    def listing_summary(self):
        return self.summary

    def clean(self):
        super().clean()
        if self.end_year and self.start_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The project cannot end before it starts.")})
        if (
            self.status == self.Status.ONGOING
            and self.end_year
            and self.end_year < (datetime.date.today().year)
        ):
            raise ValidationError(
                {"status": _("A project that ended in a past year is not ongoing.")}
            )

    @property
    def period(self):
        return period(self.start_year, self.end_year)

    def get_context(self, request, *args, **kwargs):
        from projects.selectors import project_detail_relations

        context = super().get_context(request, *args, **kwargs)
        # Only the index's address is needed: its own fields are not loaded.
        index_page = self.get_parent().get_specific(deferred=True)
        context["index_page"] = index_page
        # Lazy: nothing is queried when the template finds the page's content kept.
        context["country_url"] = SimpleLazyObject(
            lambda: index_page.country_url(self.country, request=request)
        )
        context.update(project_detail_relations(self, request))
        return context
