"""The floor's one view: a page of about the size of the site's, through Django's templates
(inheritance, loops, variables) with a small context."""

from django.shortcuts import render

MENU = [
    ("Accueil", "/fr/"),
    ("Mission et actions", "/fr/mission-et-actions/"),
    ("Historique", "/fr/historique/"),
    ("Réalisations", "/fr/realisations/"),
    ("Projets", "/fr/projets/"),
    ("Nous joindre", "/fr/nous-joindre/"),
]
COUNTRIES = [
    {"name": name, "slug": slug}
    for name, slug in [("Haïti", "haiti"), ("Mexique", "mexique"), ("Bolivie", "bolivie")]
]
PROJECTS = [
    {
        "title": f"Projet de coopération syndicale n° {n}",
        "url": f"/fr/projets/projet-cooperation-{n}/",
        "country": COUNTRIES[n % len(COUNTRIES)]["name"],
        "years": f"{1990 + n}–{1993 + n}",
    }
    for n in range(12)
]


def page(request):
    return render(
        request,
        "floor/page.html",
        {
            "title": "Nos projets",
            "current": "/fr/projets/",
            "menu": MENU,
            "countries": COUNTRIES,
            "projects": PROJECTS,
        },
    )
