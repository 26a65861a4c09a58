"""The one-query versions of Wagtail's privacy queries give Wagtail's answers."""

import pytest
from django.db import connection
from wagtail.models import Page, PageViewRestriction

from ciso.models import HomePage, StandardPage
from ciso.queries import (
    IN_PRIVATE_SECTION_SQL,
    ancestor_paths,
    in_private_section,
    public_pages,
    view_restrictions,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    """Under the home page: a private section with a child and a grandchild, a public page
    with a private child, and an alias of that private child."""
    home = HomePage.objects.get()

    def add(parent, slug):
        return parent.add_child(instance=StandardPage(title_fr=slug, slug_fr=slug, slug_en=slug))

    private = add(home, "prive")
    child = add(private, "enfant")
    grandchild = add(child, "petit-enfant")
    public = add(home, "public")
    private_child = add(public, "enfant-prive")
    alias = private_child.create_alias(parent=home, update_slug="alias")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    PageViewRestriction.objects.create(page=private_child, restriction_type="login")
    return {
        "home": home,
        "private": private,
        "child": child,
        "grandchild": grandchild,
        "public": public,
        "private_child": private_child,
        "alias": Page.objects.get(pk=alias.pk),
    }


def test_public_pages_are_wagtails_public_pages(tree):
    pages = Page.objects.all()
    ours = set(public_pages(pages).values_list("pk", flat=True))
    assert ours == set(pages.public().values_list("pk", flat=True))
    # The restricted pages and everything under them are left out; the alias, a page of its
    # own in the tree, is not (as with Wagtail's .public()).
    assert not {tree[key].pk for key in ("private", "child", "grandchild", "private_child")} & ours
    assert {tree["home"].pk, tree["public"].pk, tree["alias"].pk} <= ours


def test_the_sql_of_the_routing_says_the_same(tree):
    # ciso/routing.py writes the rule in SQL (IN_PRIVATE_SECTION_SQL): the same answers.
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT "wagtailcore_page"."id", {IN_PRIVATE_SECTION_SQL} FROM "wagtailcore_page"'
        )
        by_sql = dict(cursor.fetchall())
    by_orm = dict(Page.objects.annotate(private=in_private_section()).values_list("pk", "private"))
    assert by_sql == by_orm
    assert {page.pk for page in tree.values() if by_sql[page.pk]} == {
        tree[key].pk for key in ("private", "child", "grandchild", "private_child")
    }


def test_public_pages_in_the_same_query(tree, django_assert_num_queries):
    with django_assert_num_queries(1):
        list(public_pages(Page.objects.live()))


@pytest.mark.parametrize(
    "key", ["home", "private", "child", "grandchild", "public", "private_child", "alias"]
)
def test_view_restrictions_are_wagtails(tree, key, django_assert_num_queries):
    page = tree[key]
    with django_assert_num_queries(1):
        ours = set(view_restrictions(page))
    assert ours == set(Page.get_view_restrictions(page))


def test_an_alias_has_the_restrictions_of_its_source(tree):
    restrictions = list(view_restrictions(tree["alias"]))
    assert [restriction.page_id for restriction in restrictions] == [tree["private_child"].pk]


def test_ancestor_paths():
    page = Page(path="000100020003", depth=3)
    assert ancestor_paths(page) == ["0001", "00010002", "000100020003"]
    assert ancestor_paths(page, inclusive=False) == ["0001", "00010002"]


def test_a_page_made_private_without_any_signal_is_private_at_once(client):
    """A restore, a data migration or a SQL fix writes a restriction without any signal: the
    page is private on the next request all the same (privacy is never read from a cache)."""
    assert client.get("/fr/mission-et-actions/").status_code == 200
    page = StandardPage.objects.get(slug_fr="mission-et-actions")
    PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page=page, restriction_type=PageViewRestriction.LOGIN)]
    )
    response = client.get("/fr/mission-et-actions/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_public_pages_leave_out_a_page_made_private_without_any_signal():
    list(public_pages(Page.objects.live()))  # as a request would, before the change
    page = StandardPage.objects.get(slug_fr="mission-et-actions")
    PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page=page, restriction_type=PageViewRestriction.LOGIN)]
    )
    assert page.pk not in set(public_pages(Page.objects.live()).values_list("pk", flat=True))


def test_a_query_run_again_and_again_is_prepared_once_on_its_connection():
    # ciso/settings.py: psycopg's prepared statements, after five runs of the same SQL.
    def prepared():
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_prepared_statements")
            return cursor.fetchone()[0]

    before = prepared()
    for _ in range(6):
        list(Page.objects.filter(depth=2).values_list("pk", flat=True))
    assert prepared() == before + 1
