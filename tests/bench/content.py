"""Generated content for `make bench`: many projects and milestones, so that the figures show
how pages behave as the site grows. The runner calls it in its own database only
(`python -m tests.bench --generate`, with Django set up)."""

from django.db import transaction

from history.models import HistoryPage, Milestone
from projects.models import Country, Partner, ProjectIndexPage, ProjectPage


@transaction.atomic
def generate(*, projects, milestones):
    """Add `projects` live projects under the project index (spread over the live countries
    and partners, the years and the statuses) and `milestones` milestones to the history."""
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
