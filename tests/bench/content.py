"""Generated content for `make bench`: many projects, milestones, news articles and events, so
that the figures show how pages behave as the site grows. The runner calls it in its own
database only (`python -m tests.bench --generate`, with Django set up)."""

import datetime

from django.db import transaction

from events.models import EventIndexPage, EventPage
from history.models import HistoryPage, Milestone
from news.models import NewsArticlePage, NewsCategory, NewsIndexPage
from projects.models import Country, Partner, ProjectIndexPage, ProjectPage


@transaction.atomic
def generate(*, projects, milestones, articles=0, events=0):
    """Add `projects` live projects under the project index (spread over the live countries
    and partners, the years and the statuses), `milestones` milestones to the history,
    `articles` news articles (over the categories and the years) and `events` events (most of
    them past, a few to come)."""
    index = ProjectIndexPage.objects.get()
    countries = list(Country.objects.filter(live=True))
    partners = list(Partner.objects.filter(live=True))
    existing = ProjectPage.objects.count()
    for n in range(existing, existing + projects):
        start = 1976 + n % 48
        project = index.add_child(
            instance=ProjectPage(
                title_fr=f"Projet de coopération n° {n}",
                title_en=f"Cooperation project no. {n}",
                slug_fr=f"projet-cooperation-{n}",
                slug_en=f"cooperation-project-{n}",
                summary_fr="Un projet de solidarité syndicale avec des partenaires du Sud.",
                summary_en="A labour solidarity project with partners in the Global South.",
                country=countries[n % len(countries)],
                start_year=start,
                end_year=start + 3 if n % 3 else None,
                status="completed" if n % 3 else ("ongoing" if n % 2 else ""),
            )
        )
        project.partners.set(partners[n % len(partners) :][:2])
        project.save()
    history = HistoryPage.objects.get()
    first = history.milestones.count()
    Milestone.objects.bulk_create(
        Milestone(
            page=history,
            year=1975 + n % 50,
            sort_order=first + n,
            title_fr=f"Étape n° {n}",
            title_en=f"Milestone no. {n}",
            text_fr="Une étape de l’histoire du CISO.",
            text_en="A step in the CISO’s history.",
        )
        for n in range(milestones)
    )
    _news(articles)
    _events(events)


def _news(count):
    index = NewsIndexPage.objects.get()
    categories = list(NewsCategory.objects.filter(live=True))
    existing = NewsArticlePage.objects.count()
    for n in range(existing, existing + count):
        article = index.add_child(
            instance=NewsArticlePage(
                title_fr=f"Nouvelle n° {n}",
                title_en=f"News item no. {n}",
                slug_fr=f"nouvelle-{n}",
                slug_en=f"news-item-{n}",
                date=datetime.date(2000, 1, 1) + datetime.timedelta(days=37 * n),
                summary_fr="Une nouvelle du CISO et de ses partenaires.",
                summary_en="News of the CISO and its partners.",
            )
        )
        article.categories.set(categories[n % len(categories) :][:1])
        article.french_tags.add(f"sujet {n % 7}")
        article.english_tags.add(f"topic {n % 7}")
        article.save()


def _events(count):
    index = EventIndexPage.objects.get()
    today = datetime.date.today()
    existing = EventPage.objects.count()
    for n in range(existing, existing + count):
        # One in ten to come, the others over the past years.
        days = n // 10 + 1 if n % 10 == 0 else -11 * n
        index.add_child(
            instance=EventPage(
                title_fr=f"Activité n° {n}",
                title_en=f"Event no. {n}",
                slug_fr=f"activite-{n}",
                slug_en=f"event-{n}",
                start_date=today + datetime.timedelta(days=days),
                start_time=datetime.time(19),
                end_time=datetime.time(21),
                place_name="Centre Saint-Pierre",
                summary_fr="Une activité du CISO.",
                summary_en="An event of the CISO.",
            )
        )
