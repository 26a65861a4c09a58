"""What only a browser shows: accessibility (axe-core), keyboard use, the language switcher."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

PAGES = [
    ("home", "/fr/"),
    ("home", "/en/"),
    ("standard", "/fr/mission-et-actions/"),
    ("standard", "/en/mission-and-activities/"),
    ("contact", "/fr/nous-joindre/"),
    ("privacy", "/en/privacy/"),
    ("history", "/fr/historique/"),
    ("history", "/en/history/"),
    ("achievements", "/fr/realisations/"),
    ("achievements", "/en/achievements/"),
    ("members", "/fr/membres/"),
    ("members", "/en/members/"),
    ("news index", "/fr/nouvelles/"),
    ("news index", "/en/news/?category=cooperation"),
    ("news article", "/fr/nouvelles/signature-projet-konbit/"),
    ("news article", "/en/news/50th-anniversary-exhibition/"),
    ("events", "/fr/activites/"),
    ("event", "/en/events/50th-anniversary-exhibition/"),
    ("project index", "/fr/projets/"),
    ("project index", "/en/projects/"),
    ("project index, filtered", "/fr/projets/?country=ht&status=completed"),
    ("project index, bad filters", "/en/projects/?country=zz&status=ongoing"),
    ("country", "/fr/projets/pays/haiti/"),
    ("country", "/en/projects/countries/mexico/"),
    ("country, no project page", "/en/projects/countries/cuba/"),
    ("country, no project page", "/fr/projets/pays/mali/"),
    ("project", "/fr/projets/konbit-haiti/"),
    ("project", "/en/projects/konbit-democratic-haiti/"),
    ("search", "/fr/recherche/?q=syndicats"),
    ("search", "/en/search/?q=unions&type=page"),
    ("search, nothing found", "/fr/recherche/?q=sweatshops"),
    ("search", "/en/search/?q="),
    ("not found", "/fr/page-inconnue/"),
    ("not found", "/en/unknown-page/"),
    ("not found", "/de/"),
]


@pytest.mark.parametrize(("kind", "path"), PAGES, ids=[p for _k, p in PAGES])
def test_no_accessibility_violations(page, site_url, kind, path):
    response = page.goto(site_url + path)
    assert response.status == (404 if kind == "not found" else 200)
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, f"{kind} {path}:\n{results.generate_report()}"


@pytest.mark.parametrize("path", ["/fr/membres/", "/en/", "/en/members/"])
def test_no_accessibility_violations_with_members_and_their_logos(page, site_url, path):
    from tests.members.factories import add_member, kind, logo

    unions, federations = kind("Syndicats locaux"), kind("Centrales syndicales")
    add_member(unions, name="Syndicat d’essai", acronym="SE", website="https://example.org/")
    add_member(unions, name="Autre syndicat", logo=logo("AS"))
    add_member(federations, name="Centrale d’essai", logo=logo("CE"))
    assert page.goto(site_url + path).status == 200
    assert page.locator(".member-list li, .member-wall li").count() >= 2
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, f"{path}:\n{results.generate_report()}"


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(page, site_url):
    page.goto(site_url + "/fr/mission-et-actions/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Aller au contenu principal"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_language_switcher_leads_to_the_same_page_in_the_other_language(page, site_url):
    page.goto(site_url + "/fr/mission-et-actions/")
    page.get_by_role("navigation", name="Langue").get_by_role("link", name="English").click()
    page.wait_for_url(site_url + "/en/mission-and-activities/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Mission and activities"
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Français").click()
    page.wait_for_url(site_url + "/fr/mission-et-actions/")


def _focused(page):
    """The focused element: its text, its id and whether a focus ring shows."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            return {
                text: (el.textContent || "").trim(),
                id: el.id,
                tag: el.tagName.toLowerCase(),
                ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
            };
        }"""
    )


def _tab_to(page, matches, limit=60):
    """Press Tab until `matches(focused)`; fails when the element cannot be reached."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = _focused(page)
        if matches(focused):
            return focused
    raise AssertionError("not reachable with the Tab key")


