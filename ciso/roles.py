"""The editorial roles of the site: who may edit, translate, publish and approve.

The groups and their permissions are created by a migration (ciso/migrations/0005_...), so
that every installation has the same roles; this module names them for the code.
"""

EDITORS = "Editors"
TRANSLATORS = "Translators"
MODERATORS = "Moderators"

# Snippets that carry translated text, which translators may edit (but not create or delete).
TRANSLATABLE_SNIPPETS = [("projects", "country"), ("projects", "partner"), ("projects", "theme")]


def is_translator_only(user):
    """A translator who has no role that allows deleting or publishing."""
    if not user.is_authenticated or user.is_superuser:
        return False
    names = set(user.groups.values_list("name", flat=True))
    return TRANSLATORS in names and not names & {EDITORS, MODERATORS}
