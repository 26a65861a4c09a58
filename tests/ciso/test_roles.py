"""Editorial roles: what Editors, Translators and Moderators may do, and the moderation
workflow from a translator's submission to a moderator's approval."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page, WorkflowState

from ciso.editorial.roles import EDITORS, MODERATORS, TRANSLATORS
from ciso.models import SiteSettings, StandardPage
from tests.ciso.forms import standard_page_form

pytestmark = pytest.mark.django_db


def member_of(group_name, username=None):
    user = get_user_model().objects.create_user(username or group_name.lower(), password="pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def page():
    return StandardPage.objects.get(slug_fr="mission-et-actions")


def test_the_three_groups_exist():
    assert set(Group.objects.values_list("name", flat=True)) >= {EDITORS, TRANSLATORS, MODERATORS}


@pytest.mark.parametrize(
    ("group", "can_edit", "can_publish", "can_add"),
    [
        (EDITORS, True, True, True),
        (TRANSLATORS, True, False, False),
        (MODERATORS, True, True, True),
    ],
)
def test_page_permissions_per_group(page, group, can_edit, can_publish, can_add):
    permissions = page.permissions_for_user(member_of(group))
    assert permissions.can_edit() is can_edit
    assert permissions.can_publish() is can_publish
    assert permissions.can_add_subpage() is can_add


@pytest.mark.parametrize(
    ("group", "codename", "allowed"),
    [
        (TRANSLATORS, "projects.change_country", True),
        (TRANSLATORS, "projects.add_country", False),
        (TRANSLATORS, "projects.delete_partner", False),
        (TRANSLATORS, "ciso.change_sitesettings", False),
        (TRANSLATORS, "auth.change_user", False),
        (TRANSLATORS, "auth.change_group", False),
        (EDITORS, "projects.add_partner", True),
        (EDITORS, "ciso.change_sitesettings", True),
        (EDITORS, "auth.change_user", False),
        (MODERATORS, "auth.change_group", False),
    ],
)
def test_model_permissions_per_group(group, codename, allowed):
    assert member_of(group).has_perm(codename) is allowed


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/admin/", 200),
        ("/admin/users/", 302),  # no access: sent back to the dashboard
        ("/admin/groups/", 302),
        ("/admin/settings/ciso/sitesettings/", 302),
        ("/admin/snippets/projects/country/", 200),
    ],
)
def test_what_a_translator_sees_in_the_admin(client, url, status):
    client.force_login(member_of(TRANSLATORS))
    assert client.get(url).status_code == status


def test_translator_cannot_delete_even_a_never_published_page(client, page):
    draft = page.add_child(
        instance=StandardPage(title_fr="Brouillon", slug_fr="brouillon", live=False)
    )
    draft.save_revision()
    translator = member_of(TRANSLATORS)
    # Wagtail's edit permission would allow it: the hook is what stops it.
    client.force_login(translator)
    response = client.post(f"/admin/pages/{draft.pk}/delete/")
    assert response.status_code == 302
    assert Page.objects.filter(pk=draft.pk).exists()
    assert client.post(f"/admin/pages/{page.pk}/delete/").status_code in (302, 403)
    assert Page.objects.filter(pk=page.pk).exists()


def test_editor_can_delete_a_page_they_may_publish(client, page):
    draft = page.add_child(instance=StandardPage(title_fr="Brouillon", slug_fr="brouillon-2"))
    client.force_login(get_user_model().objects.create_superuser("admin", "a@example.org", "pw"))
    client.post(f"/admin/pages/{draft.pk}/delete/")
    assert not Page.objects.filter(pk=draft.pk).exists()


def test_translator_submits_and_a_moderator_approves(client, page):
    translator, moderator = member_of(TRANSLATORS), member_of(MODERATORS)

    client.force_login(translator)
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        standard_page_form(
            page, intro_en="Translated by the translator.", **{"action-submit": "1"}
        ),
    )
    assert response.status_code == 302
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    # Not live yet.
    assert (
        "Translated by the translator."
        not in client.get("/en/mission-and-activities/").content.decode()
    )

    client.force_login(moderator)
    task_state = state.current_task_state
    response = client.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    assert response.status_code in (200, 302)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert (
        "Translated by the translator."
        in client.get("/en/mission-and-activities/").content.decode()
    )

    # A later edit by the translator is a draft again, until it is approved.
    client.force_login(translator)
    client.post(
        f"/admin/pages/{page.pk}/edit/",
        standard_page_form(page, intro_en="A second version.", **{"action-submit": "1"}),
    )
    live = client.get("/en/mission-and-activities/").content.decode()
    assert "A second version." not in live and "Translated by the translator." in live


def test_translator_cannot_publish_directly(client, page):
    client.force_login(member_of(TRANSLATORS))
    client.post(
        f"/admin/pages/{page.pk}/edit/",
        standard_page_form(page, intro_en="Published by a translator?", **{"action-publish": "1"}),
    )
    page.refresh_from_db()
    assert page.intro_en != "Published by a translator?"


def test_settings_stay_out_of_translators_reach(client):
    client.force_login(member_of(TRANSLATORS))
    settings = SiteSettings.objects.get()
    response = client.get(f"/admin/settings/ciso/sitesettings/{settings.site_id}/")
    assert response.status_code in (302, 403)


@pytest.mark.parametrize(
    ("group", "can_delete_live_page", "can_approve"),
    [(EDITORS, True, False), (TRANSLATORS, False, False), (MODERATORS, True, True)],
)
def test_delete_and_approve_per_group(group, can_delete_live_page, can_approve):
    from wagtail.models import GroupApprovalTask

    # A page without subpages: deleting a page with subpages is Wagtail's bulk deletion,
    # which no role has (the mission page holds the internships).
    page = StandardPage.objects.get(slug_fr="cqcam")
    user = member_of(group)
    assert page.permissions_for_user(user).can_delete() is can_delete_live_page
    task = GroupApprovalTask.objects.get(groups__name=MODERATORS)
    actions = [name for name, _label, _modal in task.get_actions(page, user)]
    assert ("approve" in actions) is can_approve
    # Everyone may view the page in the admin's explorer.
    assert page.permissions_for_user(user).can_edit()


def test_translator_cannot_bulk_delete_pages(client, page):
    draft = page.add_child(
        instance=StandardPage(title_fr="Brouillon", slug_fr="brouillon-3", live=False)
    )
    client.force_login(member_of(TRANSLATORS))
    response = client.post(
        f"/admin/bulk/wagtailcore/page/delete/?id={draft.pk}&next=/admin/pages/",
        {"id": [draft.pk]},
    )
    assert response.status_code in (302, 403)
    assert Page.objects.filter(pk=draft.pk).exists()
