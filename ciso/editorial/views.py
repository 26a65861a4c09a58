"""The translators' report: what is missing or out of date in each language."""

import datetime

import django_filters
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from ciso.editorial import translation_status
from ciso.models import TranslationFingerprint


class TranslationReportFilterSet(WagtailFilterSet):
    section = django_filters.ChoiceFilter(label=_("Section"), choices=[])
    kind = django_filters.ChoiceFilter(label=_("Type"), choices=[])
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=list(translation_status.STATUS_LABELS.items())
    )
    language = django_filters.ChoiceFilter(
        label=_("Language to work on"), choices=list(settings.LANGUAGES)
    )

    class Meta:
        # The rows are computed, not a queryset: the filter set only provides the form.
        model = TranslationFingerprint
        fields = []

    def __init__(self, *args, rows=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["section"].extra["choices"] = sorted({(r.section, r.section) for r in rows})
        self.filters["kind"].extra["choices"] = sorted({(r.kind, r.kind) for r in rows})


class TranslationReportView(ReportView):
    page_title = _("Translations")
    header_icon = "globe"
    index_url_name = "ciso_translation_report"
    index_results_url_name = "ciso_translation_report_results"
    filterset_class = TranslationReportFilterSet
    paginate_by = 100
    list_export = [
        "title",
        "kind",
        "section",
        "field_label",
        "language",
        "status_label",
        "edit_url",
    ]
    export_headings = {
        "title": _("Item"),
        "kind": _("Type"),
        "section": _("Section"),
        "field_label": _("Field"),
        "language": _("Language"),
        "status_label": _("Status"),
        "edit_url": _("Edit"),
    }

    @property
    def columns(self):
        return [
            TitleColumn("title", label=_("Item"), get_url=lambda row: row.edit_url),
            Column("kind", label=_("Type")),
            Column("section", label=_("Section")),
            Column("field_label", label=_("Field")),
            Column("language", label=_("Language")),
            Column("status_label", label=_("Status")),
        ]

    def as_spreadsheet(self, queryset, spreadsheet_format):
        response = super().as_spreadsheet(queryset, spreadsheet_format)
        # Write it now, in the admin's language: a streamed body would be written after the
        # request's language is no longer active.
        if getattr(response, "streaming", False):
            response.streaming_content = list(response.streaming_content)
        return response

    def get_filename(self):
        return f"translations-{datetime.date.today():%Y-%m-%d}"

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "rows": self.rows}

    @property
    def rows(self):
        if not hasattr(self, "_rows"):
            self._rows = translation_status.report_rows()
        return self._rows

    def get_queryset(self):
        return self.rows

    def filter_queryset(self, rows):
        if not self.filters:
            return rows
        form = self.filters.form
        form.is_valid()  # an invalid choice is left out; the valid ones still apply
        chosen = {k: v for k, v in form.cleaned_data.items() if v}
        return [row for row in rows if all(getattr(row, k) == v for k, v in chosen.items())]
