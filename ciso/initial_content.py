"""Initial content of the site-wide pages, in French and in English.

Run through `manage.py load_initial_content`. The rule that makes it safe to run again: what is
missing is created, what exists is left as it is (staff may have edited it).
"""

import io

from django.core.files.images import ImageFile
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from ciso.artwork import illustration
from ciso.models import HomePage, InitialContentRecord, SiteSettings, StandardPage


def paragraphs_html(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def paragraph(*paragraphs):
    return {"type": "paragraph", "value": paragraphs_html(*paragraphs)}


def call_to_action(page, title, button_label, text=""):
    return {
        "type": "call_to_action",
        "value": {
            "title": title,
            "text": text,
            "button_label": button_label,
            "page": page.pk,
            "url": "",
        },
    }


def bullet_list(*items):
    return {
        "type": "paragraph",
        "value": "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>",
    }


SETTINGS = {
    "organisation_name": "Centre international de solidarité ouvrière",
    "acronym": "CISO",
    "founding_year": 1975,
    "tagline_fr": "La solidarité entre travailleuses et travailleurs d’ici et d’ailleurs, "
    "depuis 1975",
    "tagline_en": "Solidarity between workers in Quebec and around the world, since 1975",
    "address_fr": "Montréal (Québec), Canada",
    "address_en": "Montreal, Quebec, Canada",
}

# The AQOCI's name is a French proper noun, the same in both languages.
AQOCI = {
    "type": "affiliation",
    "value": {
        "name": "Association québécoise des organismes de coopération internationale (AQOCI)",
        "url": "",
    },
}

HOME = {
    "title_fr": "Accueil",
    "title_en": "Home",
    "slug_fr": "accueil",
    "slug_en": "home",
    "search_description_fr": "Le CISO, organisme intersyndical de solidarité internationale "
    "fondé à Montréal en 1975\u202f: éducation, coopération avec le Sud et lutte contre les "
    "ateliers de misère.",
    "search_description_en": "An inter-union international solidarity organisation founded "
    "in Montreal in 1975, working on education, cooperation with the Global South and the "
    "fight against sweatshops.",
    "intro_fr": paragraphs_html(
        "Né à Montréal en 1975, le Centre international de solidarité ouvrière (CISO) réunit "
        "des syndicats du Québec, des groupes communautaires et des membres individuels autour "
        "d’une conviction\u202f: les travailleuses et les travailleurs d’ici et ceux des autres "
        "pays ont tout à gagner à se soutenir mutuellement.",
        "Près de 80 syndicats en sont membres. Ensemble, ils défendent les droits des "
        "travailleuses et des travailleurs, de meilleures conditions de travail et une société "
        "plus juste et plus démocratique, au Québec comme ailleurs.",
    ),
    "intro_en": paragraphs_html(
        "Founded in Montreal in 1975, the Centre international de solidarité ouvrière (CISO) "
        "brings together Quebec unions, community groups and individual members who share a "
        "conviction: workers in Quebec and workers in other countries all stand to gain by "
        "supporting one another.",
        "Close to 80 unions belong to it. Together they stand up for workers’ rights, better "
        "working conditions and a fairer, more democratic society, in Quebec and elsewhere.",
    ),
}

MISSION = {
    "title_fr": "Mission et actions",
    "title_en": "Mission and activities",
    "slug_fr": "mission-et-actions",
    "slug_en": "mission-and-activities",
    "show_in_menus": True,
    "search_description_fr": "Pourquoi le CISO existe, ce qu’il fait et qui en fait partie.",
    "search_description_en": "Why the CISO exists, what it does and who belongs to it.",
    "intro_fr": "Bâtir des liens de solidarité entre les travailleuses et travailleurs d’ici et "
    "d’ailleurs\u202f: c’est la raison d’être du CISO depuis sa fondation.",
    "intro_en": "Building solidarity between workers in Quebec and workers elsewhere in the "
    "world has been the CISO’s purpose since it was founded.",
    "body_fr": [
        heading("Notre mission"),
        paragraph(
            "Le CISO est un organisme intersyndical. Il relie les luttes des travailleuses et "
            "des travailleurs du Québec à celles qui se mènent dans les autres pays, en "
            "particulier dans les pays du Sud, pour le respect de leurs droits, des conditions "
            "de travail décentes et une société plus juste et plus démocratique.",
            "Il offre aux syndicats québécois un lieu commun pour agir en matière de solidarité "
            "internationale\u202f: on y met des ressources en commun, on y fait circuler une "
            "information différente de celle des grands médias et on y prépare les membres aux "
            "enjeux qui les attendent.",
        ),
        heading("Trois axes de travail"),
        heading("L’éducation", "h3"),
        paragraph(
            "C’est le cœur de l’action du CISO\u202f: formations, tournées de conférences avec des "
            "invité-e-s du Sud, stages et missions d’observation permettent aux membres de "
            "comprendre les réalités du travail ailleurs dans le monde et d’agir en conséquence."
        ),
        heading("La coopération", "h3"),
        paragraph(
            "Depuis 1995, le CISO mène des projets de coopération internationale avec des "
            "organisations syndicales, paysannes et de défense des droits humains de pays du "
            "Sud, qui lui demandent son appui dans leurs luttes."
        ),
        heading("La lutte contre les ateliers de misère", "h3"),
        paragraph(
            "Depuis la fin de 2003, le CISO coordonne la Coalition québécoise contre les "
            "ateliers de misère (CQCAM), qui s’attaque aux conditions de travail indignes dans "
            "lesquelles sont fabriqués bien des produits vendus ici."
        ),
        heading("Qui en fait partie"),
        bullet_list(
            "près de 80 syndicats membres\u202f;",
            "des groupes communautaires\u202f;",
            "des membres individuels.",
        ),
        paragraph(
            "Le CISO est membre de l’Association québécoise des organismes de coopération "
            "internationale (AQOCI)."
        ),
    ],
    "body_en": [
        heading("Our mission"),
        paragraph(
            "The CISO is an inter-union organisation. It links the struggles of workers in "
            "Quebec with those of workers in other countries, especially in the Global South, "
            "for respect for their rights, decent working conditions and a fairer, more "
            "democratic society.",
            "It gives Quebec unions a common place to act on international solidarity: they "
            "pool resources, share information that the mainstream media leave out, and "
            "prepare their members for the issues ahead.",
        ),
        heading("Three areas of work"),
        heading("Education", "h3"),
        paragraph(
            "Education is at the heart of the CISO’s work. Training sessions, speaking tours "
            "with guests from the Global South, internships and observation missions help "
            "members understand working conditions elsewhere in the world and act on what "
            "they learn."
        ),
        heading("Cooperation", "h3"),
        paragraph(
            "Since 1995 the CISO has run international cooperation projects with unions, "
            "peasant organisations and human-rights organisations in the Global South that "
            "have asked for its support in their struggles."
        ),
        heading("The fight against sweatshops", "h3"),
        paragraph(
            "Since the end of 2003 the CISO has coordinated the Quebec Coalition Against "
            "Sweatshops (Coalition québécoise contre les ateliers de misère, CQCAM), which "
            "fights the degrading conditions in which many goods sold in Quebec are made."
        ),
        heading("Membership"),
        bullet_list("close to 80 member unions;", "community groups;", "individual members."),
        paragraph(
            "The CISO is a member of the Association québécoise des organismes de coopération "
            "internationale (AQOCI), Quebec’s network of international cooperation "
            "organisations."
        ),
    ],
}

CQCAM = {
    "title_fr": "Coalition québécoise contre les ateliers de misère (CQCAM)",
    "title_en": "Quebec Coalition Against Sweatshops (CQCAM)",
    "slug_fr": "cqcam",
    "slug_en": "sweatshops-coalition",
    "show_in_menus": True,
    "search_description_fr": "La Coalition québécoise contre les ateliers de misère, "
    "coordonnée par le CISO depuis 2003.",
    "search_description_en": "The Quebec Coalition Against Sweatshops, coordinated by the CISO "
    "since 2003.",
    "intro_fr": "Depuis la fin de 2003, le CISO coordonne la Coalition québécoise contre les "
    "ateliers de misère (CQCAM).",
    "intro_en": "Since the end of 2003 the CISO has coordinated the Quebec Coalition Against "
    "Sweatshops (CQCAM).",
    "body_fr": [
        heading("Un des trois axes du CISO"),
        paragraph(
            "Les vêtements, les chaussures ou les jouets achetés au Québec sont souvent "
            "fabriqués dans des ateliers où les salaires sont dérisoires, les horaires "
            "épuisants et le droit de s’organiser refusé. La lutte contre ces ateliers de "
            "misère est, avec l’éducation et la coopération, l’un des trois axes de travail "
            "du CISO.",
            "En coordonnant la CQCAM, le CISO aide syndicats et groupes d’ici à faire "
            "pression pour que les entreprises et les acheteurs publics respectent les droits "
            "de celles et ceux qui fabriquent ce que nous consommons.",
        ),
    ],
    "body_en": [
        heading("One of the CISO’s three areas of work"),
        paragraph(
            "Clothes, shoes and toys bought in Quebec are often made in workshops where wages "
            "are pitiful, hours are gruelling and the right to organise is denied. Along with "
            "education and cooperation, the fight against these sweatshops is one of the "
            "CISO’s three areas of work.",
            "By coordinating the CQCAM, the CISO helps unions and community groups in Quebec "
            "press companies and public buyers to respect the rights of the people who make "
            "what we buy.",
        ),
    ],
}

RQIC = {
    "title_fr": "Réseau québécois sur l’intégration continentale (RQIC)",
    "title_en": "Quebec Network on Continental Integration (RQIC)",
    "slug_fr": "rqic",
    "slug_en": "rqic",
    "show_in_menus": False,
    "search_description_fr": "Le CISO a hébergé le Réseau québécois sur l’intégration "
    "continentale.",
    "search_description_en": "The CISO once hosted the Quebec Network on Continental Integration.",
    "intro_fr": "Le CISO a hébergé dans le passé le Réseau québécois sur l’intégration "
    "continentale (RQIC).",
    "intro_en": "The CISO once hosted the Réseau québécois sur l’intégration continentale "
    "(RQIC), the Quebec Network on Continental Integration.",
    "body_fr": [
        paragraph(
            "Le RQIC rassemblait des organisations québécoises qui suivaient de près les "
            "accords de libre-échange et l’intégration économique des Amériques, et leurs "
            "effets sur les travailleuses et les travailleurs. En lui offrant un toit, le CISO "
            "a contribué à faire entendre leur voix sur ces questions."
        ),
    ],
    "body_en": [
        paragraph(
            "The RQIC brought together Quebec organisations that kept a close watch on "
            "free-trade agreements, the economic integration of the Americas and their effects "
            "on workers. By giving it a home, the CISO helped make their voices heard on these "
            "issues."
        ),
    ],
}


def home_body(mission, cqcam, projects):
    """The home page's cards point at pages created in the same run."""
    return {
        "body_fr": [
            {
                "type": "cards",
                "value": {
                    "heading": "Nos trois axes de travail",
                    "cards": [
                        {
                            "title": "Éducation",
                            "text": "Formations, tournées et stages pour comprendre le monde "
                            "du travail ailleurs et agir ici.",
                            "page": mission.pk,
                            "url": "",
                        },
                        {
                            "title": "Coopération",
                            "text": "Depuis 1995, des projets avec des partenaires syndicaux, "
                            "paysans et de droits humains du Sud.",
                            "page": projects.pk,
                            "url": "",
                        },
                        {
                            "title": "Ateliers de misère",
                            "text": "La coalition québécoise que le CISO coordonne depuis 2003.",
                            "page": cqcam.pk,
                            "url": "",
                        },
                    ],
                },
            },
            heading("50 ans de solidarité, fêtés en 2025"),
            paragraph(
                "En 2025, le CISO a fêté ses 50 ans. Une exposition consacrée à son histoire "
                "a ouvert ses portes le 3 juin 2025 à l’Écomusée du fier monde, à Montréal."
            ),
        ],
        "body_en": [
            {
                "type": "cards",
                "value": {
                    "heading": "Our three areas of work",
                    "cards": [
                        {
                            "title": "Education",
                            "text": "Training sessions, speaking tours and internships that "
                            "help members understand work elsewhere and act at home.",
                            "page": mission.pk,
                            "url": "",
                        },
                        {
                            "title": "Cooperation",
                            "text": "Projects since 1995 with unions, peasant organisations "
                            "and human-rights groups in the Global South.",
                            "page": projects.pk,
                            "url": "",
                        },
                        {
                            "title": "Sweatshops",
                            "text": "The Quebec Coalition Against Sweatshops, coordinated by "
                            "the CISO since 2003.",
                            "page": cqcam.pk,
                            "url": "",
                        },
                    ],
                },
            },
            heading("Fifty years of solidarity, celebrated in 2025"),
            paragraph(
                "In 2025 the CISO turned 50. An exhibition on its history opened on 3 June 2025 "
                "at the Écomusée du fier monde in Montreal."
            ),
        ],
    }


# The home page's hero and the sections under its cards (`home_sections`).
HERO = {
    "hero_heading_fr": "Solidaires, d’ici et d’ailleurs, depuis 1975",
    "hero_heading_en": "Workers here and abroad, standing together since 1975",
    "hero_text_fr": "Le CISO relie les syndicats et les groupes du Québec aux luttes des "
    "travailleuses et des travailleurs des pays du Sud, par l’éducation, la coopération "
    "et l’action contre les ateliers de misère.",
    "hero_text_en": "The CISO connects Quebec’s unions and community groups with the struggles "
    "of workers in the Global South, through education, cooperation and action against "
    "sweatshops.",
}


def hero_actions(projects, contact):
    """The hero's two buttons: to the projects, and to the contact page."""
    labels = {
        "fr": ("Découvrir nos projets", "Nous joindre"),
        "en": ("See our projects", "Contact us"),
    }
    return {
        f"hero_actions_{language}": [
            {
                "type": "action",
                "value": {"label": label, "page": page.pk, "url": "", "style": style},
            }
            for label, page, style in zip(
                (first, second), (projects, contact), ("primary", "secondary"), strict=True
            )
        ]
        for language, (first, second) in labels.items()
    }


def home_sections(language, projects, achievements, members=None, events=None):
    """The figures band, the map of partner countries, the members and the next events (when
    their sections exist) and what is new, in `language`."""
    fr = language == "fr"
    figures = [
        ("1975", "fondation du CISO, à Montréal", "the year the CISO was founded, in Montreal"),
        ("Près de 80", "syndicats membres", "member unions"),
        ("Plus de 50", "tournées de conférenciers et conférencières du Sud",
         "speaking tours with guests from the Global South"),
        ("7", "pays partenaires depuis 1995", "partner countries since 1995"),
    ]  # fmt: skip
    english_values = {"Près de 80": "Close to 80", "Plus de 50": "More than 50"}
    blocks = [
        {
            "type": "figures",
            "value": {
                "heading": "Le CISO en quelques chiffres" if fr else "The CISO at a glance",
                "figures": [
                    {
                        "value": value if fr else english_values.get(value, value),
                        "label": label_fr if fr else label_en,
                    }
                    for value, label_fr, label_en in figures
                ],  # fmt: skip
                "page": achievements.pk if achievements else None,
                "link_label": "Toutes nos réalisations" if fr else "All our achievements",
            },
        },
        {
            "type": "section",
            "value": {
                "heading": "Nos pays partenaires" if fr else "Where our partners are",
                "text": "Depuis 1995, le CISO soutient des projets de coopération avec des "
                "organisations syndicales, paysannes et de défense des droits humains."
                if fr
                else "Since 1995 the CISO has supported cooperation projects with unions, "
                "peasant organisations and human-rights groups.",
                "page": projects.pk,
                "link_label": "Voir les projets de coopération"
                if fr
                else "See the cooperation projects",
            },
        },
    ]
    if members is not None:
        blocks.append(
            {
                "type": "section",
                "value": {
                    "heading": "Nos membres" if fr else "Our members",
                    "text": "Près de 80 syndicats du Québec, des groupes communautaires et des "
                    "membres individuels font vivre le CISO."
                    if fr
                    else "Close to 80 Quebec unions, community groups and individual members "
                    "keep the CISO going.",
                    "page": members.pk,
                    "link_label": "Devenir membre" if fr else "Become a member",
                },
            }
        )
    if events is not None:  # shown only while events are announced
        blocks.append(
            {
                "type": "section",
                "value": {
                    "heading": "Prochaines activités" if fr else "Coming up",
                    "text": "",
                    "page": events.pk,
                    "link_label": "Toutes les activités" if fr else "All the events",
                },
            }
        )
    blocks.append(
        {
            "type": "latest",
            "value": {"heading": "Quoi de neuf" if fr else "What’s new", "count": 3},
        }
    )
    return blocks


# The internships (FACTS.md: "stage" is an internship, or a solidarity placement), a page under
# "Mission and activities", which then invites to it.
INTERNSHIPS = {
    "title_fr": "Stages",
    "title_en": "Internships",
    "slug_fr": "stages",
    "slug_en": "internships",
    "show_in_menus": False,
    "search_description_fr": "Les stages de solidarité internationale du CISO, courts et "
    "longs, dans les pays de ses partenaires.",
    "search_description_en": "The CISO’s international solidarity internships, short and "
    "long, in its partners’ countries.",
    "intro_fr": "Les stages font partie du travail d’éducation du CISO : ils permettent "
    "à des membres de voir sur place les réalités du travail dans les pays de ses partenaires.",
    "intro_en": "Internships are part of the CISO’s education work: they let members see "
    "working conditions first-hand in the countries of its partners.",
    "body_fr": [
        heading("Les stages organisés jusqu’ici"),
        bullet_list(
            "une quarantaine de stages de courte durée, dans une dizaine de pays ;",
            "une dizaine de stages de longue durée pour des jeunes.",
        ),
        paragraph(
            "Des stages ont eu lieu notamment en Colombie en 2011, avec l’Escuela Nacional "
            "Sindical de Medellín, et en Palestine en 2015."
        ),
    ],
    "body_en": [
        heading("The internships so far"),
        bullet_list(
            "about forty short internships, in about ten countries;",
            "about ten long internships for young people.",
        ),
        paragraph(
            "Internships have taken place in Colombia in 2011, with the Escuela Nacional "
            "Sindical in Medellín, and in Palestine in 2015, among others."
        ),
    ],
}


def internships_invitations(internships, contact):
    """The call to action at the end of the internships page (to the contact page), and the
    one the mission page gets (to the internships), in each language."""
    own = {
        "fr": call_to_action(
            contact,
            "Faire un stage",
            "Nous joindre",
            "Vous souhaitez partir en stage avec le CISO\u202f? Écrivez-nous\u202f: l’équipe "
            "vous dira quand et comment poser votre candidature.",
        ),
        "en": call_to_action(
            contact,
            "Do an internship",
            "Contact us",
            "Would you like to do an internship with the CISO? Write to us and the team will "
            "tell you when and how to apply.",
        ),
    }
    mission = {
        "fr": call_to_action(
            internships,
            "Les stages",
            "Découvrir les stages",
            "Courts ou longs, les stages du CISO mènent dans les pays de ses partenaires.",
        ),
        "en": call_to_action(
            internships,
            "Internships",
            "About the internships",
            "Short or long, the CISO’s internships lead to its partners’ countries.",
        ),
    }
    return own, mission


CONTACT = {
    "title_fr": "Nous joindre",
    "title_en": "Contact us",
    "slug_fr": "nous-joindre",
    "slug_en": "contact",
    "show_in_menus": False,
    "search_description_fr": "Comment joindre l’équipe du CISO, à Montréal.",
    "search_description_en": "How to reach the CISO’s team in Montreal.",
    "intro_fr": "Une question, une idée de projet, l’envie de vous engager ? L’équipe du "
    "CISO, à Montréal, vous répondra.",
    "intro_en": "A question, an idea for a project, or you would like to get involved? The "
    "CISO’s team in Montreal will be glad to hear from you.",
    "body_fr": [
        paragraph("Le CISO est établi à Montréal (Québec)."),
    ],
    "body_en": [
        paragraph("The CISO is based in Montreal, Quebec."),
    ],
}

PRIVACY = {
    "title_fr": "Confidentialité",
    "title_en": "Privacy",
    "slug_fr": "confidentialite",
    "slug_en": "privacy",
    "show_in_menus": False,
    "search_description_fr": "Ce que ce site enregistre sur ses visiteurs, et pourquoi.",
    "search_description_en": "What this site records about its visitors, and why.",
    "intro_fr": "Ce site ne vous suit pas : pas de publicité, pas de mesure d’audience "
    "par un tiers, et rien n’y est chargé depuis un autre site.",
    "intro_en": "This site does not track you: no advertising, no third-party analytics, and "
    "nothing on it is loaded from another website.",
    "body_fr": [
        heading("Les témoins (cookies)"),
        paragraph(
            "Une visite ordinaire ne dépose aucun témoin. Un témoin de sécurité est déposé "
            "quand vous remplissez un formulaire, pour le protéger contre les envois "
            "frauduleux, et un témoin de session quand l’équipe du CISO se connecte à "
            "l’administration du site.",
        ),
        heading("Les journaux du serveur"),
        paragraph(
            "Comme tout serveur web, celui du CISO note chaque demande (l’adresse demandée, "
            "l’heure et l’adresse IP), pour en assurer le bon fonctionnement et la sécurité.",
        ),
    ],
    "body_en": [
        heading("Cookies"),
        paragraph(
            "An ordinary visit sets no cookie. A security cookie is set when you fill in a "
            "form, to protect it against forged submissions, and a session cookie when the "
            "CISO’s staff sign in to the site’s administration.",
        ),
        heading("Server logs"),
        paragraph(
            "Like any web server, the CISO’s server records each request (the address asked "
            "for, the time and the IP address), to keep the site running and secure.",
        ),
    ],
}

# The illustrations of the initial content (ciso.artwork), and what they show, for people who
# cannot see them.
ILLUSTRATION_ALT = {
    "solidarity": (
        "Illustration : des cercles ocre et rouges qui se chevauchent sous un soleil, sur "
        "un fond bleu nuit.",
        "Illustration: ochre and red circles overlapping under a sun, on a night-blue ground.",
    ),
    "education": (
        "Illustration : un soleil ocre qui se lève derrière les lignes d’une page.",
        "Illustration: an ochre sun rising behind the lines of a page.",
    ),
    "cooperation": (
        "Illustration : deux grands cercles qui se rejoignent autour d’un point rouge.",
        "Illustration: two large circles meeting around a red dot.",
    ),
    "sweatshop": (
        "Illustration : une couture en pointillé ocre sur des bandes de tissu.",
        "Illustration: an ochre line of stitches across bands of cloth.",
    ),
    "history": (
        "Illustration : des cernes concentriques, comme ceux d’un arbre, autour d’un point rouge.",
        "Illustration: concentric rings, like a tree’s, around a red dot.",
    ),
    "map": (
        "Illustration : des points rouges reliés par une ligne ocre sur un quadrillage de carte.",
        "Illustration: red dots joined by an ochre line on a map grid.",
    ),
}


def illustration_fields(image, motif):
    """The image fields (ciso.models.ImageWithAlt) of a page showing `image` of `motif`."""
    if image is None:  # staff deleted it since
        return {}
    alt_fr, alt_en = ILLUSTRATION_ALT[motif]
    return {"image": image, "image_alt_fr": alt_fr, "image_alt_en": alt_en}


# The content apps' parts of the initial content, found by `load_initial_content` in each
# app's initial_content module: name → (load, the names of the parts it links to).
PARTS = {}


def register(name, load, after=()):
    """A content app's part: `load(loader, home)` creates it and returns its section's page (or
    None), which `loader.sections[name]` then holds for the parts loaded `after` it."""
    PARTS[name] = (load, tuple(after))


def parts_in_order():
    """The registered parts, each after those it names in `after`, else in registration order
    (INSTALLED_APPS order). Raises ValueError on a cycle or an unknown name."""
    ordered, visiting = [], set()

    def visit(name):
        if name in ordered:
            return
        if name in visiting or name not in PARTS:
            raise ValueError(f"initial content: {name!r} is unknown or part of a cycle")
        visiting.add(name)
        for before in PARTS[name][1]:
            visit(before)
        ordered.append(name)

    for name in PARTS:
        visit(name)
    return [(name, PARTS[name][0]) for name in ordered]


class Loader:
    """Creates what is missing of the initial content; never changes what exists.

    Each part is created once: a record keeps its key, so that a page that staff renamed,
    moved or deleted is not created again. Other apps add their content through `page`.
    """

    def __init__(self, stdout):
        self.stdout = stdout
        self.sections = {}  # a part's name → its section's page (`register`)

    def log(self, message):
        self.stdout.write(message)

    def load(self):
        """The site-wide content: the home page, the standard pages and the site settings."""
        self._prepare_tree()
        home, self.home_created = self._home()
        made = {}
        for fields, motif in ((MISSION, "education"), (CQCAM, "sweatshop"), (RQIC, "map")):
            made[fields["slug_fr"]] = self.page(
                home, StandardPage, {**fields, **illustration_fields(self.image(motif), motif)}
            )
        self.contact, _created = self.page(home, StandardPage, CONTACT)
        self.privacy, _created = self.page(home, StandardPage, PRIVACY)
        self._internships(*made[MISSION["slug_fr"]])
        self._settings(home)
        return home

    def _internships(self, mission, mission_created):
        """The internships page under the mission page, each inviting to the next: the
        mission page to the internships (when this run made both), they to the contact page."""
        if mission is None:
            return
        fields = {
            **INTERNSHIPS,
            **illustration_fields(self.image("cooperation", 40), "cooperation"),
        }
        internships, created = self.page(mission, StandardPage, fields)
        if not created or self.contact is None:
            return
        own, invitation = internships_invitations(internships, self.contact)
        self.update(
            internships,
            body_fr=[*INTERNSHIPS["body_fr"], own["fr"]],
            body_en=[*INTERNSHIPS["body_en"], own["en"]],
        )
        if mission_created:
            mission = StandardPage.objects.get(pk=mission.pk)
            self.update(
                mission,
                body_fr=[*MISSION["body_fr"], invitation["fr"]],
                body_en=[*MISSION["body_en"], invitation["en"]],
            )

    def image(self, motif, seed=0):
        """The illustration of `motif` (ciso.artwork) in the image library, created the first
        time it is asked for; None once staff have deleted it."""
        key = f"image:{motif}:{seed}"
        Image = get_image_model()
        title = f"Illustration: {motif}" + (f" {seed}" if seed else "")
        if InitialContentRecord.objects.filter(key=key).exists():
            return Image.objects.filter(title=title).first()
        content = ImageFile(io.BytesIO(illustration(motif, seed)), name=f"{motif}-{seed}.jpg")
        image = Image(title=title, file=content)  # its width and height read from the file
        image.save()
        InitialContentRecord.objects.create(key=key)
        self.log(f"Created the image: {image.title}")
        return image

    def load_parts(self, home):
        """The content apps' parts (`register`), in order."""
        for name, load in parts_in_order():
            self.sections[name] = load(self, home)

    def finish(self, home):
        """The home page's links, once every section they point at exists."""
        if not self.home_created:
            return
        children = {page.slug_fr: page for page in home.get_children()}
        mission, cqcam = children.get(MISSION["slug_fr"]), children.get(CQCAM["slug_fr"])
        if not (mission and cqcam):
            return
        projects = self.sections.get("projects") or mission
        body = home_body(mission, cqcam, projects)
        motifs = ("education", "cooperation", "sweatshop")
        for language in ("fr", "en"):
            cards = body[f"body_{language}"][0]["value"]["cards"]
            for card, motif in zip(cards, motifs, strict=True):
                alt = ILLUSTRATION_ALT[motif][0 if language == "fr" else 1]
                image = self.image(motif)
                if image is not None:  # unless staff deleted it since
                    card["image"] = {"image": image.pk, "alt_text": alt, "decorative": False}
            body[f"body_{language}"][1:1] = home_sections(
                language,
                projects,
                self.sections.get("achievements"),
                self.sections.get("members"),
                self.sections.get("events"),
            )
        self.update(
            home,
            **HERO,
            **hero_actions(projects, self.contact or mission),
            **illustration_fields(self.image("solidarity"), "solidarity"),
            **body,
        )

    def page(self, parent, model, fields, key=None):
        """The page of `model` under `parent` with the French slug fields["slug_fr"], created
        with `fields` unless it was created before, and whether this run created it. The page
        is None when staff have deleted it since."""
        key = key or f"{model._meta.label_lower}:{fields['slug_fr']}"
        existing = parent.get_children().filter(slug_fr=fields["slug_fr"]).type(model).first()
        if InitialContentRecord.objects.filter(key=key).exists():
            return (existing.specific if existing else None), False
        created = existing is None
        if created:
            existing = parent.add_child(instance=model(**fields))
            existing.save_revision().publish()
            self.log(f"Created page: {existing.url_path}")
        else:
            self.log(f"Page exists: {existing.url_path}")
        InitialContentRecord.objects.create(key=key)
        return existing.specific, created

    def update(self, page, **fields):
        """Set fields of a page this run has just created, and publish them."""
        for name, value in fields.items():
            setattr(page, name, value)
        page.save_revision().publish()

    def _prepare_tree(self):
        # Pages created by Wagtail's own migrations predate the translation columns.
        call_command("update_translation_fields", "wagtailcore", "page", verbosity=0)

    def _home(self):
        home = HomePage.objects.first()
        if home:
            self.log(f"Home page exists: {home.title}")
            return home, False
        root = Page.get_first_root_node()
        # Wagtail's welcome page: a plain Page, the one Wagtail's migration made. Deleting it
        # also deletes the Site that pointed at it.
        for welcome in root.get_children().filter(depth=2).exact_type(Page):
            if not welcome.get_children().exists():
                self.log(f"Removing Wagtail's welcome page: {welcome.title}")
                welcome.delete()
        home = root.add_child(instance=HomePage(**HOME))
        home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first()
        if site:
            site.root_page = home
            site.site_name = "CISO"
            site.save()
        else:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name="CISO",
            )
        self.log("Created the home page and pointed the site at it")
        return home, True

    def _settings(self, home):
        site = home.get_site()
        defaults = {
            **SETTINGS,
            "affiliations_fr": [AQOCI],
            "affiliations_en": [AQOCI],
            "contact_page": self.contact,
            "privacy_page": self.privacy,
        }
        settings, created = SiteSettings.objects.get_or_create(site=site, defaults=defaults)
        self.log("Created the site settings" if created else "Site settings exist")
