"""The home page: the hero and its buttons, the sections staff arrange under it (cards with
pictures, the figures band, a section of the site shown as it presents itself, what is new),
and the footer's settings, in both languages, at a cost that does not grow with the content."""

import datetime

import pytest
from django.db import connection
from django.db.models import F
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.blocks.list_block import ListValue
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage
from wagtail.models import Page, PageViewRestriction, Site
from wagtail_factories import ImageFactory

from ciso import home
from ciso.models import HomePage, SiteSettings, StandardPage
from ciso.queries import in_private_section, public_pages
from news.models import NewsArticlePage
from projects.models import Country, ProjectIndexPage, ProjectPage
from tests.projects.factories import add_project

pytestmark = pytest.mark.django_db


def test_the_hero_says_who_and_offers_two_ways_in(client, html):
    french = ["Découvrir nos projets", "Nous joindre"]
    english = ["See our projects", "Contact us"]
    for path, heading, buttons in [
        ("/fr/", "Solidaires, d’ici et d’ailleurs, depuis 1975", french),
        ("/en/", "Workers here and abroad, standing together since 1975", english),
    ]:
        doc = html(client.get(path))
        hero = doc.select_one(".hero")
        assert hero.select_one("h1").get_text(strip=True) == heading
        assert [a.get_text(strip=True) for a in hero.select(".hero__actions a")] == buttons
        assert "button--secondary" in hero.select(".hero__actions a")[1]["class"]
        # The crop per breakpoint, WebP with a JPEG fallback, described in the page's language.
        sources = hero.select("picture source")
        assert [s.get("media") for s in sources] == ["(min-width: 48rem)", None]
        assert all(s["type"] == "image/webp" for s in sources)
        image = hero.select_one("picture img")
        assert image["src"].endswith(".jpg") and image["fetchpriority"] == "high"
        home = HomePage.objects.get()
        assert image["alt"] == getattr(home, f"image_alt_{path[1:3]}")


def test_a_hero_image_whose_file_is_lost_leaves_the_hero_without_it(client, html):
    home = HomePage.objects.get()
    home.image = ImageFactory()
    home.image.file.name = "original_images/lost.jpg"  # not in the media folder
    home.image.save()
    home.save_revision().publish()
    response = client.get("/fr/")
    assert response.status_code == 200
    assert not html(response).select(".hero picture")


def test_a_home_page_without_a_hero_image_or_text_still_has_its_title(client, html):
    home = HomePage.objects.get()
    home.image = None
    home.hero_heading_fr = home.hero_heading_en = home.hero_text_fr = home.hero_text_en = ""
    home.hero_actions_fr = home.hero_actions_en = []
    home.save_revision().publish()
    doc = html(client.get("/fr/"))
    assert doc.select_one(".hero h1").get_text() == "Centre international de solidarité ouvrière"
    assert not doc.select(".hero picture, .hero__actions, .hero__text")


def test_the_three_axes_have_pictures_and_lead_to_their_pages(client, html):
    doc = html(client.get("/en/"))
    cards = doc.select(".cards__list")[0].select(".card")
    assert [c.select_one(".card__title").get_text(strip=True) for c in cards] == [
        "Education",
        "Cooperation",
        "Sweatshops",
    ]
    for card in cards:
        assert card.select_one(".card__image img")["alt"].startswith("Illustration:")
        assert client.get(card.select_one(".card__title a")["href"]).status_code == 200


def test_the_figures_band_links_to_the_achievements(client, html):
    doc = html(client.get("/fr/"))
    band = doc.select_one(".figures-band")
    values = [v.get_text() for v in band.select(".figures-band__value")]
    assert values == ["1975", "Près de 80", "Plus de 50", "7"]
    assert band.select_one(".section__more a")["href"] == "/fr/realisations/"


def test_the_project_section_shows_its_map_and_countries(client, html):
    doc = html(client.get("/en/"))
    section = doc.select_one(".section--band")
    assert section.select_one("h2").get_text() == "Where our partners are"
    assert section.select_one("svg")
    names = [a.get_text() for a in section.select(".country-list a")]
    assert "Haiti" in names and "Mexico" in names
    partners = [li.get_text(" ", strip=True) for li in section.select(".partner-names li")]
    assert "Frente Auténtico del Trabajo (FAT) · Mexico" in partners
    assert section.select_one(".section__more a")["href"] == "/en/projects/"


