"""Projects made for the tests, under the project index."""

import itertools

from projects.models import ProjectPage

_numbers = itertools.count()


def add_project(index, *, country, start_year, partners=(), live=True, **fields):
    """A live project under `index`, titled and summarised in both languages unless told."""
    n = next(_numbers)
    fields = {
        "title_fr": f"Projet d’essai {n}",
        "title_en": f"Test project {n}",
        "slug_fr": f"projet-essai-{n}",
        "slug_en": f"test-project-{n}",
        "summary_fr": "Un projet d’essai.",
        "summary_en": "A test project.",
        **fields,
    }
    # add_child saves a live page; no revision is needed to serve it, and it is 3× faster.
    return index.add_child(
        instance=ProjectPage(
            country=country, start_year=start_year, partners=list(partners), live=live, **fields
        )
    )
