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
