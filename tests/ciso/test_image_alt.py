"""An image chosen in the admin needs its alt text: a form error, never a server error.

Every model that pairs an image with an alt text (ciso.models.ImageWithAlt: projects and
milestones) is saved here as staff save it: through the editor's form (the "Save draft"
button) and through Wagtail's autosave, which posts the same form in the background, with
`Accept: application/json`, as soon as an image is picked. The French alt text is needed
whenever there is an image; the English one as well once the English version exists (its
English title is filled), or the English page would read out the French description.
"""

import pytest
from bs4 import BeautifulSoup
from wagtail.blocks import RichTextBlock
from wagtail.models import Page
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)
from wagtail_factories import ImageFactory

from ciso.editorial.roles import EDITORS, MODERATORS, TRANSLATORS
from history.models import HistoryPage, Milestone
from projects.models import Country, ProjectIndexPage, ProjectPage
from tests.projects.factories import add_project
from tests.users import signed_in

pytestmark = pytest.mark.django_db

ROLES = {"administrator": None, "editor": EDITORS, "moderator": MODERATORS}
ALL_ROLES = {**ROLES, "translator": TRANSLATORS}
FRENCH_NEEDED = {
    "en": "Describe the image in French, for people who cannot see it.",
    "fr": "Décrivez l’image en français, pour les personnes qui ne peuvent pas la voir.",
}
ENGLISH_NEEDED = {
    "en": "Describe the image in English too, or the English version will read out the French "
    "description.",
    "fr": "Décrivez aussi l’image en anglais, sinon la version anglaise lira la description "
    "française.",
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def image():
    return ImageFactory(title="Assemblée à Port-au-Prince")


def sign_in(client, role, language="en"):
    return signed_in(client, role, language, ALL_ROLES[role])


def editor_form(client, url, streams=()):
    """What the browser sends back from the editor at `url`, unchanged: its fields as drawn,
    and the StreamFields (drawn by JavaScript) as stored."""
    response = client.get(url)
    assert response.status_code == 200, url
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    instance = response.context["form"].instance
    data = {key: data.getlist(key) for key in data}
    for name in streams:
        stream = getattr(instance, name)
        blocks = [
            (block["type"], posted(stream.stream_block.child_blocks[block["type"]], block["value"]))
            for block in stream.raw_data
        ]
        data.update(nested_form_data({name: streamfield(blocks)}))
    return data


def posted(block, value):
    """A stored block value as the editor posts it (rich text goes as Draftail's JSON)."""
    return rich_text(value) if isinstance(block, RichTextBlock) else value


def save(client, url, data, how):
    """Post the editor's form as the "Save draft" button does, or as autosave does."""
    if how == "autosave":
        return client.post(url, data, headers={"accept": "application/json"})
    return client.post(url, data)


def field_error(response, name):
    """The error the editor shows beside the field named `name`, or None."""
    doc = BeautifulSoup(response.content, "html.parser")
    field = doc.select_one(f'[name="{name}"]').find_parent(attrs={"data-field": True})
    errors = field.select_one("[data-field-errors]")
    return errors.get_text(" ", strip=True) or None


def assert_refused(response, how):
    if how == "autosave":
        assert response.status_code == 400
        assert response.json()["error_code"] == "validation_error"
    else:
        assert response.status_code == 200  # the editor again, with the error


def assert_saved(response, how):
    if how == "autosave":
        assert response.status_code == 200 and response.json()["success"], response.content
    else:
        assert response.status_code == 302, response.context["form"].errors


# Projects


def latest(page):
    """The page as its latest revision (the draft the editor saved) has it."""
    return Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()


PROJECT_STREAMS = ("body_fr", "body_en", "documents_fr", "documents_en")


@pytest.fixture
def project():
    index = ProjectIndexPage.objects.get()
    project = add_project(index, country=Country.objects.get(iso_code="CU"), start_year=2015)
    project.save_revision()
    return project


def new_project_form(client, image, **fields):
    index = ProjectIndexPage.objects.get()
    url = f"/admin/pages/add/projects/projectpage/{index.pk}/"
    data = editor_form(client, url)
    data.update(nested_form_data({name: streamfield([]) for name in PROJECT_STREAMS}))
    data.update(
        {
            "title_fr": "Projet à Cuba",
            "slug_fr": "projet-cuba",
            "summary_fr": "Un résumé que l’éditrice a pris le temps d’écrire.",
            "country": Country.objects.get(iso_code="CU").pk,
            "start_year": "2016",
            "image": image.pk,
            **fields,
        }
    )
    return url, data


def project_edit_form(client, project, image, **fields):
    url = f"/admin/pages/{project.pk}/edit/"
    data = editor_form(client, url, streams=PROJECT_STREAMS)
    data.update({"summary_en": "A summary the translator took the time to write.", **fields})
    data["image"] = image.pk
    return url, data


@pytest.mark.parametrize("how", ["form", "autosave"])
@pytest.mark.parametrize("role", ROLES)
def test_a_new_project_with_an_image_and_no_alt_text(client, image, role, how):
    sign_in(client, role)
    url, data = new_project_form(client, image)
    response = save(client, url, data, how)
    assert_refused(response, how)
    assert not ProjectPage.objects.filter(slug_fr="projet-cuba").exists()
    if how == "form":
        assert field_error(response, "image_alt_fr") == FRENCH_NEEDED["en"]
        assert field_error(response, "image_alt_en") is None  # no English version yet
        # Nothing typed is lost: the form comes back with every value.
        doc = BeautifulSoup(response.content, "html.parser")
        assert doc.select_one('[name="summary_fr"]').get_text().strip() == data["summary_fr"]
        assert doc.select_one('[name="image"]')["value"] == str(image.pk)

    data["image_alt_fr"] = "Une assemblée de femmes"
    assert_saved(save(client, url, data, how), how)
    assert (
        latest(ProjectPage.objects.get(slug_fr="projet-cuba")).image_alt_fr
        == "Une assemblée de femmes"
    )


@pytest.mark.parametrize("how", ["form", "autosave"])
@pytest.mark.parametrize("role", ALL_ROLES)
def test_an_image_chosen_for_a_project(client, project, image, role, how):
    """The project has an English title: both alt texts are needed."""
    sign_in(client, role)
    url, data = project_edit_form(client, project, image)
    response = save(client, url, data, how)
    assert_refused(response, how)
    assert latest(project).image is None
    if how == "form":
        assert field_error(response, "image_alt_fr") == FRENCH_NEEDED["en"]
        assert field_error(response, "image_alt_en") == ENGLISH_NEEDED["en"]
        doc = BeautifulSoup(response.content, "html.parser")
        assert doc.select_one('[name="summary_en"]').get_text().strip() == data["summary_en"]

    data["image_alt_fr"] = "Une assemblée"
    response = save(client, url, data, how)
    assert_refused(response, how)
    if how == "form":
        assert field_error(response, "image_alt_fr") is None
        assert field_error(response, "image_alt_en") == ENGLISH_NEEDED["en"]
        doc = BeautifulSoup(response.content, "html.parser")
        assert doc.select_one('[name="image_alt_fr"]')["value"] == "Une assemblée"

    data["image_alt_en"] = "An assembly"
    assert_saved(save(client, url, data, how), how)
    saved = latest(project)
    assert (saved.image, saved.image_alt_fr, saved.image_alt_en) == (
        image,
        "Une assemblée",
        "An assembly",
    )


@pytest.mark.parametrize(
    ("role", "action"),
    [("administrator", "action-publish"), ("editor", "action-publish"),
     ("moderator", "action-publish"), ("translator", "action-submit")],
)  # fmt: skip
def test_publishing_or_submitting_a_project_without_alt_text(client, project, image, role, action):
    sign_in(client, role)
    url, data = project_edit_form(client, project, image, image_alt_fr="Une assemblée")
    response = client.post(url, {**data, action: "1"})
    assert response.status_code == 200
    assert field_error(response, "image_alt_en") == ENGLISH_NEEDED["en"]
    assert ProjectPage.objects.get(pk=project.pk).image is None
    data["image_alt_en"] = "An assembly"
    assert client.post(url, {**data, action: "1"}).status_code == 302
    assert latest(project).image_alt_en == "An assembly"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_error_speaks_the_editors_language(client, project, image, language):
    sign_in(client, "translator", language)
    url, data = project_edit_form(client, project, image)
    response = save(client, url, data, "form")
    assert field_error(response, "image_alt_fr") == FRENCH_NEEDED[language]
    assert field_error(response, "image_alt_en") == ENGLISH_NEEDED[language]


def test_without_an_english_title_only_the_french_alt_text_is_needed(client, project, image):
    sign_in(client, "editor")
    url, data = project_edit_form(client, project, image, title_en="", slug_en="", summary_en="")
    data["image_alt_fr"] = "Une assemblée"
    assert_saved(save(client, url, data, "form"), "form")
    assert latest(project).image == image


def test_an_image_in_the_body_without_alt_text(client, project, image):
    """Images in a StreamField are Wagtail's ImageBlock, whose alt text (or "decorative" flag)
    belongs to each language's body. Wagtail asks for it when the page is submitted or
    published, not on a draft."""
    sign_in(client, "translator")
    url, data = project_edit_form(client, project, image, image_alt_fr="x", image_alt_en="y")
    body = [("image", {"image": {"image": image.pk, "alt_text": ""}, "caption": "", "credit": ""})]
    data.update(nested_form_data({"body_en": streamfield(body)}))
    assert_saved(save(client, url, data, "autosave"), "autosave")
    response = save(client, url, {**data, "action-submit": "1"}, "form")
    assert response.status_code == 200
    assert "body_en" in response.context["form"].errors
    data["body_en-0-value-image-alt_text"] = "An assembly"
    assert_saved(save(client, url, {**data, "action-submit": "1"}, "form"), "form")


# Milestones (an inline of the history page)


def history_form(client):
    history = HistoryPage.objects.get()
    url = f"/admin/pages/{history.pk}/edit/"
    return url, editor_form(client, url, streams=("body_fr", "body_en"))


def add_milestone(data, image, **fields):
    """Add a milestone to the history page's form, as its "Add milestone" button does."""
    n = int(data["milestones-TOTAL_FORMS"][0])
    prefix = f"milestones-{n}-"
    for key in [key for key in data if key.startswith("milestones-__prefix__-")]:
        data[prefix + key.removeprefix("milestones-__prefix__-")] = data[key]
    values = {"year": "1990", "title_fr": "Une tournée", "image": image.pk, "ORDER": n + 1}
    data.update({prefix + name: value for name, value in {**values, **fields}.items()})
    data["milestones-TOTAL_FORMS"] = str(n + 1)
    return prefix


def milestone_prefix(data, title_fr):
    key = next(key for key, value in data.items() if value == [title_fr])
    return key.removesuffix("title_fr")


def milestone_errors(response, prefix):
    """The errors shown beside the alt texts of one milestone."""
    return {
        field: field_error(response, prefix + field) for field in ("image_alt_fr", "image_alt_en")
    }


@pytest.mark.parametrize("how", ["form", "autosave"])
@pytest.mark.parametrize("role", ALL_ROLES)
def test_a_new_milestone_with_an_image(client, image, role, how):
    sign_in(client, role)
    url, data = history_form(client)
    prefix = add_milestone(data, image, text_fr="Une tournée que l’éditrice a décrite.")
    response = save(client, url, data, how)
    assert_refused(response, how)
    assert not Milestone.objects.filter(title_fr="Une tournée").exists()
    milestones = latest(HistoryPage.objects.get()).milestones.all()
    assert "Une tournée" not in [milestone.title_fr for milestone in milestones]
    if how == "form":
        assert milestone_errors(response, prefix) == {
            "image_alt_fr": FRENCH_NEEDED["en"],
            "image_alt_en": None,  # no English version yet
        }
        doc = BeautifulSoup(response.content, "html.parser")
        assert (
            doc.select_one(f'[name="{prefix}text_fr"]').get_text().strip()
            == data[f"{prefix}text_fr"]
        )
        assert doc.select_one(f'[name="{prefix}image"]')["value"] == str(image.pk)

    data[f"{prefix}image_alt_fr"] = "Des syndicalistes en tournée"
    assert_saved(save(client, url, data, how), how)
    revision = latest(HistoryPage.objects.get())
    milestone = next(m for m in revision.milestones.all() if m.title_fr == "Une tournée")
    assert (milestone.image, milestone.image_alt_fr) == (image, "Des syndicalistes en tournée")


@pytest.mark.parametrize("how", ["form", "autosave"])
@pytest.mark.parametrize("role", ALL_ROLES)
def test_an_image_chosen_for_a_milestone(client, image, role, how):
    """The milestone has an English title: both alt texts are needed."""
    milestone = HistoryPage.objects.get().milestones.exclude(title_en="").filter(image=None).first()
    sign_in(client, role)
    url, data = history_form(client)
    prefix = milestone_prefix(data, milestone.title_fr)
    data[f"{prefix}image"] = image.pk
    response = save(client, url, data, how)
    assert_refused(response, how)
    if how == "form":
        assert milestone_errors(response, prefix) == {
            "image_alt_fr": FRENCH_NEEDED["en"],
            "image_alt_en": ENGLISH_NEEDED["en"],
        }

    data[f"{prefix}image_alt_fr"] = "Une assemblée"
    data[f"{prefix}image_alt_en"] = "An assembly"
    assert_saved(save(client, url, data, how), how)
    revision = latest(HistoryPage.objects.get())
    saved = next(m for m in revision.milestones.all() if m.pk == milestone.pk)
    assert (saved.image, saved.image_alt_en) == (image, "An assembly")


def test_the_milestone_errors_speak_the_editors_language(client, image):
    sign_in(client, "translator", "fr")
    url, data = history_form(client)
    prefix = add_milestone(data, image, title_en="A tour")
    response = save(client, url, data, "form")
    assert milestone_errors(response, prefix) == {
        "image_alt_fr": FRENCH_NEEDED["fr"],
        "image_alt_en": ENGLISH_NEEDED["fr"],
    }


def test_a_translator_cannot_add_a_project(client, image):
    sign_in(client, "translator")
    index = ProjectIndexPage.objects.get()
    response = client.get(f"/admin/pages/add/projects/projectpage/{index.pk}/")
    assert response.status_code in (302, 403)
    assert Page.objects.filter(slug_fr="projet-cuba").count() == 0