def test_a_private_or_unpublished_section_is_left_out(client, html):
    index = ProjectIndexPage.objects.get()
    restriction = PageViewRestriction.objects.create(
        page=index, restriction_type="password", password="x"
    )

    def sections():
        return [h2.get_text() for h2 in html(client.get("/fr/")).select(".section--band h2")]

    assert sections() == ["Nos membres"]
    restriction.delete()
    index.unpublish()
    assert sections() == ["Nos membres"]


def test_what_is_new_lists_the_newest_public_projects_first(client, html):
    index = ProjectIndexPage.objects.get()
    haiti = Country.objects.get(iso_code="HT")
    newest = add_project(index, country=haiti, start_year=2024, title_fr="Le plus récent")
    newest.save_revision().publish()
    private = add_project(index, country=haiti, start_year=2025, title_fr="Réservé")
    private.save_revision().publish()
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    draft = add_project(index, country=haiti, start_year=2025, title_fr="Brouillon", live=False)

    doc = html(client.get("/fr/"))
    latest = doc.select(".section")[-1]
    titles = [t.get_text(strip=True) for t in latest.select(".card__title")]
    assert titles[0] == "Le plus récent"
    assert len(titles) == 3
    assert "Réservé" not in titles and draft.title_fr not in titles
    newest.refresh_from_db()
    shown = datetime.date.fromisoformat(latest.select_one("time")["datetime"])
    assert shown == timezone.localdate(newest.first_published_at)


def test_the_footer_gives_the_contact_page_the_networks_and_the_privacy_page(client, html):
    footer = html(client.get("/en/")).select_one("footer")
    links = {a.get_text(strip=True): a["href"] for a in footer.select("a")}
    assert links["Contact us"] == "/en/contact/"
    assert links["Privacy"] == "/en/privacy/"
    assert "Association québécoise des organismes de coopération internationale" in (
        footer.get_text()
    )
    settings = SiteSettings.objects.get()
    settings.privacy_page.unpublish()
    footer = html(client.get("/en/")).select_one("footer")
    assert "Privacy" not in footer.get_text()


def test_the_cost_does_not_grow_with_the_content(client):
    index = ProjectIndexPage.objects.get()
    haiti = Country.objects.get(iso_code="HT")

    def queries():
        client.get("/fr/")
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/fr/").status_code == 200
        return len(captured)

    before = queries()
    for n in range(30):
        image = ImageFactory()
        project = add_project(
            index,
            country=haiti,
            start_year=1990 + n,
            image=image,
            image_alt_fr="Une photo",
            image_alt_en="A photo",
        )
        project.save_revision().publish()
    assert queries() == before


def test_links_to_a_page_since_unpublished_are_left_out(client, html):
    """The contact page behind the hero's second button, and the CQCAM behind the third card,
    unpublished: the button goes, the card keeps its title without a link."""
    StandardPage.objects.get(slug_fr="nous-joindre").unpublish()
    StandardPage.objects.get(slug_fr="cqcam").unpublish()
    doc = html(client.get("/fr/"))
    assert [a.get_text() for a in doc.select(".hero__actions a")] == ["Découvrir nos projets"]
    third = doc.select(".cards__list")[0].select(".card__title")[2]
    assert third.get_text(strip=True) == "Ateliers de misère" and not third.a
    assert 'href=""' not in doc.decode() and 'href="None"' not in doc.decode()


def test_only_a_section_of_the_site_can_be_shown_as_one():
    from django.core.exceptions import ValidationError

    from ciso.blocks import SectionBlock

    block = SectionBlock()
    value = {"heading": "", "text": "", "link_label": ""}
    index = ProjectIndexPage.objects.get()
    block.clean(block.to_python({**value, "page": index.pk}))
    mission = StandardPage.objects.get(slug_fr="mission-et-actions")
    with pytest.raises(ValidationError):
        block.clean(block.to_python({**value, "page": mission.pk}))


def _representation(stream):
    """A StreamField value as plain data (chosen objects as their pks, an image with its alt
    text for that use), with each object's class."""
    objects = []

    def collect(value):
        if isinstance(value, (Page, AbstractImage)):
            objects.append((type(value), value.pk, getattr(value, "contextual_alt_text", None)))
        for child in getattr(value, "values", lambda: ())():
            collect(child)
        if isinstance(value, (list, ListValue)):
            for child in value:
                collect(child)

    for child in stream:
        collect(child.value)
    return stream.stream_block.get_api_representation(stream), objects


