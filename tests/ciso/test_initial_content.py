"""`load_initial_content` builds the site once and never overwrites what staff changed."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.utils import translation
from modeltranslation.translator import translator
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from ciso.models import HomePage, SiteSettings, StandardPage

pytestmark = pytest.mark.django_db


def load():
    out = io.StringIO()
    call_command("load_initial_content", stdout=out)
    return out.getvalue()


def snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": sum(p.revisions.count() for p in Page.objects.all()),
        "sites": Site.objects.count(),
        "settings": SiteSettings.objects.count(),
        "images": get_image_model().objects.count(),
    }


def test_content_is_in_place_in_both_languages():
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    # Wagtail's welcome page is gone: the home page is the only page under the root.
    assert Page.objects.filter(depth=2).count() == 1
    slugs = {(p.slug_fr, p.slug_en) for p in StandardPage.objects.all()}
    assert slugs == {
        ("mission-et-actions", "mission-and-activities"),
        ("cqcam", "sweatshops-coalition"),
        ("rqic", "rqic"),
        ("nous-joindre", "contact"),
        ("confidentialite", "privacy"),
        ("stages", "internships"),
    }
    for page in StandardPage.objects.all():
        for field in ("title", "intro", "search_description"):
            assert getattr(page, f"{field}_fr"), (page, field)
            assert getattr(page, f"{field}_en"), (page, field)
        assert len(page.body_fr) == len(page.body_en) > 0
        assert page.live and page.url_path_fr and page.url_path_en


def test_the_home_page_invites_action_and_shows_an_image_in_both_languages():
    home = HomePage.objects.get()
    for language in ("fr", "en"):
        assert getattr(home, f"hero_heading_{language}")
        assert getattr(home, f"hero_text_{language}")
        actions = getattr(home, f"hero_actions_{language}")
        assert [action.value["page"].live for action in actions] == [True, True]
        assert getattr(home, f"image_alt_{language}")
        types = [block.block_type for block in getattr(home, f"body_{language}")]
        # The partner countries, the members and the next events: sections of the site.
        assert types[:6] == ["cards", "figures", "section", "section", "section", "latest"]
        cards = getattr(home, f"body_{language}")[0].value["cards"]
        assert all(card["image"] and card["image"].contextual_alt_text for card in cards)
    assert home.image


def test_every_illustrated_page_describes_its_image_in_both_languages():
    from history.models import Milestone
    from projects.models import ProjectPage

    illustrated = [
        *StandardPage.objects.exclude(image=None),
        *ProjectPage.objects.exclude(image=None),
        *Milestone.objects.exclude(image=None),
    ]
    assert len(illustrated) >= 8
    for item in illustrated:
        assert item.image_alt_fr and item.image_alt_en, item


def test_the_footer_settings_name_the_contact_and_privacy_pages_and_the_aqoci():
    settings = SiteSettings.objects.get()
    assert settings.contact_page.slug_fr == "nous-joindre"
    assert settings.privacy_page.slug_fr == "confidentialite"
    for language in ("fr", "en"):
        names = [block.value["name"] for block in getattr(settings, f"affiliations_{language}")]
        assert names == [
            "Association québécoise des organismes de coopération internationale (AQOCI)"
        ]


def test_running_again_creates_nothing():
    before = snapshot()
    output = load()
    assert snapshot() == before
    assert "Created" not in output


def test_running_again_keeps_what_staff_edited():
    page = StandardPage.objects.get(slug_fr="cqcam")
    page.title_en = "Sweatshop coalition (edited by staff)"
    page.intro_fr = "Texte revu par l’équipe."
    page.save_revision().publish()
    settings = SiteSettings.objects.get()
    settings.email = "info@example.org"
    settings.tagline_fr = "Slogan revu"
    settings.save()

    load()

    page.refresh_from_db()
    settings.refresh_from_db()
    assert page.title_en == "Sweatshop coalition (edited by staff)"
    assert page.intro_fr == "Texte revu par l’équipe."
    assert settings.email == "info@example.org"
    assert settings.tagline_fr == "Slogan revu"


def test_a_page_staff_deleted_stays_deleted():
    StandardPage.objects.get(slug_fr="rqic").delete()
    load()
    assert not StandardPage.objects.filter(slug_fr="rqic").exists()


def test_a_page_staff_renamed_is_not_created_again():
    page = StandardPage.objects.get(slug_fr="cqcam")
    page.slug_fr = "coalition-cqcam"
    page.title_fr = "La CQCAM"
    page.save_revision().publish()
    before = snapshot()

    load()

    assert snapshot() == before
    assert StandardPage.objects.filter(slug_en="sweatshops-coalition").count() == 1


def test_content_missing_from_an_older_site_is_added():
    """A site loaded before a part of the content existed gets that part on the next run."""
    from ciso.models import InitialContentRecord
    from history.models import AchievementsPage

    AchievementsPage.objects.get().delete()
    InitialContentRecord.objects.filter(key="history.achievementspage:realisations").delete()
    load()
    assert AchievementsPage.objects.get().slug_en == "achievements"


# Numbers written as words in the initial content's sentences, in both languages.
NUMBER_WORDS = {
    "dix": 10, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
    "ten": 10, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
}  # fmt: skip
AGE = re.compile(
    r"\b(\d+|" + "|".join(NUMBER_WORDS) + r")(?:e|th)?\s+(?:ans|années|years|anniversaire"
    r"|anniversary)\b",
    re.IGNORECASE,
)


def _statements(doc):
    """The texts of a page that each say one thing, and whether each is a computed figure: a
    figure card, a timeline item with its date, and every heading, paragraph and list item
    elsewhere."""
    main = doc.select_one("main")
    for selector, computed in ((".figure-card", True), (".timeline__item", False)):
        for item in main.select(selector):
            yield item.get_text(" ", strip=True), computed
            item.decompose()
    for element in main.select("h1, h2, h3, h4, p, li"):
        yield element.get_text(" ", strip=True), False


def test_no_text_states_an_age_of_the_ciso_that_disagrees_with_its_founding(client, html):
    """A "50 ans" beside a computed "51 ans" reads as a mistake. A number of years is the one
    the site computes, or is said with the year it was true ("in 2025, 50 years"): a text never
    states an age that goes stale."""
    founded = SiteSettings.objects.get().founding_year
    years_now = datetime.date.today().year - founded
    wrong = []
    for page in Page.objects.live().specific().filter(depth__gt=1):
        for language in ("fr", "en"):
            with translation.override(language):
                url = page.url
            for statement, computed in _statements(html(client.get(url))):
                for match in AGE.finditer(statement):
                    number = match.group(1).lower()
                    years = NUMBER_WORDS.get(number) or int(number)
                    if years < 10:  # a duration ("a three-year project"), not an age
                        continue
                    dated = str(founded + years) in statement
                    if not dated and not (computed and years == years_now):
                        wrong.append(f"{url}: {statement}")
    assert wrong == []


def _strings(value):
    """Every text in a field's value: a stream's blocks hold their texts in nested dicts."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)
    elif hasattr(value, "raw_data"):  # a StreamValue
        yield from _strings(list(value.raw_data))
    elif value is not None:
        yield str(value)


