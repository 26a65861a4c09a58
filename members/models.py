"""The CISO's members: the kinds of member (a small translated vocabulary), the member
organisations (their names are their own, in their language) and the page that lists them."""

from django import forms
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable
from wagtail.search import index

from ciso.models import ModeratedSnippet, TextPage


class MemberKind(Orderable, ModeratedSnippet):
    """A kind of member (labour federations, local unions, community groups…): the members
    page lists the members under their kind's name, kinds in the order staff give them."""

    name = models.CharField(
        verbose_name=_("name"),
        max_length=100,
        help_text=_("In the plural, as a heading over its members: “Local unions”."),
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="member_kind")

    panels = [FieldPanel("name")]

    class Meta(Orderable.Meta):
        verbose_name = _("kind of member")
        verbose_name_plural = _("kinds of member")

    def __str__(self):
        return self.name

    def with_content_json(self, content):
        # The order is the list's, set by the admin's reordering, not a revision's: a draft
        # saved before a reordering and published after it keeps the new order.
        obj = super().with_content_json(content)
        obj.sort_order = self.sort_order
        return obj

    def save(self, *args, **kwargs):
        # A new kind comes last, with a number that the admin's reordering can move.
        if self.sort_order is None:
            last = MemberKind.objects.aggregate(last=models.Max("sort_order"))["last"]
            self.sort_order = 0 if last is None else last + 1
        super().save(*args, **kwargs)


class MemberOrganisation(index.Indexed, ModeratedSnippet):
    """An organisation that is a member of the CISO."""

    name = models.CharField(
        verbose_name=_("name"), max_length=200, help_text=_("In the organisation's own language.")
    )
    acronym = models.CharField(verbose_name=_("acronym"), max_length=30, blank=True)
    kind = models.ForeignKey(
        MemberKind, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="members"
    )
    website = models.URLField(verbose_name=_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown beside the name, which says what it shows: no alt text is needed."),
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="member")

    # Nothing here is translated: the name and acronym are the organisation's own.
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("acronym")]),
        FieldPanel("kind", widget=forms.Select),  # a few kinds: a list rather than a chooser
        FieldPanel("website"),
        FieldPanel("logo"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("acronym"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        verbose_name = _("member organisation")
        verbose_name_plural = _("member organisations")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class MembersPage(TextPage):  # noqa: DJ008 (Page’s)
    """Who the members are and how to join (its body), then the published member
    organisations by kind, with their number."""

    parent_page_types = ["ciso.HomePage"]
    subpage_types = []
    max_count = 1
    # How the home page shows it (ciso.blocks.SectionBlock): the members, by kind.
    teaser_template = "members/teaser.html"

    class Meta:
        verbose_name = _("members page")
        verbose_name_plural = _("members pages")

    def search_texts(self, language):
        """The published members' names and acronyms, the same in every language: they find
        the page in the site search (ciso/search/; members/search.py keeps the entries)."""
        members = MemberOrganisation.objects.filter(live=True, kind__live=True).order_by("pk")
        return [
            f"{member.name} ({member.acronym})" if member.acronym else member.name
            for member in members
        ]

    def get_context(self, request, *args, **kwargs):
        from members.selectors import directory

        context = super().get_context(request, *args, **kwargs)
        context["directory"] = directory()
        return context

    def get_teaser_context(self, request):
        from members.selectors import directory

        return {"directory": directory()}
