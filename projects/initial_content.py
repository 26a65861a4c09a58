"""Initial content of the projects section, in French and in English.

Loaded by `manage.py load_initial_content` (see ciso.initial_content for the rules: created
once, never overwritten). Facts come from the CISO's public pages; what is not known (a
project's end, a partner's website) is left empty rather than guessed.
"""

from decimal import Decimal

from ciso.initial_content import illustration_fields, register
from projects.models import Country, Partner, ProjectIndexPage, ProjectPage, Theme

# ISO code: (name fr, name en, slug fr, slug en, region, latitude, longitude)
COUNTRIES = {
    "GT": ("Guatemala", "Guatemala", "guatemala", "guatemala", "latin_america", "15.6", "-90.3"),
    "HT": ("Haïti", "Haiti", "haiti", "haiti", "latin_america", "19.0", "-72.4"),
    "MX": ("Mexique", "Mexico", "mexique", "mexico", "latin_america", "23.6", "-102.5"),
    "CU": ("Cuba", "Cuba", "cuba", "cuba", "latin_america", "21.6", "-79.0"),
    "ML": ("Mali", "Mali", "mali", "mali", "africa", "17.6", "-3.9"),
    "BF": ("Burkina Faso", "Burkina Faso", "burkina-faso", "burkina-faso", "africa", "12.3",
           "-1.6"),
    "DZ": ("Algérie", "Algeria", "algerie", "algeria", "africa", "28.0", "2.6"),
}  # fmt: skip

# What the CISO has done in each country, from its own pages (FACTS.md): every one of them is
# among the countries of its cooperation projects since 1995.
NB = "\u202f"
COOPERATION_FR = "Un des pays où le CISO a mené des projets de coopération depuis 1995."
COOPERATION_EN = "One of the countries where the CISO has run cooperation projects since 1995."
OBSERVATION_FR = " Le CISO y a aussi mené des missions d’observation."
OBSERVATION_EN = " The CISO has also carried out observation missions there."
DESCRIPTIONS = {
    "GT": (COOPERATION_FR + OBSERVATION_FR, COOPERATION_EN + OBSERVATION_EN),
    "HT": (
        "Le CISO est présent en Haïti depuis 1997, aux côtés de ses partenaires haïtiens."
        + OBSERVATION_FR,
        "The CISO has worked in Haiti since 1997, alongside its Haitian partners." + OBSERVATION_EN,
    ),
    "MX": (
        "Le Frente Auténtico del Trabajo (FAT) est lié au CISO depuis la conférence de 1975. "
        "Le CISO est aussi solidaire du syndicat des récupérateurs informels (pepenadores) "
        f"«{NB}Lázaro Cárdenas del Río{NB}»." + OBSERVATION_FR,
        "The Frente Auténtico del Trabajo (FAT) has been linked to the CISO since the 1975 "
        "conference. The CISO also stands in solidarity with the informal waste pickers’ union "
        "(pepenadores) “Lázaro Cárdenas del Río”." + OBSERVATION_EN,
    ),
    "CU": (COOPERATION_FR + OBSERVATION_FR, COOPERATION_EN + OBSERVATION_EN),
    "ML": (COOPERATION_FR, COOPERATION_EN),
    "BF": (COOPERATION_FR + OBSERVATION_FR, COOPERATION_EN + OBSERVATION_EN),
    "DZ": (COOPERATION_FR, COOPERATION_EN),
}

PARTNERS = [
    {
        "name": "Institut culturel Karl Lévêque",
        "acronym": "ICKL",
        "kind": Partner.Kind.COMMUNITY,
        "country": "HT",
        "description_fr": "Organisme haïtien d’éducation populaire fondé en 1989.",
        "description_en": "A Haitian popular education organisation founded in 1989.",
    },
    {
        "name": "Plateforme haïtienne de plaidoyer pour un développement alternatif",
        "acronym": "PAPDA",
        "kind": Partner.Kind.OTHER,
        "country": "HT",
        "description_fr": "Réseau haïtien de plaidoyer pour un autre modèle de développement, "
        "fondé en 1995.",
        "description_en": "A Haitian advocacy network for an alternative model of development, "
        "founded in 1995.",
    },
    {
        "name": "Antèn Ouvriye",
        "acronym": "",
        "kind": Partner.Kind.UNION,
        "country": "HT",
        "description_fr": "Organisation haïtienne d’appui aux travailleuses et travailleurs.",
        "description_en": "A Haitian organisation supporting workers.",
    },
    {
        "name": "Frente Auténtico del Trabajo",
        "acronym": "FAT",
        "kind": Partner.Kind.UNION,
        "country": "MX",
        "description_fr": "Organisation syndicale mexicaine liée au CISO depuis la conférence "
        "de 1975.",
        "description_en": "A Mexican labour organisation linked to the CISO since the 1975 "
        "conference.",
    },
    {
        "name": "Sindicato de pepenadores Lázaro Cárdenas del Río",
        "acronym": "",
        "kind": Partner.Kind.UNION,
        "country": "MX",
        "description_fr": "Syndicat de récupératrices et récupérateurs de déchets du secteur "
        "informel, que le CISO soutient.",
        "description_en": "A union of informal-sector waste pickers that the CISO supports.",
    },
]

THEMES = {
    "democracy": ("Démocratie et droits", "Democracy and rights"),
    "organising": ("Organisation des travailleurs", "Workers’ organising"),
    "crisis": ("Crises et reconstruction", "Crises and reconstruction"),
}