def test_every_header_link_is_reached_by_tab_in_order_with_a_visible_focus(page, site_url):
    page.goto(site_url + "/fr/")
    menu = page.locator(".main-nav a").all_inner_texts()
    expected = ["Aller au contenu principal", "English", *menu]
    reached = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = _focused(page)
        if focused["text"] in expected and focused["text"] not in reached:
            reached.append(focused["text"])
            assert focused["ring"], f"no visible focus on {focused['text']}"
        if len(reached) == len(expected):
            break
    assert reached == expected


def test_menu_works_by_keyboard_alone(page, site_url):
    page.goto(site_url + "/fr/")
    _tab_to(page, lambda focused: focused["text"] == "Mission et actions")
    page.keyboard.press("Enter")
    page.wait_for_url(site_url + "/fr/mission-et-actions/")


def test_language_switcher_works_by_keyboard_alone(page, site_url):
    page.goto(site_url + "/fr/mission-et-actions/")
    _tab_to(page, lambda focused: focused["text"] == "English")
    page.keyboard.press("Enter")
    page.wait_for_url(site_url + "/en/mission-and-activities/")
    _tab_to(page, lambda focused: focused["text"] == "Français")
    page.keyboard.press("Enter")
    page.wait_for_url(site_url + "/fr/mission-et-actions/")


def test_project_filters_work_by_keyboard_alone(page, site_url):
    page.goto(site_url + "/fr/projets/")
    _tab_to(page, lambda focused: focused["id"] == "id_country")
    page.keyboard.type("H")  # a closed list picks the option that starts with the letter
    assert page.locator("#id_country").input_value() == "ht"
    _tab_to(page, lambda focused: focused["id"] == "id_status", limit=3)
    page.keyboard.type("T")  # Terminé
    assert page.locator("#id_status").input_value() == "completed"
    _tab_to(page, lambda focused: focused["id"] == "id_year_from", limit=2)
    page.keyboard.type("2005")
    focused = _tab_to(page, lambda focused: focused["tag"] == "button", limit=3)
    assert focused["text"] == "Afficher les projets" and focused["ring"]
    page.keyboard.press("Enter")
    page.wait_for_url("**/fr/projets/?country=ht&kind=&status=completed&year_from=2005&year_to=")
    assert page.locator(".project-card__title").all_inner_texts() == [
        "Konbit pour une construction démocratique et solidaire d’Haïti"
    ]
    # The way back to every project is reached by keyboard too.
    _tab_to(page, lambda focused: focused["text"] == "Effacer les filtres")
    page.keyboard.press("Enter")
    page.wait_for_url(site_url + "/fr/projets/")


def test_pages_work_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "/fr/")
    page.get_by_role("link", name="Mission et actions").first.click()
    page.wait_for_url(site_url + "/fr/mission-et-actions/")
    page.get_by_role("link", name="English").click()
    page.wait_for_url(site_url + "/en/mission-and-activities/")
    context.close()


def test_the_accessibility_check_catches_a_violation(page, site_url):
    """Guards the check itself: an image without alt text on the page must be reported."""
    page.goto(site_url + "/fr/")
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/x.png\">')"
    )
    results = Axe().run(page, options=WCAG_AA)
    assert "image-alt" in {violation["id"] for violation in results.response["violations"]}


def test_a_milestone_can_be_linked_to(page, site_url):
    page.goto(site_url + "/en/history/")
    anchor = page.locator(".timeline__item").nth(1).get_attribute("id")
    page.goto(f"{site_url}/en/history/#{anchor}")
    assert page.evaluate("location.hash") == f"#{anchor}"
    assert page.locator(f"#{anchor}").is_visible()
    assert page.locator(f"#{anchor} .timeline__title").inner_text() == "The CISO is founded"


