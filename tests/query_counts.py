"""How many queries each page type costs, on a second request (warm process, no page cache).

Not a test: a measuring tool for a development database that holds the initial content
(tests/ciso/test_views.py holds every page type to its budget with the same addresses).

    DATABASE_URL=postgres://… python -m tests.query_counts [-v]

`-v` prints each query.
"""

import os
import sys

# The public pages of each type, in French and in English (the initial content's addresses).
PAGES = {
    "home": ("/fr/", "/en/"),
    "standard page": ("/fr/mission-et-actions/", "/en/mission-and-activities/"),
    "history": ("/fr/historique/", "/en/history/"),
    "achievements": ("/fr/realisations/", "/en/achievements/"),
    "project index": ("/fr/projets/", "/en/projects/"),
    "project index, filtered": (
        "/fr/projets/?country=ht&kind=union&year_from=2000",
        "/en/projects/?status=completed&year_to=2015",
    ),
    "country page": ("/fr/projets/pays/haiti/", "/en/projects/countries/haiti/"),
    "project page": ("/fr/projets/konbit-haiti/", "/en/projects/konbit-democratic-haiti/"),
    "members page": ("/fr/membres/", "/en/members/"),
    "news index": ("/fr/nouvelles/", "/en/news/"),
    "news index, filtered": ("/fr/nouvelles/?category=cooperation", "/en/news/2009/"),
    "news article": ("/fr/nouvelles/signature-projet-konbit/", "/en/news/konbit-project-signed/"),
    "news feed": ("/fr/nouvelles/flux/", "/en/news/feed/?category=cooperation"),
    "events page": ("/fr/activites/", "/en/events/"),
    "event page": (
        "/fr/activites/exposition-cinquantenaire/",
        "/en/events/50th-anniversary-exhibition/",
    ),
    "event calendar": ("/fr/activites/calendrier/", "/en/events/50th-anniversary-exhibition/ics/"),
    "404 page": ("/fr/pas-de-page-ici/", "/en/no-page-here/"),
}


def main(verbose=False):
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ciso.settings_test")
    django.setup()

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()  # lets the test client's host in
    client = Client()
    print(f"{'page':26} {'fr':>4} {'en':>4}")
    for name, urls in PAGES.items():
        counts = []
        for url in urls:
            client.get(url)  # warms the per-process caches
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code in (200, 404), (url, response.status_code)
            counts.append(len(queries))
            if verbose:
                print(f"--- {url}")
                for query in queries:
                    print("   ", query["sql"][:300])
        print(f"{name:26} {counts[0]:>4} {counts[1]:>4}")


if __name__ == "__main__":
    main(verbose="-v" in sys.argv)