def test_the_blocks_get_the_values_wagtail_would_give_them(rf):
    """The home page's blocks are given their values with their pages and images loaded
    beforehand (ciso/home.py): the same values as Wagtail's own, the same objects."""
    page = HomePage.objects.get()
    request = rf.get("/fr/")
    content = home.load(page, request)
    for ours, wagtails in [
        (content["body"], page.body),
        (content["hero_actions"], page.hero_actions),
    ]:
        assert _representation(ours) == _representation(wagtails)
        assert [child.id for child in ours] == [child.id for child in wagtails]


def test_the_stored_data_is_read_in_each_of_its_formats():
    """Lists stored in Wagtail's older format or its newer one, an image stored by an image
    chooser, a block stored before a field was added to it, a page since deleted, the same
    image chosen twice with two alt texts, an unknown block: each value as Wagtail gives it."""
    image, other = ImageFactory(), ImageFactory()
    mission = StandardPage.objects.get(slug_fr="mission-et-actions")
    card = {"title": "Un", "text": "", "page": mission.pk, "url": ""}
    data = [
        {
            "type": "cards",
            "id": "a",
            "value": {
                "heading": "Anciens",
                "cards": [
                    {
                        **card,
                        "image": {"image": image.pk, "alt_text": "Premier", "decorative": False},
                    },
                    {
                        **card,
                        "image": {"image": image.pk, "alt_text": "Second", "decorative": False},
                    },
                ],
            },
        },
        {
            "type": "cards",
            "id": "b",
            "value": {
                "heading": "Nouveaux",
                "intro": "",
                "cards": [
                    {
                        "type": "item",
                        "id": "c1",
                        "value": {
                            **card,
                            "image": {"image": None, "alt_text": None, "decorative": None},
                        },
                    },
                    {"type": "item", "id": "c2", "value": {**card, "page": 999999}},
                ],
            },
        },
        {"type": "image", "id": "f", "value": {"image": other.pk, "caption": "Légende"}},
        {"type": "latest", "id": "d", "value": {"heading": "Quoi de neuf"}},
        {"type": "unknown", "id": "e", "value": "Laissé de côté"},
    ]
    block = HomePage.body.field.stream_block
    chosen = {Page: set(), get_image_model(): set()}
    home._find_chosen(block, data, chosen)
    assert chosen == {Page: {mission.pk, 999999}, get_image_model(): {image.pk, other.pk}}
    loaded = {
        Page: home._pages(chosen[Page]),
        get_image_model(): home.images_with_renditions(chosen[get_image_model()], []),
    }
    ours = home._value(block, data, loaded)
    wagtails = block.to_python(data)
    assert _representation(ours) == _representation(wagtails)
    first, second = ours[0].value["cards"]
    assert (first["image"].contextual_alt_text, second["image"].contextual_alt_text) == (
        "Premier",
        "Second",
    )
    assert ours[1].value["cards"][1]["page"] is None
    assert [item.id for item in ours[1].value["cards"].bound_blocks] == ["c1", "c2"]
    assert ours[2].value["image"].pk == other.pk
    assert "credit" in ours[2].value and ours[2].value["credit"] == wagtails[2].value["credit"]
    assert ours[3].value["count"] == 3
    assert [child.block_type for child in ours] == ["cards", "cards", "image", "latest"]


def test_more_sections_cost_no_more_queries(client):
    """Staff may add sections with other pages and pictures: the page costs the same."""

    def queries():
        client.get("/en/")
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/").status_code == 200
        return len(captured)

    before = queries()
    page = HomePage.objects.get()
    cards = [child for child in page.body_en if child.block_type == "cards"][0]
    mission = StandardPage.objects.get(slug_fr="mission-et-actions")
    more = {
        "heading": "More",
        "intro": "",
        "cards": [
            {"title": "A", "text": "", "image": ImageFactory(), "page": mission, "url": ""},
            {
                "title": "B",
                "text": "",
                "image": ImageFactory(),
                "page": None,
                "url": "https://example.org/",
            },
        ],
    }
    page.body_en.append(("cards", more))
    page.body_en.append(
        (
            "figures",
            {
                "heading": "Figures",
                "figures": [{"value": "1", "label": "one"}],
                "page": mission,
                "link_label": "",
            },
        )
    )
    page.body_en.append(("cards", cards.value))
    page.save_revision().publish()
    doc = client.get("/en/")
    assert doc.status_code == 200 and b"example.org" in doc.content
    assert queries() == before


