"""The site search ignores accents: each language's text-search configuration strips them
(PostgreSQL's `unaccent`) before stemming, and the entries' vectors are rebuilt with it. The
entries' kinds become the filters visitors see (page, project, country, document) instead of
page model names.

On SQLite (`make run` without a server) there are no vectors: ciso/search.py folds the
accents in Python; only the kinds change.
"""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import ProgrammingError, migrations
from django.db.models import IntegerField, OuterRef, Subquery
from django.db.models.functions import Cast

# Each language's configuration: a copy of PostgreSQL's own, with unaccent before the stemmer
# for the words that hold letters outside ASCII.
CONFIGURATIONS = {"fr": ("ciso_french", "french"), "en": ("ciso_english", "english")}
VECTOR = (
    "UPDATE ciso_searchentry SET search_vector ="
    " setweight(to_tsvector(%s::regconfig, coalesce(title, '')), 'A')"
    " || setweight(to_tsvector(%s::regconfig, coalesce(body, '')), 'B')"
    " WHERE language = %s"
)
PAGE_KINDS = {"projectpage": "project"}  # every other page model: "page"
OTHER_KINDS = ["country", "document"]


class Unaccent(UnaccentExtension):
    """The `unaccent` extension, or an error that says how to get it: on a managed server the
    site's database user often may not create extensions (Django skips this step once the
    extension exists)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        try:
            super().database_forwards(app_label, schema_editor, from_state, to_state)
        except ProgrammingError as error:
            database = schema_editor.connection.settings_dict["NAME"]
            raise ProgrammingError(
                "The site search needs PostgreSQL's unaccent extension, and this database "
                "user may not create it. Ask the server's administrator to run, once, in the "
                f'database "{database}": CREATE EXTENSION unaccent; then run migrate again.'
            ) from error


def _rebuild_vectors(schema_editor, new):
    """Every entry's vector, with the new configurations or PostgreSQL's own."""
    for language, (name, source) in CONFIGURATIONS.items():
        config = name if new else source
        schema_editor.execute(VECTOR, [config, config, language])


def create_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, source in CONFIGURATIONS.values():
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {source})")
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name}"
            f" ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {source}_stem"
        )
    _rebuild_vectors(schema_editor, new=True)


def drop_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    _rebuild_vectors(schema_editor, new=False)
    for name, _source in CONFIGURATIONS.values():
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION {name}")


def kinds_for_visitors(apps, schema_editor):
    SearchEntry = apps.get_model("ciso", "SearchEntry")
    for model_name, kind in PAGE_KINDS.items():
        SearchEntry.objects.filter(kind=model_name).update(kind=kind)
    kinds = [*PAGE_KINDS.values(), *OTHER_KINDS, "page"]
    SearchEntry.objects.exclude(kind__in=kinds).update(kind="page")


def kinds_as_model_names(apps, schema_editor):
    SearchEntry = apps.get_model("ciso", "SearchEntry")
    Page = apps.get_model("wagtailcore", "Page")
    model_name = Page.objects.filter(
        pk=Cast(OuterRef("object_id"), IntegerField())
    ).values("content_type__model")[:1]
    pages = SearchEntry.objects.exclude(kind__in=OTHER_KINDS)
    pages.update(kind=Subquery(model_name))


class Migration(migrations.Migration):
    dependencies = [
        ("ciso", "0008_search_entries_and_share_image"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        Unaccent(),
        migrations.RunPython(create_configurations, drop_configurations),
        migrations.RunPython(kinds_for_visitors, kinds_as_model_names),
    ]
