"""The editorial roles of the site: who may edit, translate, publish and approve.

The groups and their permissions are created by a migration (ciso/migrations/0005_...), so
that every installation has the same roles; this module names them for the code.
"""

from django.utils.translation import gettext_lazy as _

EDITORS = "Editors"
TRANSLATORS = "Translators"
MODERATORS = "Moderators"
# Wagtail's own workflow, and its one task, that submissions go through (or the migration's).
MODERATORS_APPROVAL = "Moderators approval"

# The names above are stored in English, as the code looks them up; the admin shows them in
# the staff member's language (ciso/editorial/admin_language.py).
NAME_LABELS = {
    EDITORS: _("Editors"),
    TRANSLATORS: _("Translators"),
    MODERATORS: _("Moderators"),
    MODERATORS_APPROVAL: _("Moderators approval"),
}


def is_translator_only(user):
    """A translator who has no role that allows deleting or publishing."""
    if not user.is_authenticated or user.is_superuser:
        return False
    names = set(user.groups.values_list("name", flat=True))
    return TRANSLATORS in names and not names & {EDITORS, MODERATORS}


def grant_snippet_roles(apps, app_label, model_names, translated=()):
    """For a content app's migration: the roles on its moderated snippets. Editors add,
    change, delete and publish them; Moderators change (to review) and publish them;
    Translators change those of `translated` (the ones with texts to translate); every
    change goes through the moderation workflow. `apps` is the migration's, so that this
    works on the models as they are at that migration."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; the groups need them now.
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True  # create_permissions skips apps without models
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowContentType = apps.get_model("wagtailcore.WorkflowContentType")

    groups = {
        name: Group.objects.filter(name=name).first() for name in (EDITORS, TRANSLATORS, MODERATORS)
    }
    workflow = (
        Workflow.objects.filter(name=MODERATORS_APPROVAL, active=True).first()
        or Workflow.objects.filter(active=True).order_by("pk").first()
    )
    for model in model_names:
        content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
        # Wagtail adds the publish permission after migrations; the groups need it now.
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"publish_{model}",
            defaults={"name": f"Can publish {model}"},
        )
        granted = {
            EDITORS: ["add", "change", "delete", "publish"],
            MODERATORS: ["change", "publish"],
            TRANSLATORS: ["change"] if model in translated else [],
        }
        for name, actions in granted.items():
            if groups.get(name) is not None and actions:
                codenames = [f"{action}_{model}" for action in actions]
                groups[name].permissions.add(
                    *Permission.objects.filter(content_type=content_type, codename__in=codenames)
                )
        if workflow is not None:
            WorkflowContentType.objects.get_or_create(
                content_type=content_type, defaults={"workflow": workflow}
            )
