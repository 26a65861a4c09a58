"""The Content Security Policy, per request: the admin's own, the public site's, previews."""

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware as BaseCSPMiddleware

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
