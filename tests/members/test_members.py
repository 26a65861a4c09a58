"""The members: kinds of member and member organisations as moderated snippets, the members
page (who the members are, how to join, the published members by kind), its section on the home
page, the search, the page cache and the editorial roles."""

import pytest
from wagtail.models import WorkflowState

from ciso.editorial.roles import EDITORS, TRANSLATORS
from ciso.editorial.translation_status import report_rows
from members.models import MemberKind, MemberOrganisation, MembersPage
from members.selectors import HOME_MEMBERS, directory
from tests.members.factories import add_member, kind, logo
from tests.users import signed_in

pytestmark = pytest.mark.django_db

PAGE = {"fr": "/fr/membres/", "en": "/en/members/"}


@pytest.fixture
def unions():
    return kind("Syndicats locaux")


@pytest.fixture
def federations():
    return kind("Centrales syndicales")


def _members_section(doc):
    """The home page's members section (its heading names it), or None."""
    for section in doc.select("section.section--band"):
        if section.h2.get_text(strip=True) in ("Nos membres", "Our members"):
            return section
    return None


# The initial content ------------------------------------------------------------------------


def test_the_initial_content_has_the_kinds_and_the_page_in_both_languages():
    names = [(k.name_fr, k.name_en) for k in MemberKind.objects.all()]
    assert names == [
        ("Centrales syndicales", "Labour federations"),
        ("Syndicats locaux", "Local unions"),
        ("Groupes communautaires", "Community groups"),
    ]
    page = MembersPage.objects.get()
    for language in ("fr", "en"):
        for field in ("title", "intro", "image_alt", "search_description"):
            assert getattr(page, f"{field}_{language}"), (field, language)
        types = [block.block_type for block in getattr(page, f"body_{language}")]
        assert types[-1] == "call_to_action"
    # The facts name no member organisation: none is invented.
    assert not MemberOrganisation.objects.exists()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_without_members_the_page_says_who_they_are_and_how_to_join(client, html, language):
    doc = html(client.get(PAGE[language]))
    assert doc.h1.get_text() == {"fr": "Membres", "en": "Members"}[language]
    join = doc.select_one(".call-to-action a.button")
    assert join["href"] == {"fr": "/fr/nous-joindre/", "en": "/en/contact/"}[language]
    # No heading over an empty list.
    assert not doc.select(".member-directory")
    assert "80" in doc.select_one(".lead").get_text()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_home_page_invites_to_join_even_before_members_are_entered(client, html, language):
    section = _members_section(html(client.get(f"/{language}/")))
    assert section is not None
    assert not section.select(".member-wall")
    link = section.select_one(".section__more a")
    assert link["href"] == PAGE[language]
    assert link.get_text() == {"fr": "Devenir membre", "en": "Become a member"}[language]


# The members page ---------------------------------------------------------------------------


def test_published_members_are_listed_by_kind_with_their_number(client, html, unions, federations):
    add_member(unions, name="Syndicat des Œuvres")
    add_member(unions, name="Alliance locale", acronym="AL", website="https://al.example.org/")
    add_member(federations, name="Fédération d’essai", logo=logo("FE"))
    add_member(unions, name="Brouillon jamais publié", live=False)

    doc = html(client.get("/fr/membres/"))
    directory_section = doc.select_one(".member-directory")
    assert directory_section.h2.get_text(strip=True) == "Organisations membres"
    groups = directory_section.select(".member-group")
    # The kinds in their order (federations first), each with its number, the members by name.
    assert [g.h3.get_text(" ", strip=True) for g in groups] == [
        "Centrales syndicales (1)",
        "Syndicats locaux (2)",
    ]
    names = [m.get_text(" ", strip=True) for m in groups[1].select(".member__name")]
    assert names == ["Alliance locale (AL)", "Syndicat des Œuvres"]
    assert groups[1].select_one(".member__name a")["href"] == "https://al.example.org/"
    # The logo stands beside the name that says what it shows.
    logo_img = groups[0].select_one(".member__logo img")
    assert logo_img["alt"] == "" and logo_img["src"].startswith("/media/")
    assert "Brouillon" not in doc.get_text()


def test_an_untranslated_kind_shows_its_french_name_marked_as_french(client, html, unions):
    unions.name_en = ""
    unions.save()
    add_member(unions, name="Syndicat d’ici")
    doc = html(client.get("/en/members/"))
    heading = doc.select_one(".member-group h3")
    assert heading.span.get_text() == "Syndicats locaux" and heading.span["lang"] == "fr"
    assert doc.select_one(".member-directory h2").get_text(strip=True) == "Member organisations"


