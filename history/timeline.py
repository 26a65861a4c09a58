"""What the history page's timeline shows, in two queries whatever the number of milestones.

The first counts the milestones of each decade; the second reads those shown, with their
images, the renditions the page shows of them, and the page or document each links to. Both
are written in SQL (ciso/rows.py makes the ORM's objects from the rows): the ORM spent more
time compiling them than PostgreSQL spends answering (about 2 ms a page, against 0.2). Each
milestone becomes an `Entry` holding what the template prints, worked out here once rather
than by a tag or a property per milestone.

A preview holds its milestones in memory (modelcluster): they are shown the same way, without
the queries.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from modeltranslation.utils import build_localized_fieldname
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.models import Filter, Picture
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.models import Page

from ciso import rows
from ciso.templatetags.ciso_tags import partial_date

# A timeline of more milestones than this is shown a decade at a time, so that a long history
# stays quick to load and to read.
TIMELINE_IN_FULL = 30

# Renditions the timeline shows (WebP, and JPEG for older browsers, at two sizes), read with
# the milestones so that images cost no query each. The filters are made once: what they hold
# is their spec, parsed (which `{% picture %}` does again at every image it shows).
IMAGE_FILTER_SPECS = Filter.expand_spec("fill-{320x240,640x480} format-{webp,jpeg}")
IMAGE_FILTERS = [Filter(spec=spec) for spec in IMAGE_FILTER_SPECS]
# The <picture>'s attributes, in the order the template tag would write them.
PICTURE_SIZES = "(min-width: 40rem) 320px, 100vw"

LANGUAGES = [code for code, _name in settings.LANGUAGES]
FALLBACK_LANGUAGES = settings.MODELTRANSLATION_FALLBACK_LANGUAGES["default"]
TRANSLATED = ("title", "text", "image_alt", "link_text")


def _localized(name):
    """The columns of a translated field: title_fr, title_en."""
    return [build_localized_fieldname(name, code) for code in LANGUAGES]


Image = get_image_model()
Document = get_document_model()
MILESTONE_FIELDS = [
    "id",
    "year",
    "month",
    "day",
    "image_id",
    "link_page_id",
    "link_document_id",
    *(column for name in TRANSLATED for column in _localized(name)),
]

DECADES_SQL = "SELECT year / 10 * 10, count(*) FROM history_milestone WHERE page_id = %s GROUP BY 1"


def _milestones_sql():
    """The milestones of a page between two years, each with its image (and, as a JSON array,
    the image's renditions that the timeline shows), its linked page and document: those
    objects' columns first (ciso/rows.py), then the milestone's own and the renditions."""
    parts = (rows.columns(Image, "i"), rows.columns(Page, "p"), rows.columns(Document, "d"))
    image, page, document = parts
    own = ", ".join(f'm."{name}"' for name in MILESTONE_FIELDS)
    sql = f"""
SELECT {image.sql}, {page.sql}, {document.sql}, {own},
       {rows.renditions_sql("i", "%s")}
  FROM history_milestone AS m
  LEFT JOIN {Image._meta.db_table} AS i ON i.id = m.image_id
  LEFT JOIN {Page._meta.db_table} AS p ON p.id = m.link_page_id
  LEFT JOIN {Document._meta.db_table} AS d ON d.id = m.link_document_id
 WHERE m.page_id = %s AND m.year >= %s AND m.year < %s
 ORDER BY m.year, m.sort_order, m.id"""
    return sql, parts


@dataclass
class Decade:
    start: int  # 1990 for the 1990s
    count: int  # its milestones
    current: bool  # the one shown
    latest: bool  # the one shown when none is asked

    @property
    def label(self):
        """ "The 1990s", as {% blocktranslate %} would write it (the sentence is not escaped)."""
        return mark_safe(gettext("The %(decade)ss") % {"decade": self.start})

    @property
    def count_label(self):
        """ "41 milestones", as {% blocktranslate count %} would write it."""
        count = self.count
        message = ngettext("%(count)s milestone", "%(count)s milestones", count)
        return mark_safe(message % {"count": count})


@dataclass
class Timeline:
    """What the history page's timeline shows: its milestones (`Entry`) and, for a long
    timeline shown a decade at a time, every decade (`decades`), the one shown (`decade`) and
    the one the address asked for (`asked`, None for the default, the latest)."""

    milestones: list = field(default_factory=list)
    decades: list = field(default_factory=list)
    decade: int | None = None
    asked: int | None = None

    @property
    def in_other_languages(self):
        """The milestones that show a text in a language other than the page's, for the
        notice that the page is not fully translated."""
        return [entry for entry in self.milestones if entry.title_lang or entry.text_lang]


class Entry(dict):
    """One milestone as the timeline shows it, its texts in the page's language or, when they
    are not translated, in the fallback language (`title_lang`, `text_lang`: that language,
    None when it is the page's). The translated columns (`title_fr`…) stay readable, for the
    notice that the page is not fully translated.

    A dict whose keys read as attributes too: a template's `{{ entry.title }}` tries a key
    first, and an object's attribute only after that lookup failed (an exception each time,
    a good part of what a variable costs)."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


class _Texts:
    """Which of a milestone's translated texts a page in the active language shows: the first
    filled in, in modeltranslation's order (the active language, then the fallbacks)."""

    def __init__(self):
        self.active = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
        order = [self.active, *(code for code in FALLBACK_LANGUAGES if code != self.active)]
        self.columns = {
            name: [(build_localized_fieldname(name, code), code) for code in order]
            for name in TRANSLATED
        }
        self.anchor_label = gettext("Link to “%(title)s”")

    def shown(self, values, name):
        """The text shown of field `name`, and its language when it is not the active one."""
        for column, code in self.columns[name]:
            if value := values.get(column):
                return value, code if code != self.active else None
        return "", None

    def entry(self, values, *, anchor, image, link_page, link_document):
        year, month, day = values["year"], values["month"], values["day"]
        date = datetime.date(year, month or 1, day or 1)
        date_precision = precision(month, day)
        title, title_lang = self.shown(values, "title")
        text, text_lang = self.shown(values, "text")
        link_text = self.shown(values, "link_text")[0]
        return Entry(
            {column: values[column] for columns in self.columns.values() for column, _ in columns},
            anchor=anchor,
            iso_date=iso_date(date, date_precision),
            date=partial_date(date, date_precision),
            title=title,
            title_lang=title_lang,
            text=text,
            text_lang=text_lang,
            # As {% blocktranslate with title=… %} writes it: the title escaped, not the sentence.
            anchor_label=mark_safe(self.anchor_label % {"title": escape(title)}),
            picture=_picture(image, self.shown(values, "image_alt")[0]) if image else "",
            link=_link(link_page, link_document, link_text),
        )


def iso_date(date, precision):
    """For `<time datetime>`: 1975, 1975-06 or 1975-06-12."""
    if precision == "day":
        return date.isoformat()
    if precision == "month":
        return f"{date.year:04d}-{date.month:02d}"
    return f"{date.year:04d}"


def precision(month, day):
    return "day" if day else "month" if month else "year"


def _picture(image, alt):
    """The milestone's <picture>, as `{% picture image fill-{320x240,640x480}
    format-{webp,jpeg} … %}` writes it."""
    renditions = get_renditions_or_not_found(image, IMAGE_FILTERS)
    attrs = {
        "sizes": PICTURE_SIZES,
        "alt": alt,
        "class": "timeline__image",
        "loading": "lazy",
        "decoding": "async",
    }
    return Picture(renditions, attrs).__html__()


def _link(page, document, text):
    """Where the milestone links to: a page or a document to download, else None."""
    target = page or document
    if target is None:
        return None
    return {
        "url": page.url if page else document.url,
        "text": text or target.title,
        "document": document,
    }


def _choose(counts, asked):
    """The decades of a long timeline and the one shown, from the number of milestones of each
    decade: a Timeline without milestones yet."""
    timeline = Timeline()
    if sum(counts.values()) <= TIMELINE_IN_FULL:
        return timeline
    latest = max(counts)
    asked = int(asked) if asked and asked.isdigit() else None
    timeline.decade = asked if asked in counts else latest
    timeline.asked = asked if asked in counts else None
    timeline.decades = [
        Decade(start, counts[start], start == timeline.decade, start == latest)
        for start in sorted(counts)
    ]
    return timeline


def for_page(page, decade=None):
    """The timeline of `page` (a HistoryPage): all its milestones when there are at most
    TIMELINE_IN_FULL, otherwise those of one decade (`decade`, "1990", when the timeline has
    it, else the latest one), by year."""
    if page.milestones.is_deferring or page.pk is None:
        return _from_memory(page.milestones.all(), decade)
    with connection.cursor() as cursor:
        cursor.execute(DECADES_SQL, [page.pk])
        shown = _choose(dict(cursor.fetchall()), decade)
    start, end = (0, 32768) if shown.decade is None else (shown.decade, shown.decade + 10)
    sql, parts = _milestones_sql()
    found = rows.fetch(sql, [IMAGE_FILTER_SPECS, page.pk, start, end], *parts)
    texts = _Texts()
    shown.milestones = [_from_row(texts, *row) for row in found]
    return shown


def _from_row(texts, image, link_page, link_document, *values):
    *values, renditions = values
    values = dict(zip(MILESTONE_FIELDS, values, strict=True))
    rows.with_renditions(image, renditions)
    return texts.entry(
        values,
        anchor=f"milestone-{values['id']}",
        image=image,
        link_page=link_page,
        link_document=link_document,
    )


def _from_memory(milestones, decade):
    """The timeline of a page previewed, from its milestones in memory."""
    milestones = sorted(milestones, key=lambda m: (m.year, m.sort_order or 0))
    shown = _choose(Counter(m.year // 10 * 10 for m in milestones), decade)
    if shown.decade is not None:
        milestones = [m for m in milestones if m.year // 10 * 10 == shown.decade]
    texts = _Texts()
    shown.milestones = [
        texts.entry(
            {name: getattr(m, name) for name in MILESTONE_FIELDS},
            anchor=m.anchor,
            image=m.image,
            link_page=m.link_page,
            link_document=m.link_document,
        )
        for m in milestones
    ]
    return shown
