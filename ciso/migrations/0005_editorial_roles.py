"""Editorial roles: Editors create, edit and publish; Translators edit pages and translatable
snippets but cannot publish or delete; Moderators approve or reject what is submitted.

Wagtail's own migrations create the Editors and Moderators groups and a "Moderators approval"
workflow on the root page; this one adds the Translators group and sets what each role may do.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS, TRANSLATORS, MODERATORS = "Editors", "Translators", "Moderators"
SNIPPETS = [("projects", "country"), ("projects", "partner"), ("projects", "theme")]


def set_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for label in ("ciso", "projects", "wagtailadmin", "wagtailimages", "wagtaildocs"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True  # create_permissions skips apps without models
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    Page = apps.get_model("wagtailcore.Page")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    Collection = apps.get_model("wagtailcore.Collection")
    ContentType = apps.get_model("contenttypes.ContentType")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")

    def permission(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    editors, _ = Group.objects.get_or_create(name=EDITORS)
    translators, _ = Group.objects.get_or_create(name=TRANSLATORS)
    moderators, _ = Group.objects.get_or_create(name=MODERATORS)

    root = Page.objects.filter(depth=1).first()
    if root is not None:
        page_permissions = {
            editors: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
            translators: ["change_page"],
            moderators: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
        }
        for group, codenames in page_permissions.items():
            for codename in codenames:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root, permission=permission("wagtailcore", codename)
                )

    access_admin = permission("wagtailadmin", "access_admin")
    for group in (editors, translators, moderators):
        group.permissions.add(access_admin)
    for app_label, model in SNIPPETS:
        editors.permissions.add(
            *[permission(app_label, f"{action}_{model}") for action in ("add", "change", "delete")]
        )
        translators.permissions.add(permission(app_label, f"change_{model}"))
    editors.permissions.add(permission("ciso", "change_sitesettings"))

    # Translators keep the image and document choosers working in the pages they edit.
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
            GroupCollectionPermission.objects.get_or_create(
                group=translators,
                collection=root_collection,
                permission=permission(app_label, f"choose_{model}"),
            )

    # Submissions go to the moderators: the workflow Wagtail creates, or one made here.
    if root is not None and not WorkflowPage.objects.filter(page=root).exists():
        task = GroupApprovalTask.objects.create(
            name="Moderators approval",
            content_type=ContentType.objects.get_or_create(
                app_label="wagtailcore", model="groupapprovaltask"
            )[0],
            active=True,
        )
        task.groups.set([moderators])
        workflow = Workflow.objects.create(name="Moderators approval", active=True)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        WorkflowPage.objects.create(workflow=workflow, page=root)


class Migration(migrations.Migration):
    dependencies = [
        ("ciso", "0004_untranslated_organisation_name"),
        ("projects", "0001_countries_partners_projects"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(set_roles, migrations.RunPython.noop)]