def test_the_directory_is_one_query_however_many_members(
    unions, federations, django_assert_num_queries
):
    image = logo("X")
    for n in range(30):
        add_member(unions if n % 2 else federations, logo=image if n % 3 else None)
    with django_assert_num_queries(1):
        found = directory()
        assert found.count == 30
        # Kinds, logos and their renditions came with the members.
        assert all(m.kind.name and (m.logo is None or m.logo.title) for g in found.groups
                   for m in g.members)  # fmt: skip
    assert len(found.highlights) == HOME_MEMBERS
    assert all(m.logo for m in found.highlights)  # 20 of the 30 have a logo: those first


def test_the_pages_cost_the_same_queries_with_10_and_200_members(
    client, unions, federations, django_assert_max_num_queries
):
    def queries(url):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    image = logo("L")
    for _n in range(10):
        add_member(unions, logo=image)
    counts = {url: queries(url) for url in ("/fr/", "/en/members/")}
    MemberOrganisation.objects.bulk_create(
        MemberOrganisation(name=f"Syndicat {n}", kind=federations, logo=image, live=True)
        for n in range(190)
    )
    assert {url: queries(url) for url in counts} == counts
    assert counts["/en/members/"] <= 10 and counts["/fr/"] <= 10


# The home page ------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_home_page_shows_the_members_logos_first_then_their_names(
    client, html, unions, federations, language
):
    add_member(unions, name="Zèbre syndical", logo=logo("Z"))
    add_member(unions, name="Écoles en lutte")
    add_member(federations, name="Alliance", logo=logo("A"))
    add_member(unions, name="Brouillon", logo=logo("B"), live=False)
    section = _members_section(html(client.get(f"/{language}/")))
    tiles = section.select(".member-wall li")
    # A logo alone names its organisation: its alt text is the name.
    assert [tile.img["alt"] if tile.img else tile.get_text(strip=True) for tile in tiles] == [
        "Alliance",
        "Zèbre syndical",
        "Écoles en lutte",
    ]
    # No number of members beside "close to 80 unions" while staff are entering them.
    assert not section.select(".member-group__count")


def test_names_are_in_alphabetical_order_accents_aside(client, html, unions):
    for name in ("Zénith", "École", "eau", "Éloi", "Abeille"):
        add_member(unions, name=name)
    doc = html(client.get("/fr/membres/"))
    names = [n.get_text(strip=True) for n in doc.select(".member__name")]
    assert names == ["Abeille", "eau", "École", "Éloi", "Zénith"]


@pytest.mark.parametrize("url", ["/fr/membres/", "/fr/"])
def test_the_cached_pages_follow_the_members_and_kinds(client, settings, unions, url):
    settings.CISO_PAGE_CACHE = True

    def shown():
        response = client.get(url)
        return "Syndicat tout neuf" in response.content.decode(), response["X-Page-Cache"]

    assert shown() == (False, "miss") and shown() == (False, "hit")
    member = add_member(unions, name="Syndicat tout neuf", live=False)
    assert shown() == (False, "miss")  # a new row empties the cache, as any save does
    # A draft changes nothing public, and empties nothing.
    member.save_revision()
    assert shown() == (False, "hit")
    member.save_revision().publish()
    assert shown() == (True, "miss")
    unions.unpublish()
    assert shown() == (False, "miss")
    unions.save_revision().publish()
    assert shown() == (True, "miss")
    member.refresh_from_db()  # published from its revision: live in the database
    member.unpublish()
    assert shown() == (False, "miss")
    member.save_revision().publish()
    assert shown() == (True, "miss")
    member.delete()
    assert shown() == (False, "miss")


# Search -------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_members_name_finds_the_members_page(client, html, unions, language):
    add_member(unions, name="Syndicat des débardeurs", acronym="SDD")
    draft = add_member(unions, name="Syndicat des cartographes", live=False)
    search = {"fr": "/fr/recherche/", "en": "/en/search/"}[language]

    def found(query):
        doc = html(client.get(search, {"q": query}))
        return [a["href"] for a in doc.select(".search-result__title a")]

    assert PAGE[language] in found("débardeurs")
    assert PAGE[language] in found("SDD")
    assert PAGE[language] not in found("cartographes")
    draft.delete()
    MemberOrganisation.objects.get(acronym="SDD").delete()
    assert PAGE[language] not in found("débardeurs")


# The admin ----------------------------------------------------------------------------------


def test_an_editor_adds_and_publishes_a_member_organisation(client, unions):
    signed_in(client, "editor", "fr", EDITORS)
    url = "/admin/snippets/members/memberorganisation/add/"
    page = client.get(url)
    assert page.status_code == 200 and "Organisation membre" in page.content.decode()
    data = {"name": "Syndicat ajouté", "acronym": "", "kind": unions.pk, "website": ""}
    response = client.post(url, {**data, "action-publish": "1"})
    assert response.status_code == 302
    member = MemberOrganisation.objects.get(name="Syndicat ajouté")
    assert member.live and member.live_revision
    assert "Syndicat ajouté" in client.get("/fr/membres/").content.decode()