INDEX = {
    "title_fr": "Projets de coopération",
    "title_en": "Cooperation projects",
    "slug_fr": "projets",
    "slug_en": "projects",
    "show_in_menus": True,
    "search_description_fr": "Les projets de coopération du CISO avec des organisations "
    "syndicales, paysannes et de défense des droits des pays du Sud, depuis 1995.",
    "search_description_en": "The CISO’s cooperation projects with unions, peasant "
    "organisations and human-rights organisations in the Global South, since 1995.",
    "intro_fr": "<p>Depuis 1995, le CISO appuie des organisations syndicales, paysannes et de "
    "défense des droits humains dans les pays du Sud. Où, avec qui, depuis quand et sur "
    "quoi\u202f: voici ses projets de coopération.</p>",
    "intro_en": "<p>Since 1995 the CISO has supported unions, peasant organisations and "
    "human-rights organisations in the Global South. Here are its cooperation projects: where "
    "they are, who they are with, when they began and what they are about.</p>",
}


def projects(countries, partners, themes):
    return [
        (
            {
                "title_fr": "Konbit pour une construction démocratique et solidaire d’Haïti",
                "title_en": "Konbit for a democratic and united Haiti",
                "slug_fr": "konbit-haiti",
                "slug_en": "konbit-democratic-haiti",
                "summary_fr": "Un projet de trois ans signé en février 2009 avec des "
                "partenaires haïtiens pour renforcer la participation citoyenne et "
                "l’organisation populaire, réorganisé après le séisme du 12 janvier 2010.",
                "summary_en": "A three-year project signed in February 2009 with Haitian "
                "partners to strengthen citizen participation and grassroots organising, "
                "reorganised after the earthquake of 12 January 2010.",
                "body_fr": [
                    {
                        "type": "paragraph",
                        "value": "<p>Signé le 23 février 2009, le projet devait durer trois "
                        "ans. Le séisme du 12 janvier 2010 a bouleversé Haïti et ses "
                        "organisations\u202f: le projet a été réorganisé pour répondre aux besoins "
                        "des partenaires.</p><p>Le CISO est présent en Haïti depuis 1997.</p>",
                    }
                ],
                "body_en": [
                    {
                        "type": "paragraph",
                        "value": "<p>Signed on 23 February 2009, the project was to last three "
                        "years. The earthquake of 12 January 2010 upended Haiti and its "
                        "organisations: the project was reorganised to meet the partners’ "
                        "needs.</p><p>The CISO has worked in Haiti since 1997.</p>",
                    }
                ],
                "country": countries["HT"],
                "start_year": 2009,
                "end_year": 2012,
                "status": ProjectPage.Status.COMPLETED,
                "funders_fr": "Programmes d’aide internationale des gouvernements du Canada "
                "(ACDI) et du Québec (MRI)",
                "funders_en": "International aid programmes of the governments of Canada "
                "(CIDA) and Quebec (MRI)",
            },
            [partners["ICKL"], partners["PAPDA"]],
            [themes["democracy"], themes["crisis"]],
        ),
        (
            {
                "title_fr": "Résilience et solidarité\u202f: s’organiser face à la crise de la "
                "COVID-19 au Mexique",
                "title_en": "Resilience and solidarity: organising in the face of the "
                "COVID-19 crisis in Mexico",
                "slug_fr": "resilience-solidarite-covid-mexique",
                "slug_en": "resilience-solidarity-covid-mexico",
                "summary_fr": "Un projet commencé en octobre 2020 pour soutenir des "
                "alternatives d’organisation des travailleuses et travailleurs mexicains "
                "devant la crise de la COVID-19.",
                "summary_en": "A project begun in October 2020 to support ways for Mexican "
                "workers to organise in the face of the COVID-19 crisis.",
                "country": countries["MX"],
                "start_year": 2020,
            },
            [],
            [themes["organising"], themes["crisis"]],
        ),
    ]


def load(loader, home):
    """The countries, partners, themes, the project index and the first projects."""
    countries = {}
    for seed, (iso_code, values) in enumerate(COUNTRIES.items()):
        name_fr, name_en, slug_fr, slug_en, region, lat, lon = values
        description_fr, description_en = DESCRIPTIONS[iso_code]
        countries[iso_code], created = Country.objects.get_or_create(
            iso_code=iso_code,
            defaults={
                "name_fr": name_fr,
                "name_en": name_en,
                "slug_fr": slug_fr,
                "slug_en": slug_en,
                "region": region,
                "latitude": Decimal(lat),
                "longitude": Decimal(lon),
                "description_fr": description_fr,
                "description_en": description_en,
                **illustration_fields(loader.image("map", 100 + seed), "map"),
            },
        )
        if created:
            loader.log(f"Created the country: {name_fr}")
    partners = {}
    for fields in PARTNERS:
        fields = {**fields, "country": countries[fields["country"]]}
        partner, created = Partner.objects.get_or_create(name=fields["name"], defaults=fields)
        partners[partner.acronym or partner.name] = partner
        if created:
            loader.log(f"Created the partner: {partner}")
    themes = {}
    for key, (name_fr, name_en) in THEMES.items():
        themes[key], _created = Theme.objects.get_or_create(
            name_fr=name_fr, defaults={"name_en": name_en}
        )

    index, _created = loader.page(home, ProjectIndexPage, INDEX)
    if index is None:
        return None
    for seed, (fields, project_partners, project_themes) in enumerate(
        projects(countries, partners, themes)
    ):
        motif = ("cooperation", "map")[seed % 2]
        fields = {
            **fields,
            **illustration_fields(loader.image(motif, seed), motif),
            "partners": project_partners,
            "themes": project_themes,
        }
        loader.page(index, ProjectPage, fields)
    return index


register("projects", load)
