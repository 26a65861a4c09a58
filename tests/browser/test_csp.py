"""The Content-Security-Policy in a real browser: the public pages and the Wagtail admin's page
editor work under it, and the browser reports no violation (README.md, Security)."""

import re

import pytest
from django.contrib.auth import get_user_model
from wagtail.users.models import UserProfile

from ciso.models import HomePage
from history.models import HistoryPage
from projects.models import ProjectPage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Every violation the page sees is also written to the console, where it is collected.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` in ${event.sourceFile}:${event.lineNumber}`);
});
"""


@pytest.fixture
def problems(page):
    """CSP violations and script errors seen by the browser while the test runs."""
    seen = []
    page.add_init_script(REPORT_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            seen.append(message.text)
            if message.type == "error"
            and ("CSP violation" in message.text or "Content Security Policy" in message.text)
            else None
        ),
    )
    page.on("pageerror", lambda error: seen.append(f"script error: {error}"))
    return seen


def sign_in_as_superuser(page, site_url):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "Pw-12345!")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    page.goto(site_url + "/admin/login/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", "Pw-12345!")
    page.click("button[type=submit]")
    page.wait_for_url(site_url + "/admin/")


def preview_heading(page):
    """The heading of the page shown in the preview panel (Wagtail swaps its iframes while it
    loads, so the frames are polled)."""
    for _attempt in range(50):
        for frame in page.frames:
            if "/edit/preview/" in frame.url and frame.locator("h1").count():
                return frame.locator("h1").first.inner_text()
        page.wait_for_timeout(200)
    return None


def test_public_pages_run_under_the_policy(page, site_url, problems):
    project = ProjectPage.objects.live().first()
    paths = [
        "/fr/",
        "/en/",
        HistoryPage.objects.get().url,
        "/fr/realisations/",
        "/fr/projets/",
        "/en/projects/?country=ht&status=unknown-value",
        project.url,
        "/fr/page-qui-n-existe-pas/",
    ]
    for path in paths:
        response = page.goto(site_url + path)
        policy = response.header_value("content-security-policy")
        assert "default-src 'self'" in policy, path
        assert "'unsafe-inline'" not in policy, path
        page.wait_for_load_state("load")
        # The stylesheet applied (a blocked one would leave the page unstyled).
        assert page.evaluate("document.styleSheets.length") >= 1, path
    assert problems == []


def test_the_page_editor_works_under_the_policy(page, site_url, problems):
    sign_in_as_superuser(page, site_url)
    history = HistoryPage.objects.get()

    response = page.goto(f"{site_url}/admin/pages/{history.pk}/edit/")
    policy = response.header_value("content-security-policy")
    assert re.search(r"script-src 'self'( 'nonce-[^']+')?;", policy + ";")
    # wagtail-modeltranslation's language picker (its settings come from the JSON block and
    # static/js/admin-modeltranslation-config.js) shows both languages side by side.
    picker = page.locator(".locale-picker")
    picker.wait_for()
    assert picker.locator("button.locale-toggle").all_text_contents() == ["fr", "en"]
    assert page.locator("input[name=title_fr]").is_visible()
    assert page.locator("input[name=title_en]").is_visible()

    # The inline panel (started by static/js/admin-csp.js) adds a milestone, and the new
    # milestone's image chooser (also started there) opens its modal.
    total = page.locator("#id_milestones-TOTAL_FORMS")
    before = int(total.input_value())
    page.get_by_role("button", name="Add Milestone").click()
    assert int(total.input_value()) == before + 1
    new_milestone = page.locator(f"#inline_child_milestones-{before}")
    new_milestone.get_by_role("button", name="Choose an image").click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("heading", name="Choose an image").wait_for()
    modal.get_by_role("button", name="Close").click()

    # The publishing schedule's date-time picker (a widget started by admin-csp.js).
    page.locator("[data-side-panel-toggle=status]").click()
    page.get_by_role("button", name="Set schedule").click()
    page.locator("#id_go_live_at").click()
    page.locator(".xdsoft_datetimepicker:visible").first.wait_for()

    # The live preview, framed by the admin (frame-ancestors 'self' for it only).
    page.goto(f"{site_url}/admin/pages/{history.pk}/edit/")
    page.locator("[data-side-panel-toggle=preview]").click()
    assert preview_heading(page) == history.title_fr

    # A new page: each language's slug follows its title (static/js/admin-translated-slugs.js).
    home = HomePage.objects.get()
    page.goto(f"{site_url}/admin/pages/add/ciso/standardpage/{home.pk}/")
    page.locator("input[name=title_fr]").press_sequentially("Nos partenaires")
    page.locator("input[name=title_en]").press_sequentially("Our partners")
    assert page.locator("input[name=slug_fr]").input_value() == "nos-partenaires"
    assert page.locator("input[name=slug_en]").input_value() == "our-partners"

    assert problems == []