def test_a_bad_website_is_refused_in_the_editors_language(client, unions):
    signed_in(client, "editor", "fr", EDITORS)
    url = "/admin/snippets/members/memberorganisation/add/"
    data = {"name": "Syndicat", "kind": unions.pk, "website": "pas une adresse"}
    response = client.post(url, {**data, "action-publish": "1"})
    assert response.status_code == 200
    assert "Saisissez une URL valide" in response.content.decode()
    assert not MemberOrganisation.objects.filter(name="Syndicat").exists()


def test_a_translator_translates_a_kind_through_moderation_and_sees_no_organisation(client, unions):
    signed_in(client, "translator", "en", TRANSLATORS)
    # Nothing to translate in an organisation: its name is its own.
    assert client.get("/admin/snippets/members/memberorganisation/").status_code in (302, 403)
    url = f"/admin/snippets/members/memberkind/edit/{unions.pk}/"
    data = {"name_fr": unions.name_fr, "name_en": "Local trade unions", "action-submit": "1"}
    assert client.post(url, data).status_code == 302
    unions.refresh_from_db()
    # Submitted to the moderators: the public name stays until they approve.
    assert unions.name_en == "Local unions"
    draft = unions.get_latest_revision_as_object()
    assert draft.name_en == "Local trade unions"
    assert WorkflowState.objects.filter(object_id=str(unions.pk), status="in_progress").exists()


def test_a_kind_without_english_is_in_the_translation_report(unions):
    unions.name_en = ""
    unions.save()
    rows = [row for row in report_rows() if row.title == "Syndicats locaux"]
    assert [(row.field, row.status) for row in rows] == [("name", "missing")]


def test_a_kind_that_has_members_cannot_be_deleted(unions):
    from django.db.models import ProtectedError

    add_member(unions)
    with pytest.raises(ProtectedError):
        unions.delete()


def test_an_editor_puts_the_kinds_in_the_order_the_page_shows_them(client, html, unions):
    community = kind("Groupes communautaires")
    add_member(unions, name="Syndicat A")
    add_member(community, name="Groupe B")
    signed_in(client, "editor", "fr", EDITORS)
    # A kind added in the admin comes last.
    url = "/admin/snippets/members/memberkind/add/"
    data = {"name_fr": "Fédérations", "name_en": "Federations", "action-publish": "1"}
    assert client.post(url, data).status_code == 302
    added = MemberKind.objects.get(name_fr="Fédérations")
    assert list(MemberKind.objects.all())[-1] == added
    # Moved to the top with Wagtail's reordering.
    move = f"/admin/snippets/members/memberkind/reorder/{community.pk}/?position=0"
    assert client.post(move).status_code == 200
    doc = html(client.get("/fr/membres/"))
    kinds = [h3.span.get_text() for h3 in doc.select(".member-group h3")]
    assert kinds == ["Groupes communautaires", "Syndicats locaux"]


def test_the_members_of_an_unpublished_kind_wait_for_it(client, html, unions):
    add_member(unions, name="Syndicat des horlogers")

    def shown():
        page = "Syndicat des horlogers" in client.get("/fr/membres/").content.decode()
        results = html(client.get("/fr/recherche/", {"q": "horlogers"}))
        found = [a["href"] for a in results.select(".search-result__title a")]
        return page, "/fr/membres/" in found

    assert shown() == (True, True)
    unions.unpublish()
    assert shown() == (False, False) and directory().count == 0
    unions.save_revision().publish()
    assert shown() == (True, True)


def test_a_translators_draft_published_after_a_reordering_keeps_the_new_order(client, unions):
    community = kind("Groupes communautaires")
    unions.name_en = "Local trade unions"
    draft = unions.save_revision()  # a translator's draft, before the reordering
    signed_in(client, "editor", "fr", EDITORS)
    move = f"/admin/snippets/members/memberkind/reorder/{community.pk}/?position=0"
    assert client.post(move).status_code == 200
    draft.publish()
    order = [k.name_fr for k in MemberKind.objects.all()]
    assert order == ["Groupes communautaires", "Centrales syndicales", "Syndicats locaux"]
    assert MemberKind.objects.get(pk=unions.pk).name_en == "Local trade unions"


def test_a_translator_cannot_reorder_the_kinds(client):
    community = kind("Groupes communautaires")
    before = list(MemberKind.objects.values_list("pk", flat=True))
    signed_in(client, "translator", "en", TRANSLATORS)
    index = client.get("/admin/snippets/members/memberkind/").content.decode()
    assert "/reorder/" not in index
    move = f"/admin/snippets/members/memberkind/reorder/{community.pk}/?position=0"
    assert client.post(move).status_code in (302, 403)
    assert list(MemberKind.objects.values_list("pk", flat=True)) == before
