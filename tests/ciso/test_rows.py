"""ciso/rows.py: rows read with hand-written SQL are the instances that the ORM builds."""

import pytest
from wagtail.models import Page, Site

from ciso import rows
from ciso.models import HomePage, SiteSettings, StandardPage

pytestmark = pytest.mark.django_db


def fields(instance):
    return {f.attname: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields}


@pytest.mark.parametrize("model", [Page, HomePage, StandardPage])
def test_a_page_read_by_hand_equals_the_orms(model):
    expected = model.objects.order_by("path").first()
    assert expected is not None
    columns = rows.columns(model)
    sql = (
        f"SELECT {columns.sql}, 42 FROM {rows.specific_join(model)} "
        'WHERE "wagtailcore_page"."id" = %s'
    )
    [(found, extra)] = rows.fetch(sql, [expected.pk], columns)
    assert type(found) is model and extra == 42
    assert fields(found) == fields(expected)
    assert not found._state.adding and found._state.db == "default"
    # Converted as the ORM converts: a StreamField is a StreamValue, not JSON text.
    if model is not Page:
        assert type(found.body) is type(expected.body)
        assert list(found.body.raw_data) == list(expected.body.raw_data)


def test_the_site_settings_come_with_the_footers_pages():
    site = Site.objects.get(is_default_site=True)
    expected = SiteSettings.base_queryset().get(site=site)
    assert expected.contact_page_id and expected.privacy_page_id  # the initial content's
    found = SiteSettings.for_site(site)
    assert fields(found) == fields(expected)
    assert fields(found.contact_page) == fields(expected.contact_page)
    assert fields(found.privacy_page) == fields(expected.privacy_page)


def test_settings_without_footer_pages_or_without_a_row():
    site = Site.objects.get(is_default_site=True)
    SiteSettings.objects.filter(site=site).update(contact_page=None, privacy_page=None)
    found = SiteSettings.for_site(site)
    assert found.contact_page is None and found.privacy_page is None
    SiteSettings.objects.all().delete()
    created = SiteSettings.for_site(site)  # made as Wagtail makes it
    assert created.pk and SiteSettings.objects.get().site == site
