"""A translator's session in the admin: sign in, open the report, translate, submit."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import WorkflowState
from wagtail.users.models import UserProfile

from ciso.editorial.roles import TRANSLATORS
from ciso.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def make_user(username, *, superuser=False, group=None):
    model = get_user_model()
    if superuser:
        user = model.objects.create_superuser(username, f"{username}@example.org", "Pw-12345!")
    else:
        user = model.objects.create_user(username, password="Pw-12345!")
    if group:
        user.groups.add(Group.objects.get(name=group))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def sign_in(page, site_url, username):
    page.goto(site_url + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "Pw-12345!")
    page.click("button[type=submit]")
    page.wait_for_url(site_url + "/admin/")


def test_translator_translates_a_field_and_submits_it(page, site_url):
    rqic = StandardPage.objects.get(slug_fr="rqic")
    rqic.intro_en = ""
    rqic.save_revision().publish()
    make_user("traductrice", group=TRANSLATORS)

    sign_in(page, site_url, "traductrice")
    # The dashboard says there is work.
    assert (
        "1 text missing"
        in page.locator("#translation-status-heading").locator("..").locator("..").inner_text()
    )
    page.get_by_role("link", name="See what needs translating").click()
    page.wait_for_url(re.compile(r".*/admin/reports/translations/"))
    row = page.locator("table tbody tr", has_text="RQIC")
    assert "Missing" in row.inner_text()
    row.get_by_role("link").first.click()
    page.wait_for_url(re.compile(rf".*/admin/pages/{rqic.pk}/edit/"))

    page.locator("textarea[name=intro_en]").fill("In the past, the CISO hosted the RQIC.")
    page.locator("footer [data-w-dropdown-target=toggle]").first.click()
    page.locator("button[name=action-submit]").click()
    page.wait_for_url(re.compile(r".*/admin/pages/.*"))

    state = WorkflowState.objects.get(object_id=str(rqic.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    latest = StandardPage.objects.get(pk=rqic.pk).get_latest_revision_as_object()
    assert latest.intro_en == "In the past, the CISO hosted the RQIC."
    # Not published: moderators approve first.
    rqic.refresh_from_db()
    assert rqic.intro_en == ""


def test_the_translated_slug_follows_the_translated_title(page, site_url):
    make_user("admin", superuser=True)
    sign_in(page, site_url, "admin")
    home = HomePage.objects.get()
    page.goto(f"{site_url}/admin/pages/add/ciso/standardpage/{home.pk}/")
    page.locator("input[name=title_fr]").press_sequentially("Nos partenaires")
    page.locator("input[name=title_en]").press_sequentially("Our partners")
    assert page.locator("input[name=slug_fr]").input_value() == "nos-partenaires"
    assert page.locator("input[name=slug_en]").input_value() == "our-partners"
