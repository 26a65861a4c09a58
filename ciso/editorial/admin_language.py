"""The admin in one language: the one each staff member chose (their account's preference).

These would otherwise show French in the English admin, or English in the French one:

- Labels Wagtail translates once, when its modules are imported, in the language then active
  (settings.LANGUAGE_CODE, French): class attributes and form fields written with `gettext`
  where `gettext_lazy` was needed (and one it never translates). ciso/patches.py
  (`translate_import_time_labels`) gives them back their English source text, lazily
  translated, so that each request shows them in its language; tests/ciso/test_admin_language.py
  fails when Wagtail stops translating one at import (the entry can then go).
- The buttons of a snippet chooser ("Choose another country"): Wagtail words them when the
  widget is made, and makes one widget per snippet for the whole process, in the language of
  the first request that needs it. The site's snippet viewsets use SnippetChooserViewSet.
- The names of the groups, workflow and task the site's migrations create (ciso/editorial/roles.py).
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
from django.utils.translation import gettext, override
from wagtail.snippets.views import chooser as snippet_chooser
from wagtail.snippets.widgets import AdminSnippetChooser

from ciso.editorial.roles import NAME_LABELS


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
