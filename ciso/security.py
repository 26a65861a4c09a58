"""Security plumbing the settings point to: the CSP middleware, the client address for
django-axes and the document download view. What is configured, and why: README.md, Security."""

import json
import zlib

import nh3
from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from wagtail.documents.views.serve import serve as wagtail_serve_document
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

ADMIN_PREFIX = "/admin/"


class CSPMiddleware(BaseCSPMiddleware):
    """django-csp's middleware, with the two exceptions the Wagtail admin needs.

    - Styles: the admin's own templates and its editors (Draftail, the datetime picker,
      tooltips) write `style` attributes, so the admin allows inline styles. Scripts stay
      strict there too: no 'unsafe-inline', the nonce only.
    - Framing: the live preview shows the page in an iframe of the admin. Wagtail renders it
      through a dummy request marked `is_preview` that goes through the middleware itself, and
      marks other frameable responses `X-Frame-Options: SAMEORIGIN`; both get
      `frame-ancestors 'self'`. Every other response may not be framed at all.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(ADMIN_PREFIX):
            parts.update = {**(parts.update or {}), "style-src": [UNSAFE_INLINE]}
        frameable = response.get("X-Frame-Options", "").upper() == "SAMEORIGIN"
        if frameable or getattr(request, "is_preview", False):
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        return parts


def client_ip(request):
    """The address django-axes counts sign-in failures against.

    Without a proxy it is the peer's address. Behind TRUSTED_PROXY_COUNT proxies, each of which
    appends the address it received the request from to X-Forwarded-For, the client is the
    entry added by the outermost trusted proxy: TRUSTED_PROXY_COUNT from the right. Entries
    further left were written by the client and could be anything.
    """
    remote_addr = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote_addr
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if len(hops) < count:
        return remote_addr
    return hops[-count]


def serve_document(request, document_id, document_filename):
    """Wagtail's document view (privacy checks, attachment or inline PDF, `nosniff`, a CSP of
    `default-src 'none'`), with the CSP sandbox added to downloads: should a browser render a
    file it was told to save, the file runs as a unique origin without scripts, forms or
    plugins. Inline PDFs keep the plain policy: Chromium's PDF viewer refuses to render in a
    sandboxed document."""
    response = wagtail_serve_document(request, document_id, document_filename)
    policy = response.get("Content-Security-Policy")
    if policy and response.get("Content-Disposition", "").startswith("attachment"):
        response["Content-Security-Policy"] = f"{policy}; sandbox"
    return response


def lockout_response(request, original_response=None, credentials=None):
    """What django-axes answers to a locked-out sign-in: the admin's sign-in screen with a
    message in the visitor's language, status 429 (Too Many Requests)."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return render(request, "ciso/admin/lockout.html", {"minutes": minutes}, status=429)


def chooser_without_inline_script():
    """Make Wagtail's chooser widgets (page, image, document, snippet, task) start their
    JavaScript from an inert <template> element, read by static/js/admin-csp.js, instead of
    the inline <script> that BaseChooser.render writes in Python (no template to override)."""
    from django.utils.html import format_html
    from wagtail.admin.widgets import BaseChooser
    from wagtail.admin.widgets.workflows import AdminTaskChooser

    def render(self, name, value, attrs=None, renderer=None):
        try:
            id_ = attrs["id"]
        except (KeyError, TypeError) as e:
            raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from e
        value_data = self.get_value_data(value)
        widget_html = self.render_html(name, value_data, attrs)
        if isinstance(self, AdminTaskChooser):
            # Its render_js_init is `createTaskChooser(id)`.
            init = format_html(
                '<template data-ciso-init="createTaskChooser" data-ciso-target="{}"></template>',
                id_,
            )
        else:
            options = self.get_js_init_options(id_, name, value_data)
            init = format_html(
                '<template data-ciso-init="{}" data-ciso-target="{}" data-ciso-config="{}">'
                "</template>",
                self.js_constructor,
                id_,
                json.dumps(options),
            )
        return format_html("{}{}", widget_html, init)

    BaseChooser.render = render


# What the rich text features (ciso.blocks.RICH_TEXT_FEATURES) produce once Wagtail has
# expanded its links, plus headings and quotes that pasted or imported text may hold.
RICH_TEXT_TAGS = {
    "a", "b", "blockquote", "br", "em", "h2", "h3", "h4", "h5", "h6", "i", "li", "ol", "p",
    "strong", "sub", "sup", "ul",
}  # fmt: skip
RICH_TEXT_ATTRIBUTES = {"a": {"href"}, "*": {"lang"}}
RICH_TEXT_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def clean_rich_text(html):
    """Rich text as the public site shows it: an allow-list of tags and attributes, links only
    to web, mail and phone addresses (or relative). The admin's editor already drops anything
    else, but rich text saved another way (a script, an import, the shell) never went through
    it: a `<script>`, an `onerror` attribute or a `javascript:` link is removed here."""
    return mark_safe(  # the sanitiser's output
        nh3.clean(
            str(html),
            tags=RICH_TEXT_TAGS,
            attributes=RICH_TEXT_ATTRIBUTES,
            url_schemes=RICH_TEXT_URL_SCHEMES,
            link_rel=None,
        )
    )


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
