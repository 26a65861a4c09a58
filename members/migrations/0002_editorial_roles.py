"""The members' snippets in the editorial roles (ciso 0005 and 0007 for the others): Editors
add, change, delete and publish them, Moderators publish and review them, Translators change
the kinds' names (a member organisation has nothing to translate); every change goes through
the "Moderators approval" workflow, as for pages."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS, TRANSLATORS, MODERATORS = "Editors", "Translators", "Moderators"
WORKFLOW = "Moderators approval"
TRANSLATED = {"memberkind"}


def set_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    app_config = apps.get_app_config("members")
    app_config.models_module = True  # create_permissions skips apps without models
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowContentType = apps.get_model("wagtailcore.WorkflowContentType")

    groups = {
        name: Group.objects.filter(name=name).first()
        for name in (EDITORS, TRANSLATORS, MODERATORS)
    }
    workflow = (
        Workflow.objects.filter(name=WORKFLOW, active=True).first()
        or Workflow.objects.filter(active=True).order_by("pk").first()
    )
    for model in ("memberkind", "memberorganisation"):
        content_type, _ = ContentType.objects.get_or_create(app_label="members", model=model)
        # Wagtail adds the publish permission after migrations; the groups need it now.
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"publish_{model}",
            defaults={"name": f"Can publish {model}"},
        )
        granted = {
            EDITORS: ["add", "change", "delete", "publish"],
            MODERATORS: ["change", "publish"],
            TRANSLATORS: ["change"] if model in TRANSLATED else [],
        }
        for name, actions in granted.items():
            if groups[name] is not None and actions:
                groups[name].permissions.add(
                    *Permission.objects.filter(
                        content_type=content_type,
                        codename__in=[f"{action}_{model}" for action in actions],
                    )
                )
        if workflow is not None:
            WorkflowContentType.objects.get_or_create(
                content_type=content_type, defaults={"workflow": workflow}
            )


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0001_member_organisations"),
        ("ciso", "0007_moderated_snippets_roles"),
    ]

    operations = [migrations.RunPython(set_roles, migrations.RunPython.noop)]
