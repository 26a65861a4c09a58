"""Member organisations made for the tests (the initial content has none: the facts name none),
under the initial content's kinds of member."""

import io
import itertools

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

from members.models import MemberKind, MemberOrganisation

_numbers = itertools.count()


def kind(name_fr):
    """One of the initial kinds of member, by its French name: kind("Syndicats locaux")."""
    return MemberKind.objects.get(name_fr=name_fr)


def logo(text, colour=(164, 22, 26), size=(300, 120)):
    """A PNG logo in the image library, wide unless told: `text` in white on `colour`."""
    picture = PILImage.new("RGB", size, colour)
    ImageDraw.Draw(picture).text((24, 40), text, fill=(255, 255, 255), font_size=40)
    content = io.BytesIO()
    picture.save(content, "PNG")
    image = get_image_model()(title=f"Logo {text}", file=ImageFile(content, name="logo.png"))
    image.save()
    return image


def add_member(member_kind, *, name=None, live=True, **fields):
    """A member organisation of `member_kind`, published unless told (`live=False`: a draft,
    never published)."""
    n = next(_numbers)
    member = MemberOrganisation(
        kind=member_kind, name=name or f"Syndicat d’essai {n}", live=live, **fields
    )
    member.save()
    if live:
        member.save_revision().publish()
    return member
