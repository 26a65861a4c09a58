"""Countries, partners and themes now have drafts and go through the moderation workflow
(projects 0002): Editors and Moderators may publish them, Translators submit their changes to
the "Moderators approval" workflow, as for pages."""

from django.db import migrations

EDITORS, MODERATORS = "Editors", "Moderators"
SNIPPETS = ["country", "partner", "theme"]
WORKFLOW = "Moderators approval"


def moderate_snippets(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowContentType = apps.get_model("wagtailcore.WorkflowContentType")

    workflow = (
        Workflow.objects.filter(name=WORKFLOW, active=True).first()
        or Workflow.objects.filter(active=True).order_by("pk").first()
    )
    for model in SNIPPETS:
        content_type, _ = ContentType.objects.get_or_create(app_label="projects", model=model)
        # Wagtail adds the publish permission after migrations; the groups need it now.
        publish, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"publish_{model}",
            defaults={"name": f"Can publish {model}"},
        )
        change = Permission.objects.get(content_type=content_type, codename=f"change_{model}")
        for name in (EDITORS, MODERATORS):
            group = Group.objects.filter(name=name).first()
            if group is not None:
                # Moderators open a submitted snippet to review it, as they open pages.
                group.permissions.add(publish, change)
        if workflow is not None:
            WorkflowContentType.objects.get_or_create(
                content_type=content_type, defaults={"workflow": workflow}
            )


class Migration(migrations.Migration):
    dependencies = [
        ("ciso", "0006_translation_fingerprints"),
        ("projects", "0002_moderated_snippets"),
    ]

    operations = [migrations.RunPython(moderate_snippets, migrations.RunPython.noop)]
