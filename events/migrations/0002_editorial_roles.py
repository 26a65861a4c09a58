"""The kinds of event in the editorial roles (ciso.editorial.roles.grant_snippet_roles):
Editors publish them, Moderators review them, Translators translate their names through the
"Moderators approval" workflow."""

from django.db import migrations

from ciso.editorial.roles import grant_snippet_roles


def set_roles(apps, schema_editor):
    grant_snippet_roles(apps, "events", ["eventkind"], translated={"eventkind"})


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_events"),
        ("ciso", "0007_moderated_snippets_roles"),
    ]

    operations = [migrations.RunPython(set_roles, migrations.RunPython.noop)]
