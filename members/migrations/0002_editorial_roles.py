"""The members' snippets in the editorial roles (ciso 0005 and 0007 for the others): Editors
add, change, delete and publish them, Moderators publish and review them, Translators change
the kinds' names (a member organisation has nothing to translate); every change goes through
the "Moderators approval" workflow, as for pages."""

from django.db import migrations

from ciso.editorial.roles import grant_snippet_roles


def set_roles(apps, schema_editor):
    grant_snippet_roles(
        apps, "members", ["memberkind", "memberorganisation"], translated={"memberkind"}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0001_member_organisations"),
        ("ciso", "0007_moderated_snippets_roles"),
    ]

    operations = [migrations.RunPython(set_roles, migrations.RunPython.noop)]
