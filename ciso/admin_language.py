"""The admin in one language: the one each staff member chose (their account's preference).

These would otherwise show French in the English admin, or English in the French one:

- Labels Wagtail translates once, when its modules are imported, in the language then active
  (settings.LANGUAGE_CODE, French): class attributes and form fields written with `gettext`
  where `gettext_lazy` was needed (and one it never translates). `translate_import_time_labels`
  gives them back their English source text, lazily translated, so that each request shows
  them in its language. Each one is listed in WAGTAIL_IMPORT_TIME_LABELS;
  tests/ciso/test_admin_language.py fails when Wagtail stops translating one at import (the
  entry can then go).
- The buttons of a snippet chooser ("Choose another country"): Wagtail words them when the
  widget is made, and makes one widget per snippet for the whole process, in the language of
  the first request that needs it. The site's snippet viewsets use SnippetChooserViewSet.
- The names of the groups, workflow and task the site's migrations create (ciso/roles.py).
  They are stored in English, the language of the code that looks them up, and shown in the
  language of whoever reads them: when an instance is loaded, a name the site created is
  replaced by its translation in the active language (the admin's, inside an admin view);
  when it is saved unchanged, the stored name is written back. A name a staff member typed
  is stored and shown as typed. Everything that shows such an object (the "Submit to …"
  action, the workflow status, the workflow, task and group listings, the group checkboxes
  of the user form, the dashboard's moderation panels) reads the translated name. Code looks
  these objects up by their stored names, in queries (`name=EDITORS`); an instance's `name`
  is for people. The history's entries about a workflow step keep its names the same way.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db.models.signals import post_init, post_save, pre_save
from django.utils.functional import cached_property, lazy
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy, override
from wagtail.snippets.views import chooser as snippet_chooser
from wagtail.snippets.widgets import AdminSnippetChooser

from ciso.roles import NAME_LABELS

# Wagtail's labels translated at import, that this admin shows: (module, object, path to the
# label, English source). A path goes through attributes, dictionary keys and list indexes.
# (Wagtail has more, on screens this site does not offer: images in rich text, the image URL
# generator.)
WAGTAIL_IMPORT_TIME_LABELS = [
    # Every chooser modal and widget (images, documents, snippets): its tabs and buttons.
    ("wagtail.admin.viewsets.chooser", "ChooserViewSet", "choose_one_text", "Choose"),
    ("wagtail.admin.viewsets.chooser", "ChooserViewSet", "choose_another_text", "Choose another"),
    ("wagtail.admin.viewsets.chooser", "ChooserViewSet", "edit_item_text", "Edit"),
    ("wagtail.admin.viewsets.chooser", "ChooserViewSet", "search_tab_label", "Search"),
    ("wagtail.admin.viewsets.chooser", "ChooserViewSet", "create_action_label", "Create"),
    # The image permissions of a group (its edit form).
    ("wagtail.images.forms", "GroupImagePermissionFormSet", "permission_types.0.1", "Add"),
    (
        "wagtail.images.forms",
        "GroupImagePermissionFormSet",
        "permission_types.0.2",
        "Add/edit images you own",
    ),
    ("wagtail.images.forms", "GroupImagePermissionFormSet", "permission_types.1.1", "Edit"),
    (
        "wagtail.images.forms",
        "GroupImagePermissionFormSet",
        "permission_types.1.2",
        "Edit any image",
    ),
    ("wagtail.images.forms", "GroupImagePermissionFormSet", "permission_types.2.1", "Choose"),
    (
        "wagtail.images.forms",
        "GroupImagePermissionFormSet",
        "permission_types.2.2",
        "Select images in choosers",
    ),
    # The collection permissions of a group.
    (
        "wagtail.admin.forms.collections",
        "GroupCollectionManagementPermissionFormSet",
        "permission_types.0.1",
        "Add",
    ),
    (
        "wagtail.admin.forms.collections",
        "GroupCollectionManagementPermissionFormSet",
        "permission_types.0.2",
        "Add collections",
    ),
    (
        "wagtail.admin.forms.collections",
        "GroupCollectionManagementPermissionFormSet",
        "permission_types.1.1",
        "Edit",
    ),
    (
        "wagtail.admin.forms.collections",
        "GroupCollectionManagementPermissionFormSet",
        "permission_types.1.2",
        "Edit collections",
    ),
    (
        "wagtail.admin.forms.collections",
        "GroupCollectionManagementPermissionFormSet",
        "permission_types.2.1",
        "Delete",
    ),
    (
        "wagtail.admin.forms.collections",
        "GroupCollectionManagementPermissionFormSet",
        "permission_types.2.2",
        "Delete collections",
    ),
    # The snippets a workflow applies to: a label Wagtail forgot (Django shows "Content types").
    (
        "wagtail.admin.forms.workflows",
        "WorkflowContentTypeForm",
        "base_fields.content_types.label",
        "content types",
    ),
    # The comment of a moderator's approval or rejection.
    ("wagtail.forms", "TaskStateCommentForm", "base_fields.comment.label", "Comment"),
    # The redirects listing: its filter and the headings of its export.
    (
        "wagtail.contrib.redirects.filters",
        "RedirectsReportFilterSet",
        "base_filters.is_permanent.label",
        "Type",
    ),
    (
        "wagtail.contrib.redirects.filters",
        "RedirectsReportFilterSet",
        "base_filters.is_permanent.extra.choices.0.1",
        "Permanent",
    ),
    (
        "wagtail.contrib.redirects.filters",
        "RedirectsReportFilterSet",
        "base_filters.is_permanent.extra.choices.1.1",
        "Temporary",
    ),
    (
        "wagtail.contrib.redirects.filters",
        "RedirectsReportFilterSet",
        "base_filters.is_permanent.extra.empty_label",
        "All",
    ),
    ("wagtail.contrib.redirects.views", "IndexView", "export_headings.old_path", "From"),
    ("wagtail.contrib.redirects.views", "IndexView", "export_headings.site", "Site"),
    ("wagtail.contrib.redirects.views", "IndexView", "export_headings.link", "To"),
    (
        "wagtail.contrib.redirects.views",
        "IndexView",
        "export_headings.get_is_permanent_display",
        "Type",
    ),
]

# What translate_import_time_labels found, by entry: the value Wagtail had made.
replaced = {}


def translate_import_time_labels():
    """Replace each label of WAGTAIL_IMPORT_TIME_LABELS by its lazy translation.

    Run from AppConfig.ready(), before the admin's viewsets are built (they copy some of
    these labels into the views and widgets they make)."""
    from importlib import import_module

    for entry in WAGTAIL_IMPORT_TIME_LABELS:
        module, name, path, source = entry
        owner, steps = getattr(import_module(module), name), path.split(".")
        value = owner
        for step in steps:
            value = _step(value, step)
        replaced[entry] = value
        _replace(owner, steps, capfirst(gettext_lazy(source)))


def _step(container, step):
    if isinstance(container, (list, tuple)):
        return container[int(step)]
    if isinstance(container, dict):
        return container[step]
    return getattr(container, step)


def _replace(container, steps, value):
    """Put `value` at `steps` under `container`; a tuple on the way is rebuilt (choices and
    permission types are tuples), so the container returned may be a new one."""
    step, *rest = steps
    if rest:
        value = _replace(_step(container, step), rest, value)
    if isinstance(container, tuple):
        items = list(container)
        items[int(step)] = value
        return tuple(items)
    if isinstance(container, list):
        container[int(step)] = value
    elif isinstance(container, dict):
        container[step] = value
    else:
        setattr(container, step, value)
    return container


def _worded(message, name):
    """Wagtail's `message` about the model `name`, translated when it is shown."""
    return lazy(lambda: gettext(message) % {"object": name}, str)()


