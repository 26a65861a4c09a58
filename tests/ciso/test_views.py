"""Every public page type costs at most 10 queries when it is not cached (a second request:
the process is warm, the page itself is rendered again); the home page too, whatever the
sections staff arrange on it (tests/ciso/test_home.py holds that its cost does not grow with
the content)."""

import pytest
from wagtail.models import PageViewRestriction

from ciso.models import StandardPage
from tests.query_counts import PAGES

pytestmark = pytest.mark.django_db

MAX_QUERIES = 10

URLS = [
    pytest.param(url, id=f"{name} ({url[1:3]})") for name, urls in PAGES.items() for url in urls
]


@pytest.mark.parametrize("url", URLS)
def test_each_page_type_costs_at_most_its_budget(client, django_assert_max_num_queries, url):
    expected = client.get(url).status_code
    assert expected == (404 if url in PAGES["404 page"] else 200)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(url).status_code == expected


@pytest.mark.parametrize("url", URLS)
def test_and_still_when_some_page_is_private(client, django_assert_max_num_queries, url):
    page = StandardPage.objects.get(slug_fr="rqic")
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")
    expected = client.get(url).status_code
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(url).status_code == expected