def test_a_milestone_anchor_shows_on_hover_and_on_keyboard_focus(page, site_url):
    page.goto(site_url + "/en/history/")
    items = page.locator(".timeline__item")
    anchor = items.nth(1).get_by_role("link", name="Link to “The CISO is founded”")
    assert anchor.locator("[aria-hidden=true]").inner_text() == "#"

    def opacity(link):
        return link.evaluate("link => getComputedStyle(link).opacity")

    assert opacity(anchor) == "0"  # discreet: not a line under every milestone
    # By keyboard: from the anchor of the milestone before, Tab reaches it, and it shows.
    items.nth(0).locator(".timeline__anchor").focus()
    page.keyboard.press("Tab")
    assert anchor.evaluate("link => link === document.activeElement")
    assert opacity(anchor) == "1"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#" + items.nth(1).get_attribute("id")
    # With the mouse: over a milestone, its anchor shows.
    other = items.nth(3).locator(".timeline__anchor")
    assert opacity(other) == "0"
    items.nth(3).hover()
    assert opacity(other) == "1"


def test_timeline_reads_well_on_a_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(site_url + "/fr/historique/")
    # Nothing wider than the screen: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()


def test_project_filters_work_by_keyboard_and_make_a_bookmarkable_address(page, site_url):
    page.goto(site_url + "/fr/projets/")
    page.get_by_label("Pays", exact=True).focus()
    page.keyboard.press("ArrowDown")  # the first country after "Tous les pays"
    page.get_by_label("Pays", exact=True).select_option("ht")
    page.get_by_label("État").select_option("completed")
    page.get_by_role("button", name="Afficher les projets").press("Enter")
    page.wait_for_url("**/fr/projets/?country=ht&*status=completed*")
    titles = page.locator(".project-card__title").all_inner_texts()
    assert titles == ["Konbit pour une construction démocratique et solidaire d’Haïti"]
    # The same address in English gives the same selection.
    page.get_by_role("navigation", name="Langue").get_by_role("link", name="English").click()
    page.wait_for_url("**/en/projects/?country=ht*")
    assert page.locator(".project-card__title").all_inner_texts() == [
        "Konbit for a democratic and united Haiti"
    ]


def test_map_markers_lead_to_the_country_pages(page, site_url):
    page.goto(site_url + "/en/projects/")
    page.locator(".partner-map__markers--wide a", has_text="Haiti").click()
    page.wait_for_url(site_url + "/en/projects/countries/haiti/")
    assert page.locator("h1").inner_text() == "Haiti"


def test_search_from_the_header_by_keyboard(page, site_url):
    page.goto(site_url + "/en/history/")
    field = page.get_by_role("search").get_by_label("Search the site")
    field.fill("unions")
    field.press("Enter")
    page.wait_for_url("**/en/search/?q=unions")
    assert page.locator(".search-result").count() > 0
    assert page.locator(".search-result mark").first.inner_text().lower().startswith("union")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Français").click()
    page.wait_for_url("**/fr/recherche/?q=unions")


def test_a_video_loads_its_player_only_when_the_visitor_asks(page, site_url):
    from tests.news.factories import add_article

    article = add_article(
        slug_en="with-video",
        body_en=[
            {
                "type": "video",
                "value": {"url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "title": "A talk"},
            }
        ],
    )
    asked = []
    # The player's site is not reached from here: answer for it, and note what was asked.
    page.route(
        "https://www.youtube-nocookie.com/**",
        lambda route: (asked.append(route.request.url), route.fulfill(body="<p>player</p>")),
    )
    assert article.live
    page.goto(site_url + "/en/news/with-video/")
    button = page.get_by_role("button", name="Play it here (loads YouTube’s player)")
    assert button.is_visible() and not asked
    assert page.locator("iframe").count() == 0
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    button.click()
    frame = page.locator("iframe.video__player")
    assert frame.get_attribute("src") == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    assert frame.get_attribute("title") == "A talk"
    page.wait_for_timeout(200)
    assert asked == ["https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"]
