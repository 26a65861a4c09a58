"""Fixtures of the projects tests: the initial content's index, countries and partners, and a
way to add projects.

The initial content (loaded once per run) holds two projects: Konbit in Haiti (2009–2012,
completed, partners ICKL and PAPDA) and the COVID-19 project in Mexico (since 2020, status
unknown, no partner).
"""

import pytest

from projects.models import Country, Partner, ProjectIndexPage
from tests.projects.factories import add_project


@pytest.fixture
def index():
    return ProjectIndexPage.objects.get()


@pytest.fixture
def countries():
    """The initial countries by ISO code: countries["HT"]."""
    return {country.iso_code: country for country in Country.objects.all()}


@pytest.fixture
def partners():
    """The initial partners by acronym, or by name when they have none: partners["ICKL"]."""
    return {partner.acronym or partner.name: partner for partner in Partner.objects.all()}


@pytest.fixture
def make_project(index, countries):
    """Add a project: make_project(country="CU", start_year=2015, status="ongoing", ...)."""

    def make(*, country="CU", start_year=2015, **fields):
        return add_project(index, country=countries[country], start_year=start_year, **fields)

    return make