def test_a_draft_of_the_home_page_previews_with_its_own_sections(staff_client, html):
    """Staff previewing a revision see its cards, buttons and pictures, not the live ones."""
    page = HomePage.objects.get()
    cards = next(child for child in page.body_fr if child.block_type == "cards")
    cards.value["heading"] = "Nos axes (brouillon)"
    cards.value["cards"][0]["image"] = ImageFactory()
    cards.value["cards"][0]["image"].contextual_alt_text = "Une nouvelle image"
    page.hero_actions_fr[0].value["label"] = "Voir (brouillon)"
    revision = page.save_revision()
    doc = html(staff_client.get(f"/admin/pages/{page.pk}/revisions/{revision.pk}/view/"))
    assert doc.select_one(".cards__list").find_previous("h2").get_text() == "Nos axes (brouillon)"
    assert doc.select_one(".card__image img")["alt"] == "Une nouvelle image"
    assert doc.select_one(".hero__actions a").get_text() == "Voir (brouillon)"
    live = html(staff_client.get("/fr/"))
    assert live.select_one(".hero__actions a").get_text() == "Découvrir nos projets"


def test_the_plain_sql_says_what_the_orm_says(rf):
    """ciso/home.py reads pages in plain SQL: the same privacy as ciso.queries says (a
    restriction on a page or above it), the same newest pages as the ORM gives."""
    index = ProjectIndexPage.objects.get()
    haiti = Country.objects.get(iso_code="HT")
    projects = [
        add_project(index, country=haiti, start_year=2000 + n, title_fr=f"Projet {n}")
        for n in range(4)
    ]
    for project in projects[:3]:
        project.save_revision().publish()
    Page.objects.filter(pk=projects[1].pk).update(first_published_at=None)
    PageViewRestriction.objects.create(page=projects[2], restriction_type="password", password="x")
    mission = StandardPage.objects.get(slug_fr="mission-et-actions")
    PageViewRestriction.objects.create(page=mission, restriction_type="password", password="x")

    pks = set(Page.objects.values_list("pk", flat=True))
    ours = {pk: page.in_private_section for pk, page in home._pages(pks).items()}
    expected = dict(
        Page.objects.annotate(private=in_private_section()).values_list("pk", "private")
    )
    assert ours == expected and any(expected.values())

    request = rf.get("/fr/")
    root = Site.find_for_request(request).root_page
    # The page types listed as new: the projects and the news articles.
    orm = (
        public_pages(Page.objects.live())
        .descendant_of(root)
        .exact_type(ProjectPage, NewsArticlePage)
        .order_by(F("first_published_at").desc(nulls_last=True), "-pk")
    )
    for count in (1, 3, 100):
        newest = home.newest_pages(request, count)
        assert [page.pk for page in newest] == [page.pk for page in orm[:count]]
    assert projects[1].pk == newest[-1].pk  # no publication date: last
    # Each of its own type, with its own fields.
    assert {type(page) for page in newest} == {ProjectPage, NewsArticlePage}
    assert all(page.summary == page.specific.summary for page in newest)


def test_the_sections_render_as_wagtail_gives_them_elsewhere_too(rf, html):
    """Rendered from Wagtail's own values (not loaded beforehand by the home page), "What is
    new" and a section of the site look their content up themselves, with the same result."""
    from ciso.blocks import LatestPagesBlock, SectionBlock

    request = rf.get("/en/")
    index = ProjectIndexPage.objects.get()
    translation.activate("en")
    section = SectionBlock()
    value = section.to_python({"heading": "", "text": "", "page": index.pk, "link_label": ""})
    doc = html(HttpResponse(section.render(value, context={"request": request})))
    assert doc.select_one(".country-list") and doc.select_one("h2").get_text() == index.title
    assert doc.select_one(".section__more a")["href"] == "/en/projects/"

    latest = LatestPagesBlock()
    value = latest.to_python({"heading": "New", "count": 2})
    doc = html(HttpResponse(latest.render(value, context={"request": request})))
    titles = [card.get_text(strip=True) for card in doc.select(".card__title")]
    assert titles == [
        card.title for card in home.news_cards(request, home.newest_pages(request, 2))
    ]
    assert doc.select_one(".card__image img")["alt"]

    index.unpublish()
    value = section.to_python({"heading": "", "text": "", "page": index.pk, "link_label": ""})
    assert not section.render(value, context={"request": request}).strip()
