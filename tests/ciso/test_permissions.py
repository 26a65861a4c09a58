"""Who may do what in the admin: every role against every admin view and action.

The roles (ciso/editorial/roles.py, created by ciso/migrations/0005_editorial_roles.py):
- anonymous visitors are sent to the sign-in page, whatever they ask for;
- Translators edit pages and the translatable snippets (countries, partners, themes) and submit
  their changes for moderation; they cannot add, publish, unpublish or delete a page, add or
  delete a snippet, nor manage settings, users, groups or workflows;
- Editors add, edit, publish, unpublish and delete pages, manage the snippets, images,
  documents and the site settings; they do not approve submissions, nor manage users, groups
  or workflows;
- Moderators approve or reject submissions and may publish pages and snippets (they open and
  edit the countries, partners and themes submitted to them), but do not add or delete
  snippets nor manage settings;
- administrators (superusers) may do everything.

Y: allowed (the page opens, or the action is carried out); N: refused (sent back to the
dashboard, or 403, and nothing changes); L: sent to the sign-in page.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page, Workflow, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, streamfield

from ciso.editorial.roles import EDITORS, MODERATORS, TRANSLATORS
from ciso.models import SiteSettings, StandardPage
from projects.models import Country, Partner, Theme
from tests.ciso.forms import standard_page_form

pytestmark = pytest.mark.django_db

Y, N, L = "allowed", "refused", "sign-in"
ROLES = ["anonymous", "translator", "editor", "moderator", "administrator"]

# Admin pages opened with GET. {page}: a live page, {home}: its parent, {draft}: a page never
# published, {rev_a}/{rev_b}: two revisions of {page}, {country}/{partner}/{theme}: snippets
# under {snippets}, the admin's projects snippets.
# fmt: off
VIEWS = {
    # view                     address                                             anon tr ed mo ad
    "dashboard":               ("/admin/",                                         (L, Y, Y, Y, Y)),
    "page explorer":           ("/admin/pages/{home}/",                            (L, Y, Y, Y, Y)),
    "page edit":               ("/admin/pages/{page}/edit/",                       (L, Y, Y, Y, Y)),
    "page add":                ("/admin/pages/add/ciso/standardpage/{home}/",      (L, N, Y, Y, Y)),
    "page delete (confirm)":   ("/admin/pages/{draft}/delete/",                    (L, N, Y, Y, Y)),
    "page unpublish (confirm)": ("/admin/pages/{page}/unpublish/",                 (L, N, Y, Y, Y)),
    "page move":               ("/admin/pages/{page}/move/",                       (L, N, Y, Y, Y)),
    "page history":            ("/admin/pages/{page}/history/",                    (L, Y, Y, Y, Y)),
    "page revision":           ("/admin/pages/{page}/revisions/{rev_a}/view/",     (L, Y, Y, Y, Y)),
    "page revisions compare":  ("/admin/pages/{page}/revisions/compare/{rev_a}...{rev_b}/",
                                                                                   (L, Y, Y, Y, Y)),
    "page revert (form)":      ("/admin/pages/{page}/revisions/{rev_a}/revert/",   (L, Y, Y, Y, Y)),
    "page privacy":            ("/admin/pages/{page}/privacy/",                    (L, N, Y, Y, Y)),
    "page draft view":         ("/admin/pages/{draft}/view_draft/",                (L, Y, Y, Y, Y)),
    "country list":            ("{snippets}/country/",                             (L, Y, Y, Y, Y)),
    "country edit":            ("{snippets}/country/edit/{country}/",              (L, Y, Y, Y, Y)),
    "country add":             ("{snippets}/country/add/",                         (L, N, Y, N, Y)),
    "country delete":          ("{snippets}/country/delete/{country}/",            (L, N, Y, N, Y)),
    "partner list":            ("{snippets}/partner/",                             (L, Y, Y, Y, Y)),
    "partner edit":            ("{snippets}/partner/edit/{partner}/",              (L, Y, Y, Y, Y)),
    "partner add":             ("{snippets}/partner/add/",                         (L, N, Y, N, Y)),
    "partner delete":          ("{snippets}/partner/delete/{partner}/",            (L, N, Y, N, Y)),
    "theme list":              ("{snippets}/theme/",                               (L, Y, Y, Y, Y)),
    "theme edit":              ("{snippets}/theme/edit/{theme}/",                  (L, Y, Y, Y, Y)),
    "theme add":               ("{snippets}/theme/add/",                           (L, N, Y, N, Y)),
    "theme delete":            ("{snippets}/theme/delete/{theme}/",                (L, N, Y, N, Y)),
    "images":                  ("/admin/images/",                                  (L, N, Y, Y, Y)),
    "image upload":            ("/admin/images/add/",                              (L, N, Y, Y, Y)),
    "image chooser":           ("/admin/images/chooser/",                          (L, Y, Y, Y, Y)),
    "documents":               ("/admin/documents/",                               (L, N, Y, Y, Y)),
    "document upload":         ("/admin/documents/add/",                           (L, N, Y, Y, Y)),
    "document chooser":        ("/admin/documents/chooser/",                       (L, Y, Y, Y, Y)),
    "site settings":           ("/admin/settings/ciso/sitesettings/{site}/",       (L, N, Y, N, Y)),
    "users":                   ("/admin/users/",                                   (L, N, N, N, Y)),
    "user add":                ("/admin/users/new/",                               (L, N, N, N, Y)),
    "groups":                  ("/admin/groups/",                                  (L, N, N, N, Y)),
    "workflows":               ("/admin/workflows/list/",                          (L, N, N, N, Y)),
    "redirects":               ("/admin/redirects/",                               (L, N, N, N, Y)),
    "sites":                   ("/admin/sites/",                                   (L, N, N, N, Y)),
    "translations report":     ("/admin/reports/translations/",                    (L, Y, Y, Y, Y)),
    "workflow report":         ("/admin/reports/workflow/",                        (L, Y, Y, Y, Y)),
    "workflow tasks report":   ("/admin/reports/workflow_tasks/",                  (L, Y, Y, Y, Y)),
    "locked pages report":     ("/admin/reports/locked/",                          (L, N, Y, Y, Y)),
    "site history report":     ("/admin/reports/site-history/",                    (L, Y, Y, Y, Y)),
    "aging pages report":      ("/admin/reports/aging-pages/",                     (L, Y, Y, Y, Y)),
}

# Actions (POST), judged by their effect on the database.
ACTIONS = {
    # action                          anon tr ed mo ad
    "edit a page (save a draft)":    (N, Y, Y, Y, Y),
    "preview a page":                (N, Y, Y, Y, Y),
    "submit a page for moderation":  (N, Y, Y, Y, Y),
    "publish a page":                (N, N, Y, Y, Y),
    "copy a page":                   (N, N, Y, Y, Y),
    "lock a page":                   (N, N, Y, Y, Y),
    "unpublish a page":              (N, N, Y, Y, Y),
    "delete a page never published": (N, N, Y, Y, Y),
    "approve a submission":          (N, N, N, Y, Y),
    "reject a submission":           (N, N, N, Y, Y),
    "edit a country (a draft)":      (N, Y, Y, Y, Y),
    "publish a country":             (N, N, Y, Y, Y),
    "delete a theme":                (N, N, Y, N, Y),
    "edit the site settings":        (N, N, Y, N, Y),
}
# fmt: on

GROUPS = {"translator": TRANSLATORS, "editor": EDITORS, "moderator": MODERATORS}


def _user(role, username=None):
    User = get_user_model()
    if role == "administrator":
        return User.objects.create_superuser(username or "admin", "admin@example.org", "pw")
    user = User.objects.create_user(username or role, password="pw")
    user.groups.add(Group.objects.get(name=GROUPS[role]))
    return user


@pytest.fixture
def as_role(client):
    """as_role(role): the client, signed in with that role (or not at all)."""

    def sign_in(role):
        if role != "anonymous":
            client.force_login(_user(role))
        return client

    return sign_in


@pytest.fixture
def live_page():
    return StandardPage.objects.get(slug_fr="mission-et-actions")


@pytest.fixture
def draft(live_page):
    draft = live_page.add_child(
        instance=StandardPage(title_fr="Brouillon", slug_fr="brouillon-matrice", live=False)
    )
    draft.save_revision()
    return draft


@pytest.fixture
def ids(live_page, draft):
    first = live_page.save_revision()
    live_page.intro_en = "A second version."
    second = live_page.save_revision()
    return {
        "page": live_page.pk,
        "home": live_page.get_parent().pk,
        "draft": draft.pk,
        "rev_a": first.pk,
        "rev_b": second.pk,
        "country": Country.objects.get(iso_code="HT").pk,
        "partner": Partner.objects.first().pk,
        "theme": Theme.objects.first().pk,
        "site": SiteSettings.objects.get().site_id,
        "snippets": "/admin/snippets/projects",
    }


def _outcome(response):
    if response.status_code == 200:
        return Y
    if response.status_code == 302 and response["Location"].startswith("/admin/login/"):
        return L
    assert response.status_code in (302, 403), response.status_code
    return N


@pytest.mark.parametrize("role", ROLES)
def test_admin_views(as_role, ids, role):
    """Each role opens the admin pages it may, and only those (all rows, one report)."""
    client = as_role(role)
    column = ROLES.index(role)
    wrong = []
    for name, (address, expected) in VIEWS.items():
        outcome = _outcome(client.get(address.format(**ids)))
        if outcome != expected[column]:
            wrong.append(f"{name}: expected {expected[column]}, got {outcome}")
    assert not wrong, f"{role}:\n" + "\n".join(wrong)


def _submitted(page):
    """`page` submitted to the moderators by a translator: its task state."""
    page.intro_en = "Submitted for approval."
    revision = page.save_revision(user=_user("translator", "submitter"))
    state = Workflow.objects.get(name="Moderators approval").start(page, revision.user)
    return state.current_task_state


def _form_data(response):
    """What a browser would send back from the edit form of `response`, unchanged."""
    from bs4 import BeautifulSoup

    form = BeautifulSoup(response.content, "html.parser").select_one("form#w-editor-form")
    data = {}
    for field in form.select("input[name], select[name], textarea[name]"):
        name, kind = field["name"], field.get("type", "")
        if field.name == "select":
            values = [o.get("value", o.text) for o in field.select("option[selected]")]
        elif field.name == "textarea":
            values = [field.text]
        elif kind in ("checkbox", "radio"):
            values = [field.get("value", "on")] if field.has_attr("checked") else []
        elif kind in ("submit", "button", "file", "image"):
            values = []
        else:
            values = [field.get("value", "")]
        data.setdefault(name, []).extend(values)
    return data


def _edit_form(client, url, streams=(), **changes):
    """Open the edit form at `url` and send it back with `changes`; False if it won't open.

    StreamFields are drawn by JavaScript: the `streams` named are sent as they are stored."""
    response = client.get(url)
    if response.status_code != 200:
        return False
    data = _form_data(response)
    instance = response.context["form"].instance
    for name in streams:
        blocks = [(block["type"], block["value"]) for block in getattr(instance, name).raw_data]
        data.update(nested_form_data({name: streamfield(blocks)}))
    client.post(url, {**data, **changes})
    return True


def _edit(client, page):
    client.post(f"/admin/pages/{page.pk}/edit/", standard_page_form(page, intro_en="Edited."))
    page.refresh_from_db()
    return page.get_latest_revision().as_object().intro_en == "Edited."


def _preview(client, page):
    url = f"/admin/pages/{page.pk}/edit/preview/"
    response = client.post(url, standard_page_form(page, intro_en="Previewed."))
    if response.status_code != 200:
        return False
    response = client.get(url, {"mode": "en"})
    return response.status_code == 200 and b"Previewed." in response.content


def _submit(client, page):
    client.post(f"/admin/pages/{page.pk}/edit/", standard_page_form(page, **{"action-submit": "1"}))
    return WorkflowState.objects.filter(
        base_content_type__model="page", object_id=str(page.pk), status="in_progress"
    ).exists()


def _publish(client, page):
    client.post(
        f"/admin/pages/{page.pk}/edit/",
        standard_page_form(page, intro_en="Published.", **{"action-publish": "1"}),
    )
    page.refresh_from_db()
    return page.intro_en == "Published."


def _unpublish(client, page):
    client.post(f"/admin/pages/{page.pk}/unpublish/")
    page.refresh_from_db()
    return not page.live


def _delete(client, draft):
    client.post(f"/admin/pages/{draft.pk}/delete/")
    return not Page.objects.filter(pk=draft.pk).exists()


def _workflow_action(action):
    def act(client, page):
        task_state = _submitted(page)
        client.post(
            f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/", {"comment": ""}
        )
        task_state.refresh_from_db()
        return task_state.status == {"approve": "approved", "reject": "rejected"}[action]

    return act


def _copy(client, page):
    client.post(
        f"/admin/pages/{page.pk}/copy/",
        {
            "new_title_fr": "Copie",
            "new_title_en": "Copy",
            "new_slug_fr": "copie",
            "new_slug_en": "copy",
            "new_parent_page": page.get_parent().pk,
        },
    )
    return Page.objects.filter(slug_fr="copie").exists()


def _lock(client, page):
    client.post(f"/admin/pages/{page.pk}/lock/")
    page.refresh_from_db()
    return page.locked


def _edit_country(client, _page):
    """Countries are moderated: the edit is a draft (a revision), the published one unchanged."""
    country = Country.objects.get(iso_code="HT")
    url = f"/admin/snippets/projects/country/edit/{country.pk}/"
    _edit_form(client, url, name_en="Haiti (edited)")
    country = Country.objects.get(pk=country.pk)
    latest = country.get_latest_revision()
    return bool(latest) and latest.as_object().name_en == "Haiti (edited)"


def _publish_country(client, _page):
    country = Country.objects.get(iso_code="HT")
    url = f"/admin/snippets/projects/country/edit/{country.pk}/"
    _edit_form(client, url, name_en="Haiti (published)", **{"action-publish": "1"})
    return Country.objects.get(pk=country.pk).name_en == "Haiti (published)"


def _delete_theme(client, _page):
    theme = Theme.objects.create(name_fr="Thème à supprimer", name_en="Theme to delete")
    client.post(f"/admin/snippets/projects/theme/delete/{theme.pk}/")
    return not Theme.objects.filter(pk=theme.pk).exists()


def _edit_settings(client, _page):
    url = f"/admin/settings/ciso/sitesettings/{SiteSettings.objects.get().site_id}/"
    _edit_form(
        client,
        url,
        streams=["social_links", "affiliations_fr", "affiliations_en"],
        acronym="CISO-X",
    )
    return SiteSettings.objects.get().acronym == "CISO-X"


PERFORM = {
    "edit a page (save a draft)": _edit,
    "preview a page": _preview,
    "submit a page for moderation": _submit,
    "publish a page": _publish,
    "copy a page": _copy,
    "lock a page": _lock,
    "unpublish a page": _unpublish,
    "delete a page never published": lambda client, page: _delete(client, _new_draft(page)),
    "approve a submission": _workflow_action("approve"),
    "reject a submission": _workflow_action("reject"),
    "edit a country (a draft)": _edit_country,
    "publish a country": _publish_country,
    "delete a theme": _delete_theme,
    "edit the site settings": _edit_settings,
}


def _new_draft(page):
    draft = page.add_child(
        instance=StandardPage(title_fr="À supprimer", slug_fr="a-supprimer", live=False)
    )
    draft.save_revision()
    return draft


ACTION_CASES = [
    pytest.param(name, role, expected[i], id=f"{name}-{role}")
    for name, expected in ACTIONS.items()
    for i, role in enumerate(ROLES)
]


@pytest.mark.parametrize(("name", "role", "expected"), ACTION_CASES)
def test_admin_actions(as_role, live_page, name, role, expected):
    done = PERFORM[name](as_role(role), live_page)
    assert (Y if done else N) == expected, f"{role}: {name}"


def test_the_matrix_covers_every_role_and_action():
    assert set(PERFORM) == set(ACTIONS)
    assert all(len(expected) == len(ROLES) for _address, expected in VIEWS.values())
