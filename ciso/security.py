"""Security plumbing the settings point to: the CSP middleware, the client address for
django-axes and the document download view, the limits on guessing page passwords and on
password reset requests, and CSV downloads without formulas. What is configured, and why:
README.md, Security."""

import hashlib
import json
import math
import time
import zlib
from dataclasses import dataclass
from datetime import timedelta

import nh3
from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from PIL import Image as PILImage
from wagtail.admin.views.account import PasswordResetView as WagtailPasswordResetView
from wagtail.documents.views.serve import serve as wagtail_serve_document
from wagtail.forms import PasswordViewRestrictionForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm
from wagtail.models import Page, PageViewRestriction
from wagtail.views import authenticate_with_password as wagtail_authenticate_with_password

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


@dataclass(frozen=True)
class AttemptLimit:
    """`attempts` tries within `period` for one key (an address and a page, an account…), then
    a pause of `period` for that key. Each try is counted before it is made, in one atomic step,
    so that tries sent in parallel cannot all pass before any is counted.

    Counted in the default cache. With Redis (REDIS_URL, as in the compose stack) every gunicorn
    worker shares the count; without it (`make serve`, the image run without REDIS_URL) each
    worker counts in its own memory, and a limit allows that many times more tries in all.
    Should the cache be unreachable nothing is paused: nginx's limits still hold
    (deploy/nginx/ciso.conf)."""

    name: str
    attempts: int
    period: timedelta

    def _keys(self, parts):
        digest = hashlib.sha256("\n".join(map(str, parts)).encode()).hexdigest()
        key = f"ciso:attempts:{self.name}:{digest}"
        return key, f"{key}:paused-until"

    def paused_for(self, *parts):
        """How many seconds before the key may try again: 0 when it may now."""
        until = cache.get(self._keys(parts)[1])
        return max(0, math.ceil(until - time.time())) if until else 0

    def count(self, *parts):
        """Count one try, before making it; the last one allowed starts the pause. Returns 0
        when this try may be made, else paused_for(): it is over the limit."""
        count_key, pause_key = self._keys(parts)
        seconds = int(self.period.total_seconds())
        cache.add(count_key, 0, seconds)
        try:
            tries = cache.incr(count_key)
        except ValueError:  # expired between the two calls
            tries = 1
            cache.set(count_key, tries, seconds)
        if tries is None or tries < self.attempts:  # None: the cache is unreachable
            return 0
        # The count is left to expire: it does so before the pause ends (it began earlier), and
        # a fresh count meanwhile would let tries in parallel with this one through.
        cache.add(pause_key, time.time() + seconds, seconds)
        return 0 if tries == self.attempts else self.paused_for(*parts) or seconds

    def clear(self, *parts):
        cache.delete_many(self._keys(parts))


def retry_later(response, seconds):
    """`response` as the answer to a try over a limit: status 429, `Retry-After` the seconds
    left in the pause, and never kept by a cache (the next try must reach the view)."""
    response.status_code = 429
    response["Retry-After"] = str(int(seconds))
    patch_cache_control(response, no_store=True)
    return response


# The limits, all here. A visitor who mistypes a page's password a few times, or an editor who
# asks for a second reset mail, never meets them; a script meets them at once.
# - Page passwords: per client address and page (the page's restriction, which its subpages
#   share: one password, one count), 10 wrong passwords within 15 minutes, then 15 minutes'
#   pause, even for the right password.
PAGE_PASSWORD_LIMIT = AttemptLimit("page-password", attempts=10, period=timedelta(minutes=15))
# - Admin password reset, each request of which may send a mail: 10 requests an hour from one
#   address (an office behind one connection), 3 an hour for one e-mail address, counted whether
#   an account has it or not (the answer must not tell), then an hour's pause.
PASSWORD_RESET_ADDRESS_LIMIT = AttemptLimit(
    "password-reset-address", attempts=10, period=timedelta(hours=1)
)
PASSWORD_RESET_ACCOUNT_LIMIT = AttemptLimit(
    "password-reset-account", attempts=3, period=timedelta(hours=1)
)


def whole_minutes(seconds):
    return max(1, math.ceil(seconds / 60))


