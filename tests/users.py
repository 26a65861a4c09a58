"""Staff accounts for the admin tests: a superuser or a member of one of the site's roles,
whose admin speaks the language they chose (their Wagtail account preference)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile


def staff_user(username, language="en", group=None):
    """A superuser, or a user of `group` (a role's stored name: ciso.editorial.roles.EDITORS…)."""
    User = get_user_model()
    if group is None:
        user = User.objects.create_superuser(username, f"{username}@example.org", "pw")
    else:
        user = User.objects.create_user(username, f"{username}@example.org", "pw")
        user.groups.add(Group.objects.get(name=group))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def signed_in(client, username="staff", language="en", group=None):
    """`client`, signed in as a new staff_user."""
    client.force_login(staff_user(username, language, group))
    return client
