"""Wagtail protects the documents of a private collection, not its images: they are files
under /media/, served to anyone who has their address. Staff are told so where they set a
collection's privacy (the privacy dialog of the collection's edit view)."""

from pathlib import Path

import pytest
import wagtail
from bs4 import BeautifulSoup
from django.template.loader import get_template
from wagtail.models import Collection

from tests.users import signed_in

pytestmark = pytest.mark.django_db

NOTICE = {
    "en": "This applies to documents only. The images of a private collection stay public: "
    "anyone who has an image’s address can see it.",
    "fr": "Cela ne vaut que pour les documents. Les images d’une collection privée restent "
    "publiques\u202f: toute personne qui a l’adresse d’une image peut la voir.",
}
# Wagtail's own words, just above.
HEADING = {
    "en": "Privacy settings determine who is able to view documents in this collection.",
    "fr": "Les paramètres de confidentialité déterminent qui est autorisé à voir les documents "
    "de cette collection.",
}
TEMPLATE = "wagtailadmin/collections/_privacy_switch.html"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_privacy_dialog_says_that_images_stay_public(client, language):
    signed_in(client, "admin", language)
    collection = Collection.get_first_root_node().add_child(name="Archives internes")
    response = client.get(f"/admin/collections/{collection.pk}/")
    # The dialog waits in an inert <template> until the privacy button opens it.
    html = response.content.decode()
    dialog = html[html.index('id="set-privacy"') :]
    dialog = BeautifulSoup(dialog[: dialog.index("w-dialog__content")], "html.parser")
    assert dialog.select_one(".w-dialog__message-heading").get_text(strip=True) == HEADING[language]
    message = dialog.select_one(".w-dialog__message-description")
    assert message.get_text(strip=True) == NOTICE[language]


def test_the_privacy_switch_is_wagtails_with_the_notice_added():
    """ciso/templates/wagtailadmin/collections/_privacy_switch.html is Wagtail's, plus one
    argument of the dialog. When this fails, Wagtail changed its template: copy it again and
    add the notice to it."""
    ours = Path(get_template(TEMPLATE).origin.name)
    wagtails = Path(wagtail.__file__).parent / "admin/templates" / TEMPLATE
    assert ours != wagtails
    notice = ' message_description=_("This applies to documents only.'
    lines = [line for line in ours.read_text().splitlines() if not line.startswith("{% comment")]
    added = [line for line in lines if notice in line]
    assert len(added) == 1
    restored = [line.split(notice)[0] + " %}" if notice in line else line for line in lines]
    assert restored == wagtails.read_text().splitlines()