class SnippetChooserWidget(AdminSnippetChooser):
    """Wagtail's snippet chooser widget, its buttons worded in each request's language."""

    def __init__(self, model, **kwargs):
        super().__init__(model, **kwargs)
        name = model._meta.verbose_name
        self.choose_one_text = _worded("Choose %(object)s", name)
        self.choose_another_text = _worded("Choose another %(object)s", name)
        self.link_to_chosen_text = _worded("Edit this %(object)s", name)


class SnippetChooserViewSet(snippet_chooser.SnippetChooserViewSet):
    """Wagtail's snippet chooser, with the widget above (a SnippetViewSet's
    `chooser_viewset_class`)."""

    @cached_property
    def widget_class(self):
        return SnippetChooserWidget(model=self.model, icon=self.icon)


# The names the site created, shown translated (see the module's docstring).


def _labels(stored):
    """The stored name and its translation in each of the site's languages."""
    label = NAME_LABELS[stored]
    names = {stored}
    for code, _name in settings.LANGUAGES:
        with override(code):
            names.add(str(label))
    return names


def show_translated_name(sender, instance, **kwargs):
    stored = instance.__dict__.get("name")
    if stored in NAME_LABELS:
        instance._stored_name = stored
        instance.name = str(NAME_LABELS[stored])


