"""The page cache's generation (ciso/caching.py): one row whose token is part of every key, and
triggers that write a new token whenever a page's or a collection's privacy changes, whatever
made the change (the admin, a QuerySet.update, a data migration, a SQL fix): a page made private
is never served from the cache again.

Replaces the content version that lived in the cache itself (a Redis key or a file).
"""

import uuid

from django.db import migrations, models

TABLE = "ciso_pagecachegeneration"
PRIVACY_TABLES = ["wagtailcore_pageviewrestriction", "wagtailcore_collectionviewrestriction"]

POSTGRESQL_FUNCTION = f"""
CREATE OR REPLACE FUNCTION ciso_new_page_cache_generation() RETURNS trigger AS $$
BEGIN
    UPDATE {TABLE} SET token = md5(random()::text || clock_timestamp()::text) WHERE id = 1;
    RETURN NULL;
END
$$ LANGUAGE plpgsql"""


def _trigger(table, event=""):
    return f"ciso_page_cache_{table}{event}"


def add_generation_and_triggers(apps, schema_editor):
    apps.get_model("ciso", "PageCacheGeneration").objects.create(pk=1, token=uuid.uuid4().hex)
    run = schema_editor.execute
    if schema_editor.connection.vendor == "postgresql":
        run(POSTGRESQL_FUNCTION)
        for table in PRIVACY_TABLES:
            run(
                f"CREATE TRIGGER {_trigger(table)} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE"
                f" ON {table} FOR EACH STATEMENT EXECUTE FUNCTION ciso_new_page_cache_generation()"
            )
    elif schema_editor.connection.vendor == "sqlite":
        for table in PRIVACY_TABLES:
            for event in ("INSERT", "UPDATE", "DELETE"):
                run(
                    f"CREATE TRIGGER {_trigger(table, event.lower())} AFTER {event} ON {table}"
                    f" BEGIN UPDATE {TABLE} SET token = lower(hex(randomblob(16))) WHERE id = 1;"
                    " END"
                )


def remove_triggers(apps, schema_editor):
    run = schema_editor.execute
    if schema_editor.connection.vendor == "postgresql":
        for table in PRIVACY_TABLES:
            run(f"DROP TRIGGER IF EXISTS {_trigger(table)} ON {table}")
        run("DROP FUNCTION IF EXISTS ciso_new_page_cache_generation()")
    elif schema_editor.connection.vendor == "sqlite":
        for table in PRIVACY_TABLES:
            for event in ("insert", "update", "delete"):
                run(f"DROP TRIGGER IF EXISTS {_trigger(table, event)}")


class Migration(migrations.Migration):
    dependencies = [
        ("ciso", "0009_unaccented_search"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="PageCacheGeneration",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token", models.CharField(max_length=32)),
            ],
        ),
        migrations.RunPython(add_generation_and_triggers, remove_triggers),
    ]
