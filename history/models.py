"""The organisation's history (a timeline of milestones) and its achievements (figures)."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.dates import MONTHS
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ciso import caching, rows
from ciso.blocks import RICH_TEXT_FEATURES, BaseStreamBlock
from ciso.i18n import shown_language
from ciso.models import BilingualPreviewMixin, ImageWithAlt, SiteSettings, ViewRestrictionsMixin
from history import figures, timeline
from projects.selectors import partner_country_count

MONTH_CHOICES = list(MONTHS.items())  # Django's month names, already translated


class HistoryPage(BilingualPreviewMixin, ViewRestrictionsMixin, Page):
    """Where the CISO comes from: an introduction, a body and a timeline of milestones."""

    intro = RichTextField(verbose_name=_("introduction"), features=RICH_TEXT_FEATURES, blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel(
            "milestones",
            heading=_("Timeline"),
            label=_("Milestone"),
            help_text=_("Milestones are shown by year; within a year, in the order set here."),
        ),
        FieldPanel("body"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.RelatedFields("milestones", [index.SearchField("title"), index.SearchField("text")]),
    ]

    parent_page_types = ["ciso.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("history page")
        verbose_name_plural = _("history pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["timeline"] = timeline.for_page(self, request.GET.get("decade"))
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # The decade asked, when it is one of the timeline's: any other query is not kept.
        return caching.understood_query(response, decade=response.context_data["timeline"].asked)


class Milestone(ImageWithAlt, Orderable):
    """A dated step in the CISO's history. Only the year is required."""

    page = ParentalKey(HistoryPage, on_delete=models.CASCADE, related_name="milestones")
    year = models.PositiveSmallIntegerField(
        verbose_name=_("year"), validators=[MinValueValidator(1900), MaxValueValidator(2200)]
    )
    month = models.PositiveSmallIntegerField(
        verbose_name=_("month"), choices=MONTH_CHOICES, null=True, blank=True
    )
    day = models.PositiveSmallIntegerField(
        verbose_name=_("day"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
    )
    title = models.CharField(verbose_name=_("title"), max_length=200)
    text = models.TextField(verbose_name=_("text"), blank=True)
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("linked page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    link_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("linked document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    link_text = models.CharField(
        verbose_name=_("link text"),
        max_length=120,
        blank=True,
        help_text=_("Leave empty to use the title of the page or document."),
    )

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("month"), FieldPanel("day")]),
        FieldPanel("title"),
        FieldPanel("text"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        MultiFieldPanel(
            [FieldPanel("link_page"), FieldPanel("link_document"), FieldPanel("link_text")],
            heading=_("Link"),
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        # By year; within a year, in the order staff give them (a year-only milestone has no
        # better place than the one staff choose).
        ordering = ["year", "sort_order"]

    def __str__(self):
        return f"{self.year} – {self.title}"

    def clean(self):
        super().clean()
        if self.day and not self.month:
            raise ValidationError({"day": _("A day needs a month.")})
        if self.year and self.month and self.day:
            try:
                datetime.date(self.year, self.month, self.day)
            except ValueError as error:
                raise ValidationError(
                    {"day": _("This day does not exist in that month.")}
                ) from error
        if self.link_page and self.link_document:
            raise ValidationError(
                {"link_document": _("Link to a page or to a document, not both.")}
            )

    @property
    def anchor(self):
        # Unsaved milestones (in a preview) have no id yet: keep their anchors distinct.
        return f"milestone-{self.pk}" if self.pk else f"milestone-new-{id(self)}"


class AchievementsPage(BilingualPreviewMixin, ViewRestrictionsMixin, Page):
    """What the CISO has done, as figures a visitor takes in at a glance."""

    intro = RichTextField(verbose_name=_("introduction"), features=RICH_TEXT_FEATURES, blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel("figures", heading=_("Figures"), label=_("Figure")),
        FieldPanel("body"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.RelatedFields("figures", [index.SearchField("label"), index.SearchField("text")]),
    ]

    parent_page_types = ["ciso.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("achievements page")
        verbose_name_plural = _("achievements pages")

    def figure_rows(self):
        """The page's figures, in their order: read in one SQL query, or those a preview
        holds in memory."""
        if self.figures.is_deferring or self.pk is None:
            return list(self.figures.all())
        columns = rows.columns(Figure)
        sql = f"SELECT {columns.sql} FROM history_figure WHERE page_id = %s ORDER BY sort_order, id"
        return [figure for (figure,) in rows.fetch(sql, [self.pk], columns)]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        site_settings = SiteSettings.for_request(request)
        computed = {}  # each computed number once per request, however many figures use it
        figure_rows = self.figure_rows()
        context["figure_rows"] = figure_rows
        context["figures"] = [
            shown for figure in figure_rows if (shown := figure.shown(site_settings, computed))
        ]
        return context


def years_since_founding(site_settings):
    if not site_settings.founding_year:
        return None
    return datetime.date.today().year - site_settings.founding_year


def partner_countries(site_settings):
    return partner_country_count()


# Figures the site computes from its own records instead of having them typed. Each counts
# something the CISO did; none counts the pages of this site (the projects it presents are a
# few of those the CISO has carried out).
COMPUTED_SOURCES = {
    "years_since_founding": (
        _("years since the founding year (site settings)"),
        years_since_founding,
    ),
    "partner_countries": (
        _("published countries (those on the projects map)"),
        partner_countries,
    ),
}


class Figure(Orderable):
    """One achievement: a quantity and what it counts, e.g. "more than fifty speaking tours"."""

    QUALIFIER_CHOICES = [
        (figures.EXACT, _("exactly")),
        (figures.ABOUT, _("about")),
        (figures.MORE_THAN, _("more than")),
        (figures.SEVERAL, _("several (no number)")),
        (figures.MANY, _("many (no number)")),
        (figures.HUNDREDS, _("several hundred (no number)")),
    ]
    SOURCE_CHOICES = [("", _("The number typed here"))] + [
        (key, label) for key, (label, _compute) in COMPUTED_SOURCES.items()
    ]

    page = ParentalKey(AchievementsPage, on_delete=models.CASCADE, related_name="figures")
    qualifier = models.CharField(
        verbose_name=_("qualifier"), max_length=20, choices=QUALIFIER_CHOICES, default=figures.EXACT
    )
    number = models.PositiveIntegerField(verbose_name=_("number"), null=True, blank=True)
    source = models.CharField(
        verbose_name=_("computed from"),
        max_length=40,
        choices=SOURCE_CHOICES,
        blank=True,
        help_text=_("Let the site count it, rather than typing a number that goes stale."),
    )
    label = models.CharField(
        verbose_name=_("what is counted"),
        max_length=200,
        help_text=_(
            "In the plural, as it follows the number: “speaking tours with guests from the "
            "Global South”."
        ),
    )
    text = models.TextField(verbose_name=_("details"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("qualifier"), FieldPanel("number"), FieldPanel("source")]),
        FieldPanel("label"),
        FieldPanel("text"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("figure")
        verbose_name_plural = _("figures")

    def __str__(self):
        return self.label

    def clean(self):
        super().clean()
        if self.qualifier in figures.NEEDS_NUMBER and self.number is None and not self.source:
            raise ValidationError({"number": _("This qualifier needs a number.")})

    def shown(self, site_settings, computed=None):
        """What the page shows of this figure, or None when a computed number is unknown.
        `computed` caches the computed numbers between the figures of one page."""
        number = self.number
        if self.source:
            if self.source not in COMPUTED_SOURCES:
                return None  # a kind the site no longer computes (in an old revision)
            computed = {} if computed is None else computed
            if self.source not in computed:
                computed[self.source] = COMPUTED_SOURCES[self.source][1](site_settings)
            number = computed[self.source]
        if self.qualifier in figures.NEEDS_NUMBER and number is None:
            return None
        # A label missing in the active language falls back to French: word the whole phrase
        # in French then, rather than mixing "more than fifty" with a French noun.
        active = (get_language() or "fr")[:2]
        label_language = shown_language(self, "label")
        text_language = shown_language(self, "text")
        return {
            "headline": figures.headline(self.qualifier, number, label_language),
            "headline_is_word": figures.headline_is_word(self.qualifier, number),
            "phrase": figures.phrase(self.qualifier, number, self.label, label_language),
            "lang": label_language if label_language != active else None,
            "text": self.text,
            "text_lang": text_language if text_language != active else None,
        }
