"""The error pages in a real browser: no accessibility violation (axe-core, WCAG 2.1 AA), and
a form posted without its token lands on the site's own page."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.test import override_settings

from tests.browser.test_site import WCAG_AA

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.urls("tests.ciso.error_urls"),
]

PAGES = [
    ("permission denied", "/fr/_errors/forbidden/", 403),
    ("bad request", "/en/_errors/bad-request/", 400),
    ("server error", "/fr/_errors/broken/", 500),
]


def assert_accessible(page, what):
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, f"{what}:\n{results.generate_report()}"


@pytest.mark.parametrize(("kind", "path", "status"), PAGES, ids=[p for _k, p, _s in PAGES])
def test_error_pages_have_no_accessibility_violations(page, site_url, kind, path, status):
    response = page.goto(site_url + path)
    assert response.status == status
    assert_accessible(page, f"{kind} {path}")


def test_a_form_posted_without_its_token_gets_the_sites_page(page, site_url):
    page.goto(site_url + "/en/search/")
    with page.expect_navigation() as navigation:
        page.evaluate(
            """() => {
                const form = document.createElement("form");
                form.method = "post";
                form.action = "/en/search/";
                document.body.append(form);
                form.submit();
            }"""
        )
    assert navigation.value.status == 403
    assert page.locator("h1").inner_text() == "Form not sent"
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible(page, "CSRF failure")
    page.get_by_role("main").get_by_role("link", name="Go to the home page").click()
    page.wait_for_url(site_url + "/en/")


@pytest.mark.parametrize("name", ["fr/414.html", "en/503.html"])
def test_the_pages_nginx_serves_are_accessible(page, site_url, tmp_path, name):
    with override_settings(STATIC_ROOT=tmp_path):
        call_command("render_error_pages", verbosity=0)
    # Written into a page of the live server, whose stylesheet the error page links to.
    page.goto(site_url + "/fr/")
    page.set_content((tmp_path / "errors" / name).read_text())
    assert page.evaluate("getComputedStyle(document.body).margin") == "0px"  # site.css applies
    assert_accessible(page, name)
