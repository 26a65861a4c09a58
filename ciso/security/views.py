"""Wagtail's public views that need more care: document downloads (a sandboxing CSP), the
page password form and the admin's password reset (limited, ciso/security/limits.py)."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import ngettext
from wagtail.admin.views.account import PasswordResetView as WagtailPasswordResetView
from wagtail.documents.views.serve import serve as wagtail_serve_document
from wagtail.forms import PasswordViewRestrictionForm
from wagtail.models import Page, PageViewRestriction
from wagtail.views import authenticate_with_password as wagtail_authenticate_with_password

from ciso.security.limits import (
    PAGE_PASSWORD_LIMIT,
    PASSWORD_RESET_ACCOUNT_LIMIT,
    PASSWORD_RESET_ADDRESS_LIMIT,
    client_ip,
    retry_later,
    whole_minutes,
)


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
