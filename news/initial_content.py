"""Initial content of the news, in French and in English, from FACTS.md only: the categories,
the news index and three articles (the Konbit agreement, the COVID-19 project in Mexico, the
50th-anniversary exhibition). Loaded by `manage.py load_initial_content` (see
ciso.initial_content: created once, never overwritten)."""

import datetime

from ciso.initial_content import illustration_fields, paragraph, register
from news.models import NewsArticlePage, NewsCategory, NewsIndexPage

NB = "\u202f"  # before “:” and inside « » in French

# key: (French, English). The key is the categories' address, the same in both languages.
CATEGORIES = {
    "cooperation": ("Coopération", "Cooperation"),
    "education": ("Éducation", "Education"),
    "ateliers-de-misere": ("Ateliers de misère", "Sweatshops"),
    "vie-du-ciso": ("Vie du CISO", "Inside the CISO"),
}

INDEX = {
    "title_fr": "Nouvelles",
    "title_en": "News",
    "slug_fr": "nouvelles",
    "slug_en": "news",
    "show_in_menus": True,
    "search_description_fr": "Les nouvelles du CISO, de ses projets et de ses partenaires.",
    "search_description_en": "News of the CISO, its projects and its partners.",
    "intro_fr": "Les nouvelles du CISO, de ses projets de coopération et de ses partenaires.",
    "intro_en": "News of the CISO, its cooperation projects and its partners.",
}


def articles():
    """(fields, category keys, French tags, English tags, illustration) of each article."""
    return [
        (
            {
                "title_fr": "Signature du projet Konbit pour Haïti",
                "title_en": "The Konbit project for Haiti is signed",
                "slug_fr": "signature-projet-konbit",
                "slug_en": "konbit-project-signed",
                "date": datetime.date(2009, 2, 23),
                "summary_fr": f"Le projet «{NB}Konbit pour une construction démocratique et "
                f"solidaire d’Haïti{NB}», prévu pour trois ans, a été signé le 23 février 2009.",
                "summary_en": "“Konbit for a democratic and united Haiti”, a three-year project, "
                "was signed on 23 February 2009.",
                "body_fr": [
                    paragraph(
                        "Le projet est financé par les programmes d’aide internationale des "
                        "gouvernements du Canada et du Québec (ACDI et MRI).",
                        "Le CISO est présent en Haïti depuis 1997.",
                    )
                ],
                "body_en": [
                    paragraph(
                        "The project is funded by the international aid programmes of the "
                        "governments of Canada and Quebec (CIDA and the MRI).",
                        "The CISO has worked in Haiti since 1997.",
                    )
                ],
            },
            ["cooperation"],
            ["Haïti"],
            ["Haiti"],
            ("cooperation", 20),
        ),
        (
            {
                "title_fr": "Au Mexique, un projet face à la crise de la COVID-19",
                "title_en": "In Mexico, a project to face the COVID-19 crisis",
                "slug_fr": "mexique-projet-covid-19",
                "slug_en": "mexico-covid-19-project",
                "date": datetime.date(2020, 10, 1),
                "date_precision": NewsArticlePage.DatePrecision.MONTH,
                "summary_fr": f"En octobre 2020 a commencé le projet «{NB}Résilience et "
                "solidarité – alternatives d’organisation face à la crise de la COVID-19 au "
                f"Mexique{NB}».",
                "summary_en": "In October 2020 the CISO began “Resilience and solidarity: "
                "organising in the face of the COVID-19 crisis in Mexico”.",
                "body_fr": [
                    paragraph(
                        "Le projet appuie des façons de s’organiser pour les travailleuses et "
                        "les travailleurs mexicains devant la crise de la COVID-19.",
                        "Au Mexique, le Frente Auténtico del Trabajo (FAT) est lié au CISO "
                        "depuis la conférence de 1975.",
                    )
                ],
                "body_en": [
                    paragraph(
                        "The project supports ways for Mexican workers to organise in the face "
                        "of the COVID-19 crisis.",
                        "In Mexico, the Frente Auténtico del Trabajo (FAT) has been linked to the "
                        "CISO since the 1975 conference.",
                    )
                ],
            },
            ["cooperation"],
            ["Mexique", "COVID-19"],
            ["Mexico", "COVID-19"],
            ("map", 21),
        ),
        (
            {
                "title_fr": f"2025{NB}: cinquante ans de solidarité à l’Écomusée du fier monde",
                "title_en": "2025: fifty years of solidarity at the Écomusée du fier monde",
                "slug_fr": "exposition-50-ans",
                "slug_en": "50th-anniversary-exhibition",
                "date": datetime.date(2025, 6, 3),
                "summary_fr": "Pour les 50 ans du CISO, une exposition a ouvert ses portes le "
                "3 juin 2025 à l’Écomusée du fier monde.",
                "summary_en": "For the CISO’s 50th anniversary, an exhibition opened on 3 June "
                "2025 at the Écomusée du fier monde.",
                "body_fr": [
                    paragraph(
                        "Fondé en 1975 pour poursuivre le travail de sensibilisation et "
                        "d’éducation de la Conférence internationale de solidarité ouvrière, le "
                        "CISO a eu 50 ans en 2025."
                    )
                ],
                "body_en": [
                    paragraph(
                        "Founded in 1975 to carry on the awareness and education work of the "
                        "International Workers’ Solidarity Conference, the CISO turned 50 in "
                        "2025."
                    )
                ],
            },
            ["vie-du-ciso"],
            ["Exposition", "Histoire"],
            ["Exhibition", "History"],
            ("history", 22),
        ),
    ]


def load(loader, home):
    """The categories, the news index and its articles."""
    categories = {}
    for key, (name_fr, name_en) in CATEGORIES.items():
        categories[key], created = NewsCategory.objects.get_or_create(
            slug=key, defaults={"name_fr": name_fr, "name_en": name_en}
        )
        if created:
            loader.log(f"Created the news category: {name_fr}")
    index, _created = loader.page(home, NewsIndexPage, INDEX)
    if index is None:
        return None
    for fields, keys, tags_fr, tags_en, (motif, seed) in articles():
        fields = {
            **fields,
            **illustration_fields(loader.image(motif, seed), motif),
            "categories": [categories[key] for key in keys],
        }
        article, created = loader.page(index, NewsArticlePage, fields)
        if created:
            article.french_tags.add(*tags_fr)
            article.english_tags.add(*tags_en)
            loader.update(article)
    return index


register("news", load)
