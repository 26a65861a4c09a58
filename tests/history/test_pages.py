"""The history and achievements pages, as visitors and staff use them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_factories import ImageFactory

from ciso.models import HomePage, SiteSettings, StandardPage
from history.models import AchievementsPage, Figure, HistoryPage, Milestone
from projects.models import Country, ProjectIndexPage
from projects.selectors import partner_country_count
from tests.dates import dates_in
from tests.projects.factories import add_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def history():
    return HistoryPage.objects.get()


def titles(doc):
    return [h.select_one(".timeline__title").get_text() for h in doc.select(".timeline__item")]


# Where the pages may live


def test_history_and_achievements_live_once_under_the_home_page(history):
    home = HomePage.objects.get()
    standard = StandardPage.objects.get(slug_fr="mission-et-actions")
    for model in (HistoryPage, AchievementsPage):
        assert model in HomePage.allowed_subpage_models()
        assert not model.can_create_at(standard)  # only under the home page
        assert not model.can_create_at(home)  # one per site: it exists already
    assert history.allowed_subpage_models() == []


# What visitors read


def test_history_in_each_language(client, html):
    fr = html(client.get("/fr/historique/"))
    en = html(client.get("/en/history/"))
    assert fr.h1.get_text() == "Historique" and en.h1.get_text() == "History"
    assert titles(fr)[:2] == [
        "Une conférence internationale de solidarité ouvrière à Montréal",
        "Fondation du CISO",
    ]
    assert titles(en)[:2] == [
        "An international workers’ solidarity conference in Montreal",
        "The CISO is founded",
    ]
    assert "Près de 500 travailleuses et travailleurs" in fr.get_text()
    assert "44 delegates" in en.get_text()


def test_dates_are_shown_to_the_precision_known(client, html):
    fr = html(client.get("/fr/historique/"))
    en = html(client.get("/en/history/"))
    fr_dates = [(t["datetime"], t.get_text()) for t in fr.select(".timeline time")]
    en_dates = [(t["datetime"], t.get_text()) for t in en.select(".timeline time")]
    assert fr_dates == [
        ("1975-06", "juin 1975"),
        ("1975", "1975"),
        ("1995", "1995"),
        ("2003", "2003"),
        ("2025-06-03", "3 juin 2025"),
    ]
    assert en_dates == [
        ("1975-06", "June 1975"),
        ("1975", "1975"),
        ("1995", "1995"),
        ("2003", "2003"),
        ("2025-06-03", "3 June 2025"),
    ]


@pytest.mark.parametrize(("url", "language"), [("/fr/historique/", "fr"), ("/en/history/", "en")])
def test_every_date_on_the_page_uses_the_languages_format(client, html, url, language):
    """The timeline's dates and those written in the texts read the same way: "3 June 2025",
    never also "June 3, 2025"."""
    dates = dates_in(html(client.get(url)).select_one("main").get_text(" "), language)
    assert dates and all(right for _date, right in dates), dates


def test_timeline_is_an_ordered_list_with_anchors(client, html, history):
    doc = html(client.get("/en/history/"))
    items = doc.select("ol.timeline > li.timeline__item")
    assert len(items) == history.milestones.count()
    for item in items:
        anchor = item["id"]
        assert item.select_one(f'a[href="#{anchor}"]') is not None
        # The date and the title are read together, in the heading.
        assert item.h3.time is not None


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/en/history/", "Link to “The CISO is founded”"),
        ("/fr/historique/", "Lien vers «\u202fFondation du CISO\u202f»"),
    ],
)
def test_a_milestone_anchor_is_a_discreet_sign_beside_its_heading(client, html, path, name):
    item = html(client.get(path)).select(".timeline__item")[1]
    links = item.select(f'a[href="#{item["id"]}"]')
    assert len(links) == 1
    link = links[0]
    # Beside the heading, not in it: the heading reads as the date and the title alone.
    assert link.find_parent("h3") is None
    assert link.find_previous_sibling("h3") is item.h3
    # The eye sees a "#"; a screen reader hears the link's name, and not the sign.
    shown = link.select_one('[aria-hidden="true"]')
    assert shown.get_text() == "#"
    assert link.select_one(".visually-hidden").get_text() == name
    # No line of its own under the milestone any more.
    assert "Link to" not in item.get_text(" ", strip=True).replace(name, "")
    assert item.select(".timeline__permalink") == []


def test_milestones_are_ordered_by_year_then_by_staff(client, html, history):
    history.milestones.add(Milestone(year=1990, title_fr="Jalon 1990", sort_order=99))
    history.milestones.add(Milestone(year=1975, title_fr="Jalon 1975 en premier", sort_order=-1))
    history.save_revision().publish()
    order = titles(html(client.get("/fr/historique/")))
    assert order[:4] == [
        "Jalon 1975 en premier",
        "Une conférence internationale de solidarité ouvrière à Montréal",
        "Fondation du CISO",
        "Jalon 1990",
    ]
    assert order[4] == "Premiers projets de coopération internationale"


def test_missing_english_milestone_falls_back_to_french_marked_as_french(client, html, history):
    history.milestones.add(
        Milestone(year=2010, title_fr="Séisme en Haïti", text_fr="Le projet est réorganisé.")
    )
    history.save_revision().publish()
    doc = html(client.get("/en/history/"))
    item = next(i for i in doc.select(".timeline__item") if "2010" in i.time.get_text())
    title = item.select_one(".timeline__title")
    assert title.get_text() == "Séisme en Haïti"
    assert title["lang"] == "fr"
    assert item.select_one(".timeline__text")["lang"] == "fr"
    # Translated milestones carry no lang of their own.
    assert "lang" not in doc.select_one(".timeline__title").attrs


def test_a_short_timeline_is_shown_whole(client, html, history):
    doc = html(client.get("/fr/historique/"))
    assert len(doc.select(".timeline__item")) == history.milestones.count() == 5
    assert doc.select(".timeline-decades") == []


def add_milestones(history, years):
    for n, year in enumerate(years):
        history.milestones.add(Milestone(year=year, title_fr=f"Jalon {n}", title_en=f"Step {n}"))
    history.save_revision().publish()


def test_a_long_timeline_is_shown_a_decade_at_a_time(client, html, history):
    """Beyond 30 milestones, the latest decade, and a link to each decade with its count: the
    page stays quick to load and to read, without script."""
    add_milestones(history, [1980 + n % 20 for n in range(30)])  # 20 in the 1980s, 10 in the 1990s
    doc = html(client.get("/fr/historique/"))
    decades = doc.select(".timeline-decades a")
    assert [" ".join(a.get_text().split()) for a in decades] == [
        "Années 1970 (2 jalons)",
        "Années 1980 (20 jalons)",
        "Années 1990 (11 jalons)",
        "Années 2000 (1 jalon)",
        "Années 2020 (1 jalon)",
    ]
    # The latest decade by default, at the page's own address.
    assert [a.get("aria-current") for a in decades] == [None, None, None, None, "page"]
    assert decades[-1]["href"] == "/fr/historique/"
    assert [t["datetime"] for t in doc.select(".timeline time")] == ["2025-06-03"]
    assert decades[2]["href"] == "?decade=1990"
    nineties = html(client.get("/fr/historique/?decade=1990"))
    years = [t["datetime"] for t in nineties.select(".timeline time")]
    assert years == [
        "1990",
        "1991",
        "1992",
        "1993",
        "1994",
        "1995",
        "1995",
        "1996",
        "1997",
        "1998",
        "1999",
    ]
    assert nineties.select_one('.timeline-decades a[aria-current="page"]')["href"] == "?decade=1990"
    en = html(client.get("/en/history/?decade=1970"))
    assert " ".join(en.select_one(".timeline-decades a").get_text().split()) == (
        "The 1970s (2 milestones)"
    )
    assert titles(en) == [
        "An international workers’ solidarity conference in Montreal",
        "The CISO is founded",
    ]


@pytest.mark.parametrize(
    ("query", "shown", "understood"),
    [
        ("?decade=1960", "2025-06-03", ""),
        ("?decade=abc", "2025-06-03", ""),
        ("?decade=", "2025-06-03", ""),
        ("?decade=1990&x=1", "1990", "decade=1990"),  # x is not understood: not cached
    ],
)
def test_an_address_for_a_decade_the_timeline_lacks_shows_the_latest(
    client, html, history, query, shown, understood
):
    add_milestones(history, [1990] * 30)
    response = client.get(f"/en/history/{query}")
    assert response.status_code == 200
    assert [t["datetime"] for t in html(response).select(".timeline time")][0] == shown
    assert response.understood_query == understood


def test_milestone_links_to_a_page_and_the_booklet_downloads(client, html):
    doc = html(client.get("/en/history/"))
    assert doc.select_one('.timeline__link a[href="/en/mission-and-activities/"]')
    link = doc.select_one(".document-link a")
    assert "(in French)" in link.get_text()
    response = client.get(link["href"])
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-1.4")


def test_history_and_achievements_are_in_the_menu_and_link_each_other(client, html):
    fr = html(client.get("/fr/historique/"))
    menu = [a.get_text() for a in fr.select(".main-nav a")]
    assert "Historique" in menu and "Réalisations" in menu
    assert fr.select_one('main a[href="/fr/realisations/"]')
    en = html(client.get("/en/achievements/"))
    assert en.select_one('main a[href="/en/history/"]')


def test_achievement_figures_in_each_language(client, html):
    fr = html(client.get("/fr/realisations/"))
    en = html(client.get("/en/achievements/"))
    fr_phrases = [p.get_text() for p in fr.select(".figure-card__phrase")]
    en_phrases = [p.get_text() for p in en.select(".figure-card__phrase")]
    assert fr_phrases[:3] == [
        "Plus d’une cinquantaine de tournées avec des invité-e-s du Sud",
        "Une quarantaine de stages de courte durée dans une dizaine de pays",
        "Une dizaine de stages de longue durée pour des jeunes",
    ]
    assert "More than fifty speaking tours with guests from the Global South" in en_phrases
    assert "Several hundred training sessions" in en_phrases
    assert [h.get_text() for h in en.select(".figure-card__headline")][:2] == ["50+", "About 40"]
    assert [h.get_text() for h in fr.select(".figure-card__headline")][:2] == [
        "50+",
        "Une quarantaine",
    ]
    assert not any("~" in h.get_text() for h in fr.select(".figure-card__headline"))
    assert all(h["aria-hidden"] == "true" for h in en.select(".figure-card__headline"))


def test_years_of_activity_are_computed(client, html):
    years = datetime.date.today().year - 1975
    en = html(client.get("/en/achievements/"))
    assert f"{years} years of international solidarity" in [
        p.get_text() for p in en.select(".figure-card__phrase")
    ]


def _figure(doc, words):
    """The headline and phrase of the figure card whose phrase holds `words`."""
    for card in doc.select(".figure-card"):
        phrase = card.select_one(".figure-card__phrase").get_text()
        if words in phrase:
            return card.select_one(".figure-card__headline").get_text(), phrase
    raise AssertionError(f"No figure says {words!r}")


def test_the_countries_figure_counts_the_countries_where_partners_were_supported(client, html):
    """The seven countries of the CISO's history, though only two have project pages."""
    assert Country.objects.filter(projects__isnull=False).distinct().count() == 2
    fr = html(client.get("/fr/realisations/"))
    en = html(client.get("/en/achievements/"))
    assert _figure(fr, "pays où") == ("7", "Sept pays où le CISO a appuyé des partenaires")
    assert _figure(en, "countries where") == (
        "7",
        "Seven countries where the CISO has supported partners",
    )
    # The same countries as on the map of the projects.
    markers = html(client.get("/fr/projets/")).select(".partner-map__markers--wide a")
    assert len(markers) == 7