def authenticate_with_password(request, page_view_restriction_id, page_id):
    """Wagtail's page-password form, with PAGE_PASSWORD_LIMIT: once paused it shows the form
    again with a message, status 429, without checking the password. An unsafe `return_url`
    leads to the page itself, where Wagtail would send the visitor to LOGIN_REDIRECT_URL (a
    404 here)."""
    if request.method != "POST":
        return wagtail_authenticate_with_password(request, page_view_restriction_id, page_id)
    return_url = request.POST.get("return_url", "")
    if not url_has_allowed_host_and_scheme(return_url, request.get_host(), request.is_secure()):
        request.POST = request.POST.copy()
        request.POST["return_url"] = get_object_or_404(Page, id=page_id).get_url(request) or "/"
    key = (client_ip(request), page_view_restriction_id)
    paused = PAGE_PASSWORD_LIMIT.paused_for(*key) or PAGE_PASSWORD_LIMIT.count(*key)
    if not paused:
        response = wagtail_authenticate_with_password(request, page_view_restriction_id, page_id)
        if response.status_code == 302:  # the right password
            PAGE_PASSWORD_LIMIT.clear(*key)
            return response
        paused = PAGE_PASSWORD_LIMIT.paused_for(*key)  # this try may have been the last one
        if not paused:
            return response
    restriction = get_object_or_404(PageViewRestriction, id=page_view_restriction_id)
    page = get_object_or_404(Page, id=page_id).specific
    form = PasswordViewRestrictionForm(
        instance=restriction, initial={"return_url": request.POST["return_url"]}
    )
    form.cleaned_data = {}  # add_error expects it, and the form is not bound
    count = whole_minutes(paused)
    form.add_error(
        None,
        ngettext(
            "Too many wrong passwords were entered for this page from your connection. "
            "Please try again in %(minutes)s minute.",
            "Too many wrong passwords were entered for this page from your connection. "
            "Please try again in %(minutes)s minutes.",
            count,
        )
        % {"minutes": count},
    )
    action_url = reverse("wagtailcore_authenticate_with_password", args=[restriction.id, page.id])
    return retry_later(page.serve_password_required_response(request, form, action_url), paused)


class PasswordResetView(WagtailPasswordResetView):
    """The admin's password reset, with PASSWORD_RESET_ADDRESS_LIMIT and
    PASSWORD_RESET_ACCOUNT_LIMIT: over either, the form again with a message, status 429, and
    no mail. The same for an address no account has."""

    def form_valid(self, form):
        limits = [
            (PASSWORD_RESET_ADDRESS_LIMIT, client_ip(self.request)),
            (PASSWORD_RESET_ACCOUNT_LIMIT, form.cleaned_data["email"].casefold()),
        ]
        paused = max(limit.paused_for(key) for limit, key in limits)
        if not paused:
            paused = max([limit.count(key) for limit, key in limits])  # count each
        if not paused:
            return super().form_valid(form)
        count = whole_minutes(paused)
        form.add_error(
            None,
            ngettext(
                "Too many requests to reset a password. Please try again in %(minutes)s minute.",
                "Too many requests to reset a password. Please try again in %(minutes)s minutes.",
                count,
            )
            % {"minutes": count},
        )
        return retry_later(self.form_invalid(form), paused)


# Spreadsheet programs run a cell that begins with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value):
    """A CSV cell that spreadsheet programs show as text instead of running it: one that
    begins like a formula gets a leading apostrophe (OWASP's advice on CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def csv_downloads_without_formulas():
    """Make every CSV download of the admin (the Translations report, Wagtail's reports and
    listings: SpreadsheetExportMixin) go through spreadsheet_text. Wagtail's Excel files already
    keep such cells as text, but its CSV files write them verbatim (Wagtail leaves the risk to
    the spreadsheet program), and a title an editor typed must not run a formula on the
    computer of whoever opens the report."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    preprocess = SpreadsheetExportMixin.preprocess_field_value

    def preprocess_field_value(self, field, value, export_format):
        value = preprocess(self, field, value, export_format)
        return spreadsheet_text(value) if export_format == self.FORMAT_CSV else value

    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value


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
