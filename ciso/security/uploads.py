"""Image uploads that Pillow cannot read, or that would take too much memory to read, are
refused with a form error instead of a 500."""

import zlib

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


class ImageFileField(WagtailImageField):
    """Wagtail's image upload field, with a decompression bomb or a damaged file refused as a
    form error.

    Wagtail compares the pixel count its header claims with WAGTAILIMAGES_MAX_IMAGE_PIXELS, but
    reading that header through Pillow raises DecompressionBombError when the claim is huge (a
    1 KB PNG announcing 30000×30000), which Wagtail lets through as a server error. Counting
    the frames decodes the whole image, and a file whose header is sound but whose data is not
    (a truncated PNG or JPEG) makes Pillow raise there too.
    """

    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
        except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as e:
            raise ValidationError(
                _("This image has far too many pixels. Maximum pixels: %(max_pixels)s.")
                % {"max_pixels": self.max_image_pixels},
                code="file_too_many_pixels",
            ) from e
        except UNREADABLE_IMAGE_ERRORS as e:
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from e


# What Pillow raises on image data it cannot decode: OSError ("image file is truncated"),
# SyntaxError ("broken PNG file"), EOFError, ValueError, zlib.error (a damaged PNG stream).
UNREADABLE_IMAGE_ERRORS = (OSError, SyntaxError, EOFError, ValueError, zlib.error)


class ImageForm(BaseImageForm):
    """The admin's image form (WAGTAILIMAGES_IMAGE_FORM_BASE), with the field above.

    The field is made with each form, not declared on the class: Wagtail words its help text
    ("Supported formats… Maximum filesize 10.0 MB") and messages when the field is made, and a
    field declared here would be made once, at import, in French for every staff member."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:  # the multiple uploader's edit form has none
            wagtail_field = self.fields["file"]
            self.fields["file"] = ImageFileField(
                label=wagtail_field.label,
                required=wagtail_field.required,
                widget=wagtail_field.widget,
            )
