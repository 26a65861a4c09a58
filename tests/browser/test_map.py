"""The partner map as a visitor sees it: on a phone (390 px), where markers are tapped, and on a
wide screen, where countries are named on the map."""

import pytest

from projects.map import project

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BOXES = """layer => [...document.querySelectorAll(layer + ' a')].map(a => {
  const target = a.querySelector('.partner-map__target').getBoundingClientRect();
  const text = a.querySelector('text').getBoundingClientRect();
  return {href: a.getAttribute('href'), width: target.width, height: target.height,
          text: text.height, x: target.x + target.width / 2, y: target.y + target.height / 2,
          visible: target.width > 0};
})"""

# Where a point of the view box is on the screen.
SCREEN_POINT = """([x, y]) => {
  const svg = document.querySelector('.partner-map__svg');
  const point = new DOMPoint(x, y).matrixTransform(svg.getScreenCTM());
  return [point.x, point.y];
}"""


def test_on_a_phone_each_marker_is_a_44_px_tap_target_with_a_legible_number(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    page.goto(site_url + "/fr/projets/")
    page.locator(".partner-map").scroll_into_view_if_needed()
    markers = page.evaluate(BOXES, ".partner-map__markers--phone")
    assert len(markers) == 7
    for marker in markers:
        assert marker["width"] >= 44 and marker["height"] >= 44, marker
        assert marker["text"] >= 12, marker  # the number, in CSS px
    # Targets do not overlap: the centre of each is its own marker's.
    for marker in markers:
        href = page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y).closest('a').getAttribute('href')",
            [marker["x"], marker["y"]],
        )
        assert href == marker["href"]
    assert not any(m["visible"] for m in page.evaluate(BOXES, ".partner-map__markers--wide"))
    # The list's links are 44 px targets too.
    for box in page.locator(".country-list a").evaluate_all(
        "links => links.map(a => a.getBoundingClientRect().toJSON())"
    ):
        assert box["height"] >= 44 and box["width"] >= 44, box
    haiti = next(m for m in markers if m["href"].endswith("/haiti/"))
    page.touchscreen.tap(haiti["x"], haiti["y"])
    page.wait_for_url(site_url + "/fr/projets/pays/haiti/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


def test_on_a_wide_screen_the_map_names_the_countries_legibly(page, site_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + "/en/projects/")
    markers = page.evaluate(BOXES, ".partner-map__markers--wide")
    assert len(markers) == 7
    for marker in markers:
        assert marker["text"] >= 12, marker  # the country's name, in CSS px
        assert marker["width"] >= 24, marker
    assert not any(m["visible"] for m in page.evaluate(BOXES, ".partner-map__markers--phone"))
    # The country's outline is a link too.
    x, y = page.evaluate(SCREEN_POINT, project(-105, 27))  # Chihuahua, away from the marker
    page.mouse.click(x, y)
    page.wait_for_url(site_url + "/en/projects/countries/mexico/")


def test_the_map_links_are_not_tab_stops_and_the_list_links_are(page, site_url):
    page.goto(site_url + "/en/projects/")
    page.locator(".country-list a").first.focus()
    page.keyboard.press("Shift+Tab")
    focused = page.evaluate("document.activeElement.closest('.partner-map') === null")
    assert focused
    ring = page.locator(".country-list a").first
    ring.focus()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
