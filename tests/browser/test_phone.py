"""Phone first: what a visitor holding a 390 px phone (or a 320 px one) gets on every page type.

The header leaves the screen to the content (at most 120 px), the menu is a button that opens
and closes with a finger or the keyboard and works without JavaScript, nothing scrolls
sideways, every tap target is at least 44 × 44 px and no text is under 16 px.
"""

import pytest

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PAGES = [
    "/fr/",
    "/en/",
    "/fr/mission-et-actions/",
    "/en/history/",
    "/fr/realisations/",
    "/fr/projets/",
    "/en/members/",
    "/fr/nouvelles/",
    "/en/events/",
    "/en/news/konbit-project-signed/",
    "/en/projects/countries/haiti/",
    "/fr/projets/konbit-haiti/",
    "/fr/recherche/?q=syndicats",
    "/en/contact/",
]
PHONE = {"width": 390, "height": 844}

# What a finger taps: controls and the links that are not part of a sentence.
TAP_TARGETS = ", ".join(
    [
        "header a",
        "header summary",
        "header input",
        "header button",
        ".button",
        "footer a",
        ".breadcrumbs a",
        ".pagination a",
        ".filters select",
        ".filters input",
        ".filters button",
        ".timeline-decades a",
        ".search-filters a",
    ]
)


def visible_boxes(page, selector):
    return page.eval_on_selector_all(
        selector,
        """elements => elements
            .filter(el => el.getClientRects().length)
            .filter(el => getComputedStyle(el).visibility !== "hidden")
            .map(el => {
                const box = el.getBoundingClientRect();
                return {text: (el.textContent || el.name || "").trim().slice(0, 40),
                        width: box.width, height: box.height};
            })""",
    )


@pytest.mark.parametrize("path", PAGES)
def test_the_header_leaves_the_screen_to_the_content(page, site_url, path):
    page.set_viewport_size(PHONE)
    page.goto(site_url + path)
    assert page.locator(".site-header").bounding_box()["height"] <= 120
    # The menu's links wait behind its button.
    assert page.locator(".site-menu__toggle").is_visible()
    assert not page.locator(".main-nav a").first.is_visible()


@pytest.mark.parametrize("path", PAGES)
def test_nothing_scrolls_sideways_at_320_px(page, site_url, path):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(site_url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.locator(".site-menu__toggle").click()  # nor with the menu open
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


@pytest.mark.parametrize("path", PAGES)
def test_tap_targets_are_at_least_44_px(page, site_url, path):
    page.set_viewport_size(PHONE)
    page.goto(site_url + path)
    page.locator(".site-menu__toggle").click()
    small = [
        box for box in visible_boxes(page, TAP_TARGETS) if box["height"] < 44 or box["width"] < 44
    ]
    assert not small, small


@pytest.mark.parametrize("path", PAGES)
def test_no_text_is_under_16_px(page, site_url, path):
    page.set_viewport_size(PHONE)
    page.goto(site_url + path)
    page.locator(".site-menu__toggle").click()
    tiny = page.evaluate(
        """() => {
            const found = [];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
                const text = walker.currentNode.textContent.trim();
                const el = walker.currentNode.parentElement;
                if (!text || !el.getClientRects().length) continue;
                if (el.closest("svg, .visually-hidden")) continue;
                const size = parseFloat(getComputedStyle(el).fontSize);
                if (size < 16) found.push([text.slice(0, 40), size]);
            }
            return found;
        }"""
    )
    assert not tiny, tiny


def expanded(page, name):
    """The expanded state that the browser gives assistive technologies for the control named
    `name` (a <summary> is a disclosure: its aria-expanded is the browser's own)."""
    tree = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")
    for node in tree["nodes"]:
        if node.get("name", {}).get("value") == name and node.get("properties"):
            states = {p["name"]: p["value"].get("value") for p in node["properties"]}
            if "expanded" in states:
                return states["expanded"]
    raise AssertionError(f"no disclosure named {name!r}")


def test_the_menu_opens_and_closes_by_finger_and_by_keyboard(page, site_url):
    page.set_viewport_size(PHONE)
    page.goto(site_url + "/fr/")
    button = page.locator(".site-menu__toggle")
    assert button.inner_text() == "Menu"
    assert expanded(page, "Menu") is False
    button.click()
    assert expanded(page, "Menu") is True
    assert page.get_by_role("link", name="Historique").is_visible()
    assert page.get_by_role("searchbox").is_visible()
    assert page.get_by_role("link", name="English").is_visible()
    button.focus()
    page.keyboard.press("Enter")
    assert not page.get_by_role("link", name="Historique").is_visible()
    assert expanded(page, "Menu") is False
    page.keyboard.press("Space")
    assert page.get_by_role("link", name="Historique").is_visible()
    page.get_by_role("link", name="Historique").click()
    page.wait_for_url(site_url + "/fr/historique/")


def test_the_menu_works_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(site_url + "/en/")
    page.locator(".site-menu__toggle").click()
    page.get_by_role("link", name="History").click()
    page.wait_for_url(site_url + "/en/history/")
    context.close()


def test_on_a_wide_screen_the_menu_is_always_open(page, site_url):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site_url + "/fr/")
    assert not page.locator(".site-menu__toggle").is_visible()
    assert page.get_by_role("link", name="Historique").is_visible()
    assert page.get_by_role("searchbox").is_visible()