def _country(iso_code, *, live=True):
    return Country.objects.create(
        name_fr=f"Pays {iso_code}",
        slug_fr=f"pays-{iso_code.lower()}",
        iso_code=iso_code,
        region="other",
        latitude=0,
        longitude=0,
        live=live,
    )


def test_every_published_country_counts_with_or_without_projects_or_partners():
    Country.objects.update(live=False)
    countries = [_country(iso_code) for iso_code in ("QA", "QB", "QC", "QD", "QE", "QF", "QG")]
    _country("QH", live=False)  # a draft waiting for a moderator does not count yet
    index = ProjectIndexPage.objects.get()
    add_project(index, country=countries[0], start_year=2001)
    add_project(index, country=countries[1], start_year=2002)
    add_project(index, country=countries[1], start_year=2003)
    assert partner_country_count() == 7


def test_no_figure_is_about_the_website(client, html):
    page = AchievementsPage.objects.get()
    assert "projects" not in {figure.source for figure in page.figures.all()}
    for path in ("/fr/realisations/", "/en/achievements/"):
        text = html(client.get(path)).select_one(".figures").get_text(" ")
        assert "site" not in text, text


def test_a_figure_computed_from_a_kind_that_is_gone_is_left_out(client, html):
    """A figure restored from an old revision names a kind the site no longer computes."""
    page = AchievementsPage.objects.get()
    page.figures.add(Figure(source="projects", label_fr="projets", label_en="projects"))
    page.save_revision().publish()
    response = client.get("/en/achievements/")
    assert response.status_code == 200
    assert len(html(response).select(".figure-card")) == page.figures.count() - 1


