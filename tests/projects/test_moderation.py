"""Countries, partners and themes are moderated like pages: a translator's change is a draft,
submitted to the moderators, and the public site shows it only once approved."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Workflow, WorkflowState

from ciso.editorial.roles import EDITORS, MODERATORS, MODERATORS_APPROVAL, TRANSLATORS
from ciso.editorial.translation_status import report_rows
from projects.models import Country, Partner, Theme

pytestmark = pytest.mark.django_db

EDIT = "/admin/snippets/projects/country/edit/{pk}/"


def member_of(group_name):
    user = get_user_model().objects.create_user(group_name.lower(), password="pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def cuba():
    return Country.objects.get(iso_code="CU")


def text_fields(country, **changes):
    """What a translator's form holds: the translated texts, nothing else."""
    data = {
        "name_fr": country.name_fr,
        "name_en": country.name_en,
        "slug_fr": country.slug_fr,
        "slug_en": country.slug_en,
    }
    return {**data, **changes}


def test_translators_see_the_texts_only(client, cuba):
    client.force_login(member_of(TRANSLATORS))
    content = client.get(EDIT.format(pk=cuba.pk)).content.decode()
    for field in ("name_fr", "name_en", "slug_fr", "slug_en"):
        assert f'name="{field}"' in content, field
    for field in ("iso_code", "region", "latitude", "longitude"):
        assert f'name="{field}"' not in content, field


def test_editors_see_every_field(client, cuba):
    client.force_login(member_of(EDITORS))
    content = client.get(EDIT.format(pk=cuba.pk)).content.decode()
    for field in ("name_en", "iso_code", "region", "latitude", "longitude"):
        assert f'name="{field}"' in content, field


def test_a_translator_cannot_change_the_data_of_a_country(client, cuba):
    client.force_login(member_of(TRANSLATORS))
    data = text_fields(cuba, iso_code="XX", latitude="0", **{"action-submit": "1"})
    assert client.post(EDIT.format(pk=cuba.pk), data).status_code == 302
    draft = Country.objects.get(pk=cuba.pk).get_latest_revision_as_object()
    assert (draft.iso_code, draft.latitude) == ("CU", cuba.latitude)


def test_a_translator_cannot_publish_a_country(client, cuba):
    client.force_login(member_of(TRANSLATORS))
    client.post(
        EDIT.format(pk=cuba.pk),
        text_fields(cuba, name_en="Published by a translator?", **{"action-publish": "1"}),
    )
    cuba.refresh_from_db()
    assert cuba.name_en == "Cuba"
    assert "Published by a translator?" not in client.get("/en/projects/").content.decode()


def test_translator_submits_a_country_and_a_moderator_approves(client, cuba):
    translator, moderator = member_of(TRANSLATORS), member_of(MODERATORS)
    client.force_login(translator)
    response = client.post(
        EDIT.format(pk=cuba.pk),
        text_fields(cuba, name_en="Republic of Cuba", **{"action-submit": "1"}),
    )
    assert response.status_code == 302
    state = WorkflowState.objects.get(base_content_type__model="country", object_id=str(cuba.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    cuba.refresh_from_db()
    assert cuba.name_en == "Cuba" and cuba.has_unpublished_changes
    assert "Republic of Cuba" not in client.get("/en/projects/").content.decode()

    client.force_login(moderator)
    task_state = state.current_task_state
    url = f"/admin/snippets/projects/country/workflow/action/{cuba.pk}/approve/{task_state.pk}/"
    assert client.post(url, {"comment": ""}).status_code in (200, 302)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    cuba.refresh_from_db()
    assert (cuba.live, cuba.name_en, cuba.has_unpublished_changes) == (
        True,
        "Republic of Cuba",
        False,
    )
    assert "Republic of Cuba" in client.get("/en/projects/").content.decode()

    # A later change is a draft again, until it is approved.
    client.force_login(translator)
    client.post(
        EDIT.format(pk=cuba.pk), text_fields(cuba, name_en="Cuba!", **{"action-submit": "1"})
    )
    cuba.refresh_from_db()
    assert cuba.name_en == "Republic of Cuba" and cuba.has_unpublished_changes


@pytest.mark.parametrize(
    ("group", "may_publish"), [(EDITORS, True), (MODERATORS, True), (TRANSLATORS, False)]
)
@pytest.mark.parametrize("model", [Country, Partner, Theme])
def test_who_may_publish_snippets(group, may_publish, model):
    codename = f"projects.publish_{model._meta.model_name}"
    assert member_of(group).has_perm(codename) is may_publish


def test_snippets_go_through_the_moderators_workflow():
    for model in (Country, Partner, Theme):
        # An instance's name is shown translated (ciso/editorial/admin_language.py): ask
        # the database.
        assert model().get_workflow() == Workflow.objects.get(name=MODERATORS_APPROVAL)


def test_an_unpublished_country_stays_off_the_public_site(client, index):
    draft = Country.objects.create(
        name_fr="Bolivie",
        name_en="Bolivia",
        slug_fr="bolivie",
        slug_en="bolivia",
        iso_code="BO",
        region="latin_america",
        latitude=-16.5,
        longitude=-68.1,
        live=False,
    )
    assert client.get("/fr/projets/pays/bolivie/").status_code == 404
    content = client.get("/fr/projets/").content.decode()
    assert "Bolivie" not in content
    draft.live = True
    draft.save()
    assert client.get("/fr/projets/pays/bolivie/").status_code == 200


def test_an_unpublished_partner_is_not_shown(client, partners):
    papda = partners["PAPDA"]
    papda.live = False
    papda.save()
    assert "PAPDA" not in client.get("/fr/projets/pays/haiti/").content.decode()
    assert "PAPDA" not in client.get("/fr/projets/").content.decode()


def test_the_report_judges_a_snippet_on_its_draft(cuba):
    """An editor's draft changes the French: the English is out of date in the report though
    the published country is unchanged."""
    cuba.name_fr = "République de Cuba"
    cuba.save_revision()
    rows = {(row.title, row.field, row.status) for row in report_rows()}
    assert ("République de Cuba", "name", "out_of_date") in rows
    assert Country.objects.get(pk=cuba.pk).name_fr == "Cuba"
