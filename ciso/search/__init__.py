"""The site search: what is indexed in each language, and how a visitor's query is run.

Each public page, document and object of a registered model (a country's page, `register`) has
one `SearchEntry` per language it is written in, holding only that language's texts (no
fallback: a French word never finds a page on the English search because of its French text).
On PostgreSQL the entry's `search_vector` is built with the language's text-search
configuration (French or English stemming) and searched with `websearch_to_tsquery`, ranked,
with highlighted excerpts; on SQLite (`make run` without a server) a plain substring match over
the same entries keeps the search working.

Accents and case never matter: on PostgreSQL each language's configuration (made by migration
0009) strips accents before stemming, on both the texts and the query; on SQLite both sides are
folded in Python (`fold`). The excerpts still show and mark the words as the page writes them.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVector
from django.core.exceptions import FieldDoesNotExist
from django.db import connection, transaction
from django.db.models import Count, TextField, Value
from django.utils import translation
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.search import index

from ciso.models import SearchEntry

LANGUAGES = [code for code, _name in settings.LANGUAGES]
# PostgreSQL's french and english text-search configurations (stemming, stop words), with
# unaccent before the stemmer (migration 0009).
TEXT_SEARCH_CONFIGS = {"fr": "ciso_french", "en": "ciso_english"}
MAX_QUERY_LENGTH = 200
# Highlight marks that no indexed text contains (private-use characters are removed from it):
# the excerpt is escaped whole, then they become <mark> tags.
MARK_START, MARK_END = "\ue000", "\ue001"
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
TITLE_FIELDS = {"title", *(build_localized_fieldname("title", code) for code in LANGUAGES)}
# What may end a heading or a paragraph, before closing quotes and brackets.
ENDING_PUNCTUATION = ".!?…:;,"
CLOSING = "»”’\"')]"
# The letters NFKD does not decompose and PostgreSQL's unaccent spells out.
LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d"})


def fold(text):
    """`text` without accents and case ("Haïti" → "haiti", "Œuvre" → "oeuvre"), as PostgreSQL's
    unaccent and lower() would write it."""
    decomposed = unicodedata.normalize("NFKD", text.casefold()).translate(LIGATURES)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Indexing ------------------------------------------------------------------------------------


def _localized_field(model, name, language):
    """The column holding `name` in `language`, or the field itself when it is not
    translated (a partner's name, a document's title: the same in both languages)."""
    try:
        return model._meta.get_field(build_localized_fieldname(name, language))
    except FieldDoesNotExist:
        return model._meta.get_field(name)


def _texts(obj, search_fields, language):
    """The texts of `obj`'s search fields (Wagtail's `search_fields`) written in
    `language`, related objects' included (a history page's milestones)."""
    model = type(obj)
    names = {f.field_name for f in search_fields}
    for search_field in search_fields:
        name = search_field.field_name
        # modeltranslation adds the localized columns (title_fr, title_en) as search fields.
        if any(name == build_localized_fieldname(n, code) for n in names for code in LANGUAGES):
            continue
        if isinstance(search_field, index.RelatedFields):
            related = getattr(obj, name, None)
            items = related.all() if hasattr(related, "all") else [related] if related else []
            for item in items:
                yield from _texts(item, search_field.fields, language)
        elif isinstance(search_field, index.SearchField):
            try:
                model_field = _localized_field(model, name, language)
            except FieldDoesNotExist:
                continue
            value = model_field.value_from_object(obj)
            if not value:
                continue
            if hasattr(model_field, "get_searchable_content"):
                parts = model_field.get_searchable_content(value)
            else:
                parts = [str(value)]
            text = join(strip_tags(str(part)) for part in parts if part)
            if text:
                yield text


def join(texts):
    """Texts one after the other, each but the last ending with a full stop unless it ends with
    punctuation already: a heading does not run into the next paragraph in an excerpt ("Our
    mission. The CISO is…")."""
    texts = [text.strip() for text in texts]
    texts = [text for text in texts if text]
    ended = [
        text if text.rstrip(CLOSING)[-1:] in ENDING_PUNCTUATION else f"{text}."
        for text in texts[:-1]
    ]
    return " ".join(ended + texts[-1:])


def clean_text(text):
    """One space between words, composed accents (the query's are composed too)."""
    text = unicodedata.normalize("NFC", PRIVATE_USE.sub("", text))
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Document:
    """What one entry holds before it is saved."""

    kind: str
    url: str
    title: str
    body: str


@dataclass
class Source:
    """A model, other than pages and documents, whose objects have entries of their own."""

    model: type
    documents: object  # obj → {language: Document}
    objects: object  # () → queryset of the objects visitors may find


# The entries' kinds (a results filter each, in this order) and their names on the results page.
KINDS = {"page": _("Pages")}
SOURCES = {}


def register_kind(kind, label):
    """A kind of entry, offered as a filter of the results: a page type's `search_kind`, or a
    registered model's."""
    KINDS[kind] = label


def register(model, *, documents, objects, kind, label):
    """Index `model`'s objects: `documents(obj)` gives their entries, `objects()` those that are
    found (rebuilt by `rebuild`, kept by `update`). Called by a content app's ready(), which
    also calls `update` and `remove` when an object changes."""
    register_kind(kind, label)
    SOURCES[model] = Source(model=model, documents=documents, objects=objects)


def kind_labels():
    """Each kind of entry and its name: the pages' first, the documents' last."""
    return {**KINDS, "document": _("Documents")}


def _page_documents(page):
    """The page's entry per language, for the languages its title is written in: its search
    fields' texts, and those its type adds with `search_texts(language)` (a list of texts),
    which the content app keeps up to date with `update_page`."""
    page = page.specific
    documents = {}
    for language in LANGUAGES:
        title = getattr(page, build_localized_fieldname("title", language), "") or ""
        if not title:
            continue  # not translated yet: found in the other language only
        fields = [f for f in page.search_fields if f.field_name not in TITLE_FIELDS]
        body_parts = list(_texts(page, fields, language))
        # What else the page shows, that its own fields do not hold (`search_texts`).
        if hasattr(page, "search_texts"):
            body_parts += page.search_texts(language)
        description = getattr(page, build_localized_fieldname("search_description", language))
        if description:
            body_parts.insert(0, description)
        with translation.override(language):
            parts = page.get_url_parts()
        if parts is None:
            continue
        documents[language] = Document(
            kind=getattr(page, "search_kind", "page"),
            url=parts[2],
            title=clean_text(title),
            body=clean_text(join(body_parts)),
        )
    return documents


def _is_searchable_page(page):
    return (
        page.depth > 1
        and Page.objects.live().public().filter(pk=page.pk).exists()
        and page.get_url_parts() is not None
    )


def _document_documents(document):
    if document.collection.get_view_restrictions().exists():
        return {}  # a private collection: only signed-in staff may see it
    tags = " ".join(tag.name for tag in document.tags.all())
    entry = Document(
        kind="document",
        url=document.url,
        title=clean_text(document.title),
        body=clean_text(f"{document.filename} {tags}"),
    )
    return dict.fromkeys(LANGUAGES, entry)


def _save(obj, documents):
    """Replace `obj`'s entries with `documents` (language → Document)."""
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    if isinstance(obj, Page):
        content_type = ContentType.objects.get_for_model(Page)  # one key for every page type
    entries = SearchEntry.objects.filter(content_type=content_type, object_id=str(obj.pk))
    entries.exclude(language__in=documents).delete()
    for language, document in documents.items():
        entry, _created = SearchEntry.objects.update_or_create(
            content_type=content_type,
            object_id=str(obj.pk),
            language=language,
            defaults={
                "kind": document.kind,
                "url": document.url,
                "title": document.title,
                "body": document.body,
            },
        )
        if connection.vendor == "postgresql":
            config = TEXT_SEARCH_CONFIGS[language]
            SearchEntry.objects.filter(pk=entry.pk).update(
                search_vector=SearchVector(
                    Value(document.title, output_field=TextField()), weight="A", config=config
                )
                + SearchVector(
                    Value(document.body, output_field=TextField()), weight="B", config=config
                )
            )


def remove(obj):
    """Forget `obj` (deleted, unpublished, made private)."""
    model = Page if isinstance(obj, Page) else obj
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    SearchEntry.objects.filter(content_type=content_type, object_id=str(obj.pk)).delete()


def update_page(page):
    """Index `page` as it is now, or forget it if it is no longer live and public."""
    _save(page, _page_documents(page) if _is_searchable_page(page) else {})


def update_page_tree(page):
    """The page and the pages under it: their addresses and privacy follow it."""
    for each in Page.objects.filter(path__startswith=page.path).specific():
        update_page(each)


def update_document(document):
    _save(document, _document_documents(document))


def update(obj):
    """Index an object of a registered model as it is stored (a draft lives in a revision, and
    the instance in hand may hold it), or forget it when its model's `objects` leave it out."""
    source = SOURCES[type(obj)]
    stored = source.objects().filter(pk=obj.pk).first()
    _save(obj, source.documents(stored) if stored else {})


@transaction.atomic
def rebuild():
    """Every entry from scratch. Returns how many entries there are."""
    SearchEntry.objects.all().delete()
    for page in Page.objects.live().public().filter(depth__gt=1).specific():
        update_page(page)
    for document in get_document_model().objects.select_related("collection"):
        update_document(document)
    for source in SOURCES.values():
        for obj in source.objects():
            _save(obj, source.documents(obj))
    return SearchEntry.objects.count()


# Searching -----------------------------------------------------------------------------------

FRAGMENT_DELIMITER = " … "
# Characters of the body's beginning and end read with each result (PostgreSQL), to tell
# whether its excerpt begins or ends where the body does.
EDGE = 100


def clean_query(raw):
    """The visitor's query made safe to search and to show: without NUL bytes, control
    characters and lone surrogates, accents composed, with single spaces, cut at
    MAX_QUERY_LENGTH. Returns the query and whether it was cut."""
    raw = raw or ""
    kept = "".join(
        " " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c
        for c in raw
        if unicodedata.category(c) not in ("Cs", "Co")
    )
    query = " ".join(unicodedata.normalize("NFC", kept).split())
    return query[:MAX_QUERY_LENGTH].strip(), len(query) > MAX_QUERY_LENGTH


def has_words(query):
    return bool(re.search(r"\w", query))


def _uses_syntax(query):
    """Whether the query uses the search syntax (quotes, "or", a leading minus), which
    websearch_to_tsquery reads."""
    return '"' in query or re.search(r"(^|\s)(-|or\b)", query, re.IGNORECASE)


def _prefix_query(stems):
    """For a query of plain words: each word's stem, or the stem less its last letter as a
    prefix, so that French "syndicale" (stem "syndical") also finds "syndicats" (stem
    "syndicat"), and "travail" finds "travailleurs". One-letter words are left out: without
    its accent, French "à" is the verb "a", which every page found would otherwise need. None
    when no word is left."""
    stems = [s for s in stems if re.fullmatch(r"\w\w+", s)]
    if not stems:
        return None
    terms = [f"('{s}' | '{s[:-1]}':*)" if len(s) >= 6 else f"'{s}'" for s in stems]
    return TsQuery("to_tsquery", "simple", " & ".join(terms))


def _highlight(text):
    return mark_safe(escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


@dataclass(frozen=True)
class TsQuery:
    """A text-search query, as PostgreSQL makes it: `function(config, text)`."""

    function: str  # to_tsquery or websearch_to_tsquery
    config: str
    text: str

    def sql(self):
        """The SQL of the query and its parameters."""
        return f"{self.function}(%s::regconfig, %s)", [self.config, self.text]


@dataclass
class Query:
    """A visitor's query, and what each language's search looks for in the vectors
    (`TsQuery`)."""

    text: str
    tsqueries: dict = field(default_factory=dict)


def prepare(text):
    """`text` ready to be searched in every language. On PostgreSQL the stems of its words in
    each language come in one query: a search that finds nothing counts the other language's
    results without asking for them again."""
    query = Query(text)
    if connection.vendor != "postgresql":
        return query
    stems = dict.fromkeys(LANGUAGES, [])
    if not _uses_syntax(text):
        stem_sql = "tsvector_to_array(to_tsvector(%s::regconfig, %s))"
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT " + ", ".join([stem_sql] * len(LANGUAGES)),
                [value for code in LANGUAGES for value in (TEXT_SEARCH_CONFIGS[code], text)],
            )
            stems = dict(zip(LANGUAGES, cursor.fetchone(), strict=True))
    for code in LANGUAGES:
        query.tsqueries[code] = _prefix_query(stems[code]) or TsQuery(
            "websearch_to_tsquery", TEXT_SEARCH_CONFIGS[code], text
        )
    return query


def _matching(query, language):
    """SQLite: the entries whose folded title or body holds each of the query's words, folded
    (a small site's entries)."""
    entries = SearchEntry.objects.filter(language=language)
    words = re.findall(r"\w+", fold(query.text))
    found = [
        pk
        for pk, title, body in entries.values_list("pk", "title", "body")
        if all(word in fold(f"{title} {body}") for word in words)
    ]
    return entries.filter(pk__in=found)


@dataclass
class Results:
    """The entries found (ordered best first, read a slice at a time) and how many of each
    kind."""

    entries: object
    kind_counts: dict = field(default_factory=dict)


# On PostgreSQL the search is written in SQL: its ranking, headlines and counts cost the ORM
# about 1.5 ms to compile, several times what PostgreSQL takes to answer.
MATCHING_SQL = (
    f"FROM {SearchEntry._meta.db_table} e, {{tsquery}} q "
    "WHERE e.language = %s AND e.search_vector @@ q"
)
COUNTS_SQL = f"SELECT e.kind, count(*) {MATCHING_SQL} GROUP BY e.kind"
COUNT_SQL = f"SELECT count(*) {MATCHING_SQL}"
# ts_headline's options, as Django's SearchHeadline writes them.
TITLE_HEADLINE = f"StartSel='{MARK_START}', StopSel='{MARK_END}', HighlightAll=true"
EXCERPT_HEADLINE = (
    f"StartSel='{MARK_START}', StopSel='{MARK_END}', MaxWords=35, MinWords=15, "
    # ShortWord=0, or a fragment would leave out a first "Le" or "The".
    f"ShortWord=0, MaxFragments=2, FragmentDelimiter='{FRAGMENT_DELIMITER}'"
)
# The results show their highlighted headlines: the long text and its vector stay in the
# database.
RANKED_SQL = f"""
SELECT e.id, e.kind, e.url, e.title,
       ts_headline(%s::regconfig, e.title, q, %s),
       ts_headline(%s::regconfig, e.body, q, %s),
       left(e.body, {EDGE}), right(e.body, {EDGE})
  {MATCHING_SQL}{{kind}}
 ORDER BY ts_rank(e.search_vector, q) DESC, e.title, e.id
 LIMIT %s OFFSET %s
"""


@dataclass
class Found:
    """An entry found on PostgreSQL, with its headlines, to be decorated."""

    id: int
    kind: str
    url: str
    title: str
    title_headline: str
    excerpt: str
    body_start: str
    body_end: str


class RankedEntries:
    """The entries of `language` that match a query, best first, read from PostgreSQL a slice
    at a time: a page of results is one query."""

    def __init__(self, tsquery, language, kind):
        self.tsquery, self.language, self.kind = tsquery, language, kind

    def __getitem__(self, key):
        if not isinstance(key, slice) or key.step or (key.start or 0) < 0:
            raise TypeError("RankedEntries only gives slices, from the first entry on")
        start = key.start or 0
        limit = None if key.stop is None else max(key.stop - start, 0)
        if limit == 0:
            return []  # a search that found nothing, its page of results
        tsquery_sql, tsquery_params = self.tsquery.sql()
        config = TEXT_SEARCH_CONFIGS[self.language]
        sql = RANKED_SQL.format(tsquery=tsquery_sql, kind=" AND e.kind = %s" if self.kind else "")
        params = [config, TITLE_HEADLINE, config, EXCERPT_HEADLINE, *tsquery_params]
        params += [self.language, *([self.kind] if self.kind else []), limit, start]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [Found(*row) for row in cursor.fetchall()]

    def __iter__(self):
        return iter(self[:])


def _rows(sql, query, language):
    tsquery_sql, tsquery_params = query.tsqueries[language].sql()
    with connection.cursor() as cursor:
        cursor.execute(sql.format(tsquery=tsquery_sql), [*tsquery_params, language])
        return cursor.fetchall()


def search(query, language, kind=None):
    """The entries of `language` that match `query` (a string or a prepared Query), best
    first, to be given `title_html` and `excerpt_html` by `decorate`; restricted to `kind`
    when given."""
    if isinstance(query, str):
        query = prepare(query)
    if connection.vendor == "postgresql":
        counts = dict(_rows(COUNTS_SQL, query, language))
        return Results(RankedEntries(query.tsqueries[language], language, kind), counts)
    entries = _matching(query, language)
    ranked = entries.order_by("title", "pk")
    counts = dict(entries.order_by().values_list("kind").annotate(n=Count("pk")))
    if kind:
        ranked = ranked.filter(kind=kind)
    return Results(entries=ranked, kind_counts=counts)


def count(query, language):
    """How many entries of `language` match `query` (a prepared Query): one query."""
    if connection.vendor == "postgresql":
        return _rows(COUNT_SQL, query, language)[0][0]
    return _matching(query, language).count()


def decorate(entries, query):
    """The highlighted title and excerpt of each entry of a results page."""
    words = [w for w in re.findall(r"\w+", fold(query)) if len(w) > 1]
    for entry in entries:
        if hasattr(entry, "excerpt"):
            entry.title_html = _highlight(entry.title_headline)
            entry.excerpt_html = _highlight(
                _with_cuts(entry.excerpt, entry.body_start, entry.body_end)
            )
        else:  # SQLite: the first match in context, marked by hand
            entry.title_html = _mark_words(entry.title, words)
            entry.excerpt_html = _mark_words(_excerpt_around(entry.body, words), words)
    return entries


def _trailing(text):
    """The punctuation and spaces that end `text`."""
    return re.search(r"\W*$", text).group()


def _with_cuts(excerpt, body_start, body_end):
    """ts_headline's excerpt (fragments of whole words) with "…" where it begins or ends
    inside the body, and with the body's closing punctuation where it ends with it
    (ts_headline leaves it out)."""
    plain = excerpt.replace(MARK_START, "").replace(MARK_END, "")
    if not plain:
        return excerpt
    first, last = plain.split(FRAGMENT_DELIMITER)[0], plain.split(FRAGMENT_DELIMITER)[-1]
    n = min(len(first), len(body_start))
    if first[:n] != body_start[:n]:
        excerpt = f"… {excerpt}"
    end_core = body_end[: len(body_end) - len(_trailing(body_end))]
    last_core = last[: len(last) - len(_trailing(last))]
    n = min(len(end_core), len(last_core))
    if end_core[len(end_core) - n :] == last_core[len(last_core) - n :]:
        return excerpt + _trailing(body_end)[len(_trailing(last)) :]
    return f"{excerpt.rstrip(' ,;:')} …"


def _excerpt_around(body, words, width=220):
    """About `width` characters of `body` from a little before the first of `words` it holds,
    cut between words, with "…" where it is cut."""
    spans = _spans(body, words)
    start = max(0, spans[0][0] - width // 3) if spans else 0
    while start > 0 and not body[start - 1].isspace():
        start -= 1
    end = body.find(" ", start + width)
    end = len(body) if end < 0 else end
    excerpt = body[start:end].strip()
    if start:
        excerpt = f"… {excerpt}"
    if end < len(body):
        excerpt = f"{excerpt.rstrip(' ,;:')} …"
    return excerpt


def _spans(text, words):
    """Where `words` (folded) are in `text`, accents and case aside: (start, end) pairs."""
    if not words:
        return []
    folded, origins = [], []
    for i, char in enumerate(text):
        folded.append(fold(char))
        origins.extend([i] * len(folded[-1]))
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    spans = []
    for match in pattern.finditer("".join(folded)):
        end = origins[match.end() - 1] + 1
        while end < len(text) and not folded[end]:  # an accent written as its own character
            end += 1
        spans.append((origins[match.start()], end))
    return spans


def _mark_words(text, words):
    marked, last = [], 0
    for start, end in _spans(text, words):
        marked += [text[last:start], MARK_START, text[start:end], MARK_END]
        last = end
    marked.append(text[last:])
    return _highlight("".join(marked))