def test_a_computed_figure_without_its_data_is_left_out(client, html):
    SiteSettings.objects.update(founding_year=None)
    en = html(client.get("/en/achievements/"))
    assert not any("years of" in p.get_text() for p in en.select(".figure-card__phrase"))


def test_figure_missing_in_english_is_worded_in_french(client, html):
    page = AchievementsPage.objects.get()
    page.figures.add(Figure(qualifier="about", number=20, label_fr="tournées au Mexique"))
    page.save_revision().publish()
    en = html(client.get("/en/achievements/"))
    phrase = next(p for p in en.select(".figure-card__phrase") if "Mexique" in p.get_text())
    assert phrase.get_text() == "Une vingtaine de tournées au Mexique"
    assert phrase["lang"] == "fr"


# Validation of what staff enter


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"day": 3}, "day"),
        ({"month": 2, "day": 30}, "day"),
    ],
)
def test_milestone_dates_must_exist(history, fields, error_field):
    milestone = Milestone(page=history, year=1999, title_fr="x", **fields)
    with pytest.raises(ValidationError) as error:
        milestone.full_clean()
    assert error_field in error.value.message_dict


def test_milestone_image_needs_alt_text(history, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    milestone = Milestone(page=history, year=1999, title_fr="x", image=ImageFactory())
    with pytest.raises(ValidationError) as error:
        milestone.full_clean()
    assert set(error.value.message_dict) == {"image_alt_fr"}  # no English title
    milestone.title_en = "y"
    with pytest.raises(ValidationError) as error:
        milestone.full_clean()
    assert set(error.value.message_dict) == {"image_alt_fr", "image_alt_en"}
    milestone.image_alt_fr, milestone.image_alt_en = "Une photo", "A photo"
    milestone.full_clean()


def test_figure_with_a_number_qualifier_needs_a_number():
    figure = Figure(page=AchievementsPage.objects.get(), qualifier="about", label_fr="stages")
    with pytest.raises(ValidationError) as error:
        figure.full_clean()
    assert "number" in error.value.message_dict


# Cost


def test_history_queries_do_not_grow_with_the_number_of_milestones(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    history = HistoryPage.objects.get()
    pages = list(StandardPage.objects.all())
    document = get_document_model().objects.first()

    def count_with(n):
        history.milestones = [
            Milestone(
                year=1975 + i % 50,
                title_fr=f"Jalon {i}",
                title_en=f"Milestone {i}",
                image=ImageFactory() if i % 2 else None,
                image_alt_fr="Photo",
                link_page=pages[i % len(pages)] if i % 3 == 0 else None,
                link_document=document if i % 3 == 1 else None,
            )
            for i in range(n)
        ]
        history.save_revision().publish()
        client.get("/en/history/")  # the first view makes the renditions
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/en/history/")
        # All of them, or those of the latest decade (2020–2024: a tenth of them).
        assert response.content.count(b'class="timeline__item"') == (n if n <= 30 else n // 10)
        return len(queries)

    assert count_with(5) == count_with(100) <= 10


def test_the_figures_are_read_in_one_query_as_the_orm_reads_them():
    page = AchievementsPage.objects.get()
    page.figures.add(Figure(qualifier="about", number=20, label_fr="tournées", sort_order=-1))
    page.save_revision().publish()
    page = AchievementsPage.objects.get()
    with CaptureQueriesContext(connection) as queries:
        rows = page.figure_rows()
    assert len(queries) == 1
    fields = [f.attname for f in Figure._meta.concrete_fields]
    # By their order, and those without one (the initial content's) as they were added.
    as_orm = [
        [getattr(f, name) for name in fields] for f in page.figures.order_by("sort_order", "id")
    ]
    assert [[getattr(f, name) for name in fields] for f in rows] == as_orm
    assert rows[0].label == "tournées"


# Staff in the admin


def _edit_form_data(history, new_milestone, action="action-publish"):
    """The admin edit form of the history page, as posted, with one milestone added."""
    existing = list(history.milestones.all())
    forms = [
        {
            "id": m.pk,
            "year": m.year,
            "month": m.month or "",
            "day": m.day or "",
            "title_fr": m.title_fr,
            "title_en": m.title_en,
            "text_fr": m.text_fr,
            "text_en": m.text_en,
            "ORDER": i,
        }
        for i, m in enumerate(existing)
    ]
    forms.append({"text_fr": "", "text_en": "", "ORDER": len(existing), **new_milestone})
    data = {
        "title_fr": history.title_fr,
        "title_en": history.title_en,
        "slug_fr": history.slug_fr,
        "slug_en": history.slug_en,
        "intro_fr": rich_text(history.intro_fr),
        "intro_en": rich_text(history.intro_en),
        "body_fr": streamfield([]),
        "body_en": streamfield([]),
        "milestones": inline_formset(forms, initial=len(existing)),
    }
    if action:
        data[action] = "publish"
    return nested_form_data(data)


KONBIT = {
    "year": 2009,
    "month": 2,
    "day": 23,
    "title_fr": "Signature du projet Konbit",
    "title_en": "The Konbit project is signed",
}


def test_staff_add_a_milestone_in_both_languages(staff_client, history):
    edit_url = f"/admin/pages/{history.pk}/edit/"
    assert 'name="milestones-0-title_en"' in staff_client.get(edit_url).content.decode()
    response = staff_client.post(edit_url, _edit_form_data(history, KONBIT))
    assert response.status_code == 302, response.context["form"].errors
    dates = [(t["datetime"], t.get_text()) for t in _times(staff_client.get("/en/history/"))]
    assert ("2009-02-23", "23 February 2009") in dates
    dates = [(t["datetime"], t.get_text()) for t in _times(staff_client.get("/fr/historique/"))]
    assert ("2009-02-23", "23 février 2009") in dates


def test_staff_preview_an_unsaved_milestone(staff_client, history):
    preview_url = f"/admin/pages/{history.pk}/edit/preview/"
    response = staff_client.post(preview_url, _edit_form_data(history, KONBIT, action=None))
    assert response.json()["is_valid"] is True
    content = staff_client.get(preview_url).content.decode()
    assert "Signature du projet Konbit" in content
    # Nothing was saved: the live page does not have it.
    assert "Konbit" not in staff_client.get("/fr/historique/").content.decode()


def _times(response):
    from bs4 import BeautifulSoup

    return BeautifulSoup(response.content, "html.parser").select(".timeline time")