def _translated_texts(language):
    """(object, field, text) for every translated field of the content in `language`."""
    for model in translator.get_registered_models():
        names = [n for n in translator.get_options_for_model(model).all_fields if n != "slug"]
        for obj in model._default_manager.all():
            for name in names:
                for text in _strings(getattr(obj, f"{name}_{language}", None)):
                    yield f"{model.__name__} {obj.pk} {name}", text


# French typography: a narrow no-break space (U+202F) before : ; ! ? and inside « ».
FRENCH_SPACING = re.compile(
    r"[ \u00a0\n][:;!?»]|«[ \u00a0\n]|[^\s\u202f][;!?»]|«[^\u202f]|[^\s\u202f]: "
)


def test_french_content_follows_french_typography():
    wrong = [
        (where, text) for where, text in _translated_texts("fr") if FRENCH_SPACING.search(text)
    ]
    assert wrong == []


def test_french_content_writes_approximations_in_words():
    """ "Une quarantaine", never "~40"."""
    assert [(where, text) for where, text in _translated_texts("fr") if "~" in text] == []


def test_english_content_spells_quebec_without_the_accent():
    """English Canadian usage; the French names of organisations keep theirs ("Association
    québécoise", lower case)."""
    assert [(w, text) for w, text in _translated_texts("en") if "Québec" in text] == []


def test_the_internships_have_their_page_from_the_facts_and_the_mission_page_leads_there(
    client, html
):
    internships = StandardPage.objects.get(slug_fr="stages")
    mission = StandardPage.objects.get(slug_fr="mission-et-actions")
    assert internships.get_parent().pk == mission.pk and internships.live
    for language, url, facts in (
        ("fr", "/fr/mission-et-actions/stages/", ["une quarantaine", "Medellín", "2015"]),
        ("en", "/en/mission-and-activities/internships/", ["about forty", "Medellín", "2015"]),
    ):
        doc = html(client.get(url))
        text = doc.select_one("main").get_text(" ")
        assert all(fact in text for fact in facts), (language, text)
        # It invites to apply (the contact page, until the internship form exists).
        contact = {"fr": "/fr/nous-joindre/", "en": "/en/contact/"}[language]
        assert doc.select_one(f'.call-to-action a[href="{contact}"]')
        mission_page = html(client.get(url.rsplit("/", 2)[0] + "/"))
        assert mission_page.select_one(f'.call-to-action a[href="{url}"]')
