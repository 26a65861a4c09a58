"""The admin speaks the language each staff member chose, and only that one.

ciso/editorial/admin_language.py.

French is the site's default language, the one active when Wagtail's modules are imported: a
label Wagtail translated then showed in French in the English admin. The groups, workflow
and task the site creates are stored under English names and shown translated.
"""

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import serializers
from django.utils.functional import Promise
from django.utils.translation import override, trans_real
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupApprovalTask, Page, PageLogEntry, Task, Workflow
from wagtail.users.models import UserProfile
from wagtail_factories import ImageFactory

from ciso import patches
from ciso.editorial.roles import EDITORS, MODERATORS, MODERATORS_APPROVAL, TRANSLATORS
from ciso.models import HomePage, SiteSettings, StandardPage
from history.models import HistoryPage
from projects.models import Country, ProjectPage
from tests.users import staff_user

pytestmark = pytest.mark.django_db

NAMES = {
    "en": ["Editors", "Translators", "Moderators", "Moderators approval"],
    "fr": ["Rédaction", "Traduction", "Modération", "Approbation par la modération"],
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def text(response):
    """What a staff member reads on an admin page: its text, and the labels of its controls."""
    if response["Content-Type"].startswith("application/json"):
        html = response.json().get("html") or response.json().get("htmlFragment") or ""
    else:
        html = response.content.decode()
    doc = BeautifulSoup(html, "html.parser")
    # Scripts are not read, nor the side panel's empty counter (it says "None", hidden); the
    # account names each language in that language.
    unread = "script, style, template, [data-side-panel-toggle-counter], "
    unread += "select[name$=preferred_language]"
    for hidden in doc.select(unread):
        hidden.decompose()
    attributes = ("title", "aria-label", "placeholder", "data-w-tooltip-content-value")
    texts = [" ".join(node.split()) for node in doc.find_all(string=True)]
    texts += [tag[name] for tag in doc.find_all(True) for name in attributes if tag.get(name)]
    buttons = doc.select("input[type=submit][value], button[value]")
    texts += [tag["value"] for tag in buttons if tag not in wagtail_english_buttons(doc)]
    return [t for t in texts if t.strip()]


def wagtail_english_buttons(doc):
    """Wagtail's templates write the search forms' screen-reader-only submit button in English
    (wagtailadmin/shared/header.html, wagtailadmin/home.html: value="Search", untranslated).
    Left as Wagtail has it rather than copying two of its templates."""
    return doc.select('.submit.w-sr-only input[type=submit][value="Search"]')


def interface_strings(language):
    """Interface strings (Django's, Wagtail's, the site's catalogues) as they read in
    `language`, that read otherwise in the other language: whole texts, and the fixed parts
    of texts with placeholders (of two words or more, at least 10 characters)."""
    other = "en" if language == "fr" else "fr"
    wholes, parts = set(), set()
    for key in trans_real.translation("fr")._catalog.keys():  # noqa: SIM118 (not a dict)
        msgid = key[0] if isinstance(key, tuple) else key
        if not isinstance(msgid, str) or not msgid:
            continue
        with override(language):
            mine = trans_real.gettext(msgid)
        with override(other):
            theirs = trans_real.gettext(msgid)
        if mine == theirs or len(mine) < 4:
            continue
        pieces = re.split(r"%(?:\(\w+\))?[sd]|\{\w*\}", mine)
        if len(pieces) == 1:
            wholes.add(" ".join(mine.split()))
        else:
            parts.update(p.strip() for p in pieces if len(p.strip()) >= 10 and " " in p.strip())
    return wholes, parts


def content_strings():
    """Texts staff wrote (titles, names): the same in both admins, whatever their language."""
    texts = set()
    for page in Page.objects.all():
        texts.update({page.draft_title, page.title_fr or "", page.title_en or ""})
    for model in (get_document_model(), get_image_model()):
        texts.update(model.objects.values_list("title", flat=True))
    texts.update(Collection.objects.values_list("name", flat=True))
    for country in Country.objects.all():
        texts.update({country.name_fr or "", country.name_en or ""})
    return texts


@pytest.fixture
def site():
    """What the admin's pages show: a page submitted by a translator and awaiting review, a
    redirect, a private collection with an image."""
    translator = staff_user("traductrice", "fr", TRANSLATORS)
    page = StandardPage.objects.get(slug_fr="mission-et-actions")
    page.intro_en = "Submitted for approval."
    revision = page.save_revision(user=translator)
    with override("fr"):  # as in the translator's French admin
        Workflow.objects.get(name=MODERATORS_APPROVAL).start(page, translator)
    Redirect.objects.create(old_path="/ancienne-adresse", redirect_link="/fr/")
    private = Collection.get_first_root_node().add_child(name="Archives internes")
    image = ImageFactory(collection=private, title="Photo d’archives")
    other = StandardPage.objects.exclude(pk=page.pk).filter(depth__gt=2).first()
    return {
        "page": page.pk,
        "revision": revision.pk,
        "other": other.pk,
        "home": HomePage.objects.get().pk,
        "history": HistoryPage.objects.get().pk,
        "project": ProjectPage.objects.first().pk,
        "image": image.pk,
        "collection": private.pk,
        "group": Group.objects.get(name=EDITORS).pk,
        "translator": translator.pk,
        "workflow": Workflow.objects.get(name=MODERATORS_APPROVAL).pk,
        "task": Task.objects.get(name=MODERATORS_APPROVAL).pk,
        "country": Country.objects.first().pk,
        "site_id": SiteSettings.objects.get().site_id,
    }


ADMIN_PAGES = [
    "/admin/",
    "/admin/pages/{home}/",
    "/admin/pages/{page}/edit/",
    "/admin/pages/{other}/edit/",
    "/admin/pages/{history}/edit/",
    "/admin/pages/{project}/edit/",
    "/admin/pages/add/ciso/standardpage/{home}/",
    "/admin/pages/{page}/history/",
    "/admin/pages/{page}/workflow_history/",
    "/admin/pages/{page}/privacy/",
    "/admin/pages/search/?q=mission",
    "/admin/choose-page/",
    "/admin/images/",
    "/admin/images/add/",
    "/admin/images/multiple/add/",
    "/admin/images/{image}/",
    "/admin/images/chooser/",
    "/admin/documents/",
    "/admin/documents/add/",
    "/admin/documents/chooser/",
    "/admin/collections/",
    "/admin/collections/{collection}/",
    "/admin/collections/{collection}/privacy/",
    "/admin/groups/",
    "/admin/groups/edit/{group}/",
    "/admin/users/",
    "/admin/users/edit/{translator}/",
    "/admin/workflows/list/",
    "/admin/workflows/edit/{workflow}/",
    "/admin/workflows/tasks/index/",
    "/admin/workflows/tasks/edit/{task}/",
    "/admin/workflows/task_chooser/",
    "/admin/reports/workflow/",
    "/admin/reports/workflow_tasks/",
    "/admin/reports/site-history/",
    "/admin/reports/translations/",
    "/admin/redirects/",
    "/admin/snippets/projects/country/",
    "/admin/snippets/projects/country/edit/{country}/",
    "/admin/snippets/choose/projects/country/",
    "/admin/settings/ciso/sitesettings/{site_id}/",
    "/admin/account/",
]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_admin_page_speaks_the_staff_members_language(client, site, language):
    wholes, parts = interface_strings("fr" if language == "en" else "en")
    content = content_strings()
    client.force_login(staff_user("admin", language))
    wrong = []
    for address in ADMIN_PAGES:
        url = address.format(**site)
        response = client.get(url)
        assert response.status_code == 200, url
        for shown in text(response):
            if shown in content:
                continue
            if shown in wholes or any(part in shown for part in parts):
                wrong.append(f"{url}: {shown!r}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_names_the_site_created_are_shown_translated(client, site, language):
    editors, translators, moderators, approval = NAMES[language]
    client.force_login(staff_user("admin", language))

    groups = text(client.get("/admin/groups/"))
    assert {editors, translators, moderators} <= set(groups)
    user_form = BeautifulSoup(
        client.get(f"/admin/users/edit/{site['translator']}/").content, "html.parser"
    )
    checkboxes = [label.get_text(strip=True) for label in user_form.select("label[for^=id_groups]")]
    assert {editors, translators, moderators} <= set(checkboxes)
    assert approval in text(client.get("/admin/workflows/list/"))
    assert approval in text(client.get("/admin/workflows/tasks/index/"))
    dashboard = " ".join(text(client.get("/admin/")))
    assert approval in dashboard  # "Awaiting your review"
    status = " ".join(text(client.get(f"/admin/pages/{site['page']}/edit/")))
    assert approval in status
    for name in NAMES["en" if language == "fr" else "fr"]:
        assert name not in groups + checkboxes
        assert name not in dashboard and name not in status


@pytest.mark.parametrize(
    ("language", "submit"),
    [("en", "Submit to Moderators approval"), ("fr", "Soumettre à Approbation par la modération")],
)
def test_the_submit_button_names_the_workflow_in_the_staff_members_language(
    client, site, language, submit
):
    client.force_login(staff_user("traducteur", language, TRANSLATORS))
    page = text(client.get(f"/admin/pages/{site['other']}/edit/"))
    assert submit in page
    # And the submitter's dashboard lists the page in the workflow, named so.
    client.force_login(get_user_model().objects.get(pk=site["translator"]))
    UserProfile.objects.filter(user_id=site["translator"]).update(preferred_language=language)
    assert NAMES[language][3] in " ".join(text(client.get("/admin/")))


def test_a_snippet_chooser_speaks_the_language_of_each_request(client, site):
    """Its widget is made once; the first request's language used to stay."""
    url = f"/admin/pages/{site['project']}/edit/"
    client.force_login(staff_user("admin", "en"))
    assert "Choose another country" in text(client.get(url))
    UserProfile.objects.filter(user__username="admin").update(preferred_language="fr")
    page = text(client.get(url))
    assert "Choisir un autre pays" in page and "Choose another country" not in page


def test_the_image_upload_help_and_chooser_speak_english_in_the_english_admin(client, site):
    client.force_login(staff_user("admin", "en"))
    add = " ".join(text(client.get("/admin/images/add/")))
    assert "Supported formats: AVIF, GIF, JPG, JPEG, PNG, WEBP. Maximum filesize: 10.0 MB." in add
    assert "Formats supportés" not in add
    # The multiple uploader's messages, read by its script.
    multiple = " ".join(client.get("/admin/images/multiple/add/").content.decode().split())
    assert "This file is too big. Maximum filesize 10.0 MB." in multiple
    chooser = text(client.get("/admin/images/chooser/"))
    assert "Search" in chooser and "Rechercher" not in chooser
    group = text(client.get(f"/admin/groups/edit/{site['group']}/"))
    assert {"Add", "Edit", "Choose", "Delete"} <= set(group)


def test_the_same_in_french(client, site):
    client.force_login(staff_user("admin", "fr"))
    add = " ".join(text(client.get("/admin/images/add/")))
    assert "Formats supportés : AVIF, GIF, JPG, JPEG, PNG, WEBP." in add
    assert "Rechercher" in text(client.get("/admin/images/chooser/"))


# The names: stored in English, shown translated, typed names kept as typed.


def test_names_are_stored_in_english_and_read_in_the_active_language():
    with override("fr"):
        group = Group.objects.get(name=EDITORS)
        assert (group.name, str(group)) == ("Rédaction", "Rédaction")
        task = Task.objects.get(name=MODERATORS_APPROVAL)
        assert (task.name, task.specific.name) == ("Approbation par la modération",) * 2
    with override("en"):
        assert Group.objects.get(pk=group.pk).name == "Editors"
        assert Workflow.objects.get(name=MODERATORS_APPROVAL).name == "Moderators approval"


def test_saving_a_translated_name_unchanged_keeps_the_stored_name():
    with override("fr"):
        group = Group.objects.get(name=EDITORS)
        group.save()
        assert group.name == "Rédaction"  # still shown translated after the save
        task = GroupApprovalTask.objects.get(name=MODERATORS_APPROVAL)
        task.name = "Approbation par la modération"  # as the French edit form sends it back
        task.save()
    with override("en"):
        group.name = "Editors"
        group.save()
    assert Group.objects.filter(name=EDITORS, pk=group.pk).exists()
    assert Task.objects.filter(name=MODERATORS_APPROVAL).count() == 1


def test_a_name_staff_typed_stays_as_typed(client):
    group = Group.objects.get(name=MODERATORS)
    with override("fr"):
        group = Group.objects.get(pk=group.pk)
        group.name = "Comité de lecture"
        group.save()
    with override("en"):
        assert Group.objects.get(pk=group.pk).name == "Comité de lecture"
    # A new group called as a translation reads: stored as typed, beside the site's own.
    with override("fr"):
        Group.objects.create(name="Traduction")
    assert Group.objects.filter(name__in=["Traduction", TRANSLATORS]).count() == 2


def test_the_group_form_in_french_keeps_the_stored_name(client, site):
    client.force_login(staff_user("admin", "fr"))
    url = f"/admin/groups/edit/{site['group']}/"
    form = BeautifulSoup(client.get(url).content, "html.parser")
    assert form.select_one("input[name=name]")["value"] == "Rédaction"
    workflow_url = f"/admin/workflows/edit/{site['workflow']}/"
    form = BeautifulSoup(client.get(workflow_url).content, "html.parser")
    assert form.select_one("input[name=name]")["value"] == "Approbation par la modération"
    data = {"name": "Approbation par la modération"}
    for field in form.select("input[name^=pages-], input[name^=workflow_tasks-]"):
        data[field["name"]] = field.get("value", "")
    for select in form.select("select[name]"):
        selected = select.select("option[selected]")
        data[select["name"]] = [option.get("value", "") for option in selected]
    response = client.post(workflow_url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert Workflow.objects.filter(pk=site["workflow"], name=MODERATORS_APPROVAL).exists()


def test_a_serialized_copy_written_in_french_comes_back_in_english():
    """The browser tests' rollback serializes the database (in French) and loads it back."""
    with override("fr"):
        dump = serializers.serialize("json", Group.objects.filter(name=TRANSLATORS))
    assert "Traduction" in dump
    Group.objects.filter(name=TRANSLATORS).update(name="to be restored")
    for item in serializers.deserialize("json", dump):
        item.save()
    assert Group.objects.filter(name=TRANSLATORS).exists()


@pytest.mark.parametrize(
    ("language", "started"),
    [
        ("en", "'Moderators approval' started. Next step 'Moderators approval'"),
        (
            "fr",
            "Le workflow «\u00a0Approbation par la modération\u00a0» a été commencé. "
            "La prochaine étape est «\u00a0Approbation par la modération\u00a0»",
        ),
    ],
)
def test_the_history_names_the_workflow_in_the_readers_language(client, site, language, started):
    """The log keeps the names a workflow step had, written by whoever acted (the French
    translator here): they are kept under the stored names and shown translated."""
    log = PageLogEntry.objects.filter(page_id=site["page"], action="wagtail.workflow.start")
    stored = log.values_list("data", flat=True).get()
    assert stored["workflow"]["title"] == stored["workflow"]["next"]["title"] == MODERATORS_APPROVAL
    client.force_login(staff_user("admin", language))
    history = text(client.get(f"/admin/pages/{site['page']}/history/"))
    assert " ".join(started.split()) in history  # as text() reads it, spaces made plain


# Wagtail's labels translated at import


def test_wagtail_still_translates_these_labels_at_import():
    """Each patched label was a string Wagtail had already translated (into French, the
    language active at import). When this fails for an entry, Wagtail now translates it
    lazily itself: remove the entry from WAGTAIL_IMPORT_TIME_LABELS."""
    assert patches.ORIGINALS["import-time labels"].keys() == set(
        map(tuple, patches.WAGTAIL_IMPORT_TIME_LABELS)
    )
    for entry, value in patches.ORIGINALS["import-time labels"].items():
        *_where, source = entry
        if value is None:  # no label: Django shows the field's name, never translated
            continue
        assert isinstance(value, str) and not isinstance(value, Promise), entry
        with override("fr"):
            assert value == trans_real.gettext(source), entry


def test_the_patched_labels_follow_the_active_language():
    from wagtail.admin.viewsets.chooser import ChooserViewSet
    from wagtail.contrib.redirects.filters import RedirectsReportFilterSet
    from wagtail.images.forms import GroupImagePermissionFormSet

    for language, search, add, permanent in [
        ("en", "Search", "Add", "Permanent"),
        ("fr", "Rechercher", "Ajouter", "Permanente"),
    ]:
        with override(language):
            assert str(ChooserViewSet.search_tab_label) == search
            assert str(GroupImagePermissionFormSet.permission_types[0][1]) == add
            choices = dict(RedirectsReportFilterSet().filters["is_permanent"].field.choices)
            assert str(choices[True]) == permanent
