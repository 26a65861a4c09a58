"""Every public page type costs at most 10 queries when it is not cached (a second request:
the process is warm, the page itself is rendered again), the home page at most 16: its
sections are blocks that staff arrange (the hero's buttons, cards with pictures, the figures
band, the map of partner countries and the partners, the newest projects), each a fixed
number of queries
(tests/ciso/test_home.py holds that it does not grow with the content)."""

import pytest
from wagtail.models import PageViewRestriction

from ciso.models import StandardPage
from tests.query_counts import PAGES

pytestmark = pytest.mark.django_db

MAX_QUERIES = 10
HOME_MAX_QUERIES = 16


def budget(url):
    return HOME_MAX_QUERIES if url in PAGES["home"] else MAX_QUERIES


URLS = [
    pytest.param(url, id=f"{name} ({url[1:3]})") for name, urls in PAGES.items() for url in urls
]


@pytest.mark.parametrize("url", URLS)
def test_each_page_type_costs_at_most_its_budget(client, django_assert_max_num_queries, url):
    expected = client.get(url).status_code
    assert expected == (404 if url in PAGES["404 page"] else 200)
    with django_assert_max_num_queries(budget(url)):
        assert client.get(url).status_code == expected


@pytest.mark.parametrize("url", URLS)
def test_and_still_when_some_page_is_private(client, django_assert_max_num_queries, url):
    page = StandardPage.objects.get(slug_fr="rqic")
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")
    expected = client.get(url).status_code
    with django_assert_max_num_queries(budget(url)):
        assert client.get(url).status_code == expected
