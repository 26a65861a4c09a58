"""A broken image file is a form error in the editor's language, wherever staff upload it.

The three places the admin takes an image: the upload form (/admin/images/add/), the
multiple uploader (/admin/images/multiple/add/, one file a request, answered in JSON) and the
upload tab of the image chooser (/admin/images/chooser/create/). A truncated PNG or JPEG has
a valid header, so its size and format can be read, but the picture itself cannot be decoded.
"""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection

from tests.users import signed_in

pytestmark = pytest.mark.django_db

Image = get_image_model()

# The message of any other file that is not a readable image (Django's).
BROKEN = {
    "en": "Upload a valid image. The file you uploaded was either not an image or a corrupted "
    "image.",
    "fr": "Téléversez une image valide. Le fichier que vous avez transféré n’est pas une image "
    "ou bien est corrompu.",
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def picture(kind, width=64, height=48):
    """A real photo-like image (noise, so that its data is long enough to cut)."""
    image = PILImage.effect_noise((width, height), 64).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format=kind)
    return buffer.getvalue()


def truncated(kind):
    data = picture(kind)
    return data[: len(data) // 2]


FILES = {"png": "PNG", "jpg": "JPEG"}


def root():
    return Collection.get_first_root_node()


def file_errors(html, name):
    """The errors shown beside the file field of a form (as the editor reads them)."""
    field = BeautifulSoup(html, "html.parser").select_one(f'[name="{name}"]')
    errors = field.find_parent(attrs={"data-field": True}).select("[data-field-errors] p")
    return [error.get_text(strip=True) for error in errors] or None


def upload_form(client, name, content):
    response = client.post(
        reverse("wagtailimages:add"),
        {"title": name, "file": SimpleUploadedFile(name, content), "collection": root().pk},
    )
    if response.status_code != 200:
        return response.status_code, None
    return 200, file_errors(response.content, "file")


def upload_multiple(client, name, content):
    response = client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile(name, content), "collection": root().pk},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    data = response.json()
    return response.status_code, None if data["success"] else [data["error_message"]]


def upload_chooser(client, name, content):
    response = client.post(
        reverse("wagtailimages_chooser:create"),
        {
            "image-chooser-upload-title": name,
            "image-chooser-upload-file": SimpleUploadedFile(name, content),
            "image-chooser-upload-collection": root().pk,
        },
    )
    data = response.json()
    if data["step"] != "reshow_creation_form":
        return response.status_code, None
    return response.status_code, file_errors(data["htmlFragment"], "image-chooser-upload-file")


UPLOADS = {"form": upload_form, "multiple": upload_multiple, "chooser": upload_chooser}


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("extension", FILES)
@pytest.mark.parametrize("where", UPLOADS)
def test_a_truncated_image_is_refused(client, where, extension, language):
    signed_in(client, language=language)
    name = f"truncated.{extension}"
    status, errors = UPLOADS[where](client, name, truncated(FILES[extension]))
    assert (status, errors) == (200, [BROKEN[language]])
    assert not Image.objects.filter(title__startswith="truncated").exists()


@pytest.mark.parametrize("extension", FILES)
@pytest.mark.parametrize("where", UPLOADS)
def test_a_whole_image_is_accepted(client, where, extension):
    signed_in(client)
    status, errors = UPLOADS[where](client, f"whole.{extension}", picture(FILES[extension]))
    assert (status, errors) == ((302 if where == "form" else 200), None)
    image = Image.objects.get(title__startswith="whole")
    assert (image.width, image.height) == (64, 48)
    assert image.get_rendition("max-165x165").width == 64