def store_name(sender, instance, raw=False, **kwargs):
    stored = getattr(instance, "_stored_name", None)
    if stored is not None and instance.name in _labels(stored):
        instance.name = stored
    elif raw:
        # A fixture or a serialized copy of the database (the browser tests' rollback) was
        # written with translated names.
        for stored in NAME_LABELS:
            if instance.name in _labels(stored):
                instance.name = stored


def show_translated_name_again(sender, instance, **kwargs):
    show_translated_name(sender, instance)


# The history (log entries) keeps the names of the workflow and tasks a step went through, as
# whoever acted read them: they are stored under the stored names, and shown translated.


def _named_steps(data):
    """The parts of a log entry's data that name a workflow or a task (Wagtail's
    wagtail.workflow.* actions: {"workflow": {"title", "task": {"title"}, "next": {…}}})."""
    workflow = data.get("workflow") if isinstance(data, dict) else None
    if isinstance(workflow, dict):
        yield workflow
        yield from (
            workflow[key] for key in ("task", "next") if isinstance(workflow.get(key), dict)
        )


def _stored_name_of(name):
    return next((stored for stored in NAME_LABELS if name in _labels(stored)), None)


def show_translated_log_names(sender, instance, **kwargs):
    for step in _named_steps(instance.__dict__.get("data")):
        stored = _stored_name_of(step.get("title"))
        if stored is not None:
            step["title"] = str(NAME_LABELS[stored])


def store_log_names(sender, instance, **kwargs):
    for step in _named_steps(instance.data):
        stored = _stored_name_of(step.get("title"))
        if stored is not None:
            step["title"] = stored


def named_models():
    from wagtail.models import Task, Workflow
    from wagtail.workflows import get_task_types

    # A task is loaded as a Task (the listings) or as its specific type (GroupApprovalTask).
    return [Group, Workflow, Task, *get_task_types()]


def connect():
    from wagtail.models import ModelLogEntry, PageLogEntry

    for model in named_models():
        uid = f"ciso.admin_language.{model._meta.label}"
        post_init.connect(show_translated_name, sender=model, dispatch_uid=uid)
        pre_save.connect(store_name, sender=model, dispatch_uid=uid)
        post_save.connect(show_translated_name_again, sender=model, dispatch_uid=uid)
    for model in (PageLogEntry, ModelLogEntry):
        uid = f"ciso.admin_language.{model._meta.label}"
        post_init.connect(show_translated_log_names, sender=model, dispatch_uid=uid)
        pre_save.connect(store_log_names, sender=model, dispatch_uid=uid)
