"""Links to pages in rich text: the addresses Wagtail gives, in each language, in one query."""

import pytest
from django.utils import translation
from wagtail.models import Page
from wagtail.rich_text import expand_db_html, features

from ciso.page_links import PageLinkHandler
from projects.models import ProjectIndexPage

pytestmark = pytest.mark.django_db


def test_it_is_the_handler_of_page_links():
    assert features.get_link_types()["page"] is PageLinkHandler


@pytest.mark.parametrize("language", ["fr", "en"])
def test_links_have_the_pages_addresses_in_each_language(language, django_assert_num_queries):
    pages = list(Page.objects.filter(depth__gte=2).order_by("path"))
    assert len(pages) >= 9
    html = "".join(f'<p><a linktype="page" id="{page.pk}">{page.pk}</a></p>' for page in pages)
    html += '<p><a linktype="page" id="999999">gone</a></p>'
    with translation.override(language):
        expected = "".join(f'<p><a href="{page.specific.url}">{page.pk}</a></p>' for page in pages)
        with django_assert_num_queries(1):
            assert expand_db_html(html) == expected + "<p><a>gone</a></p>"


def test_a_page_addressed_its_own_way_is_loaded_as_wagtail_loads_it(monkeypatch):
    index = ProjectIndexPage.objects.get()

    def get_url_parts(self, request=None):
        site_id, root_url, path = Page.get_url_parts(self, request)
        return site_id, root_url, path + "autrement/"

    monkeypatch.setattr(ProjectIndexPage, "get_url_parts", get_url_parts, raising=False)
    html = f'<a linktype="page" id="{index.pk}">Projets</a>'
    with translation.override("fr"):
        assert expand_db_html(html) == '<a href="/fr/projets/autrement/">Projets</a>'
