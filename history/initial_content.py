"""Initial content of the history and achievements pages, in French and in English.

Loaded by `manage.py load_initial_content` after the site-wide content (see ciso.initial_content
for the rules: created once, never overwritten).
"""

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from ciso.initial_content import (
    call_to_action,
    heading,
    illustration_fields,
    paragraph,
    register,
)
from ciso.models import InitialContentRecord, StandardPage
from history import figures
from history.models import AchievementsPage, Figure, HistoryPage, Milestone

HISTORY_DOCUMENT_TITLE = "Petite histoire d’un grand réseau de solidarité internationale"


def minimal_pdf(lines):
    """A small, valid one-page PDF showing `lines` in Helvetica (Windows-1252 text).

    It stands in for the real booklet so that the download works from the first run; staff
    replace the file in the admin (Documents), and every link to it follows.
    """
    text = ["BT", "/F1 13 Tf", "16 TL", "72 770 Td"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        text.append(f"({escaped}) '")
    text.append("ET")
    stream = "\n".join(text).encode("cp1252")  # = WinAnsiEncoding
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(pdf)


def history_document(loader):
    """The booklet on the CISO's history, as a Wagtail document (created once)."""
    Document = get_document_model()
    key = "document:petite-histoire"
    existing = Document.objects.filter(title=HISTORY_DOCUMENT_TITLE).first()
    if existing or InitialContentRecord.objects.filter(key=key).exists():
        return existing
    document = Document(title=HISTORY_DOCUMENT_TITLE)
    content = minimal_pdf(
        [
            "Centre international de solidarité ouvrière (CISO)",
            "",
            HISTORY_DOCUMENT_TITLE,
            "",
            "Ce fichier tient la place du livret\u00a0: l'équipe du site le remplace",
            "par la version complète dans l'administration (Documents).",
        ]
    )
    document.file.save("petite-histoire-ciso.pdf", ContentFile(content), save=False)
    document.file_size = len(content)
    document.save()
    InitialContentRecord.objects.create(key=key)
    loader.log("Created the document: " + HISTORY_DOCUMENT_TITLE)
    return document


def milestones(pages, projects_index):
    mission, cqcam = pages.get("mission-et-actions"), pages.get("cqcam")
    return [
        Milestone(
            year=1975,
            month=6,
            title_fr="Une conférence internationale de solidarité ouvrière à Montréal",
            title_en="An international workers’ solidarity conference in Montreal",
            text_fr="Devant la montée des multinationales alliées aux dictatures de pays du "
            "Sud, des leaders syndicaux et populaires et des ONG de Montréal convoquent une "
            "conférence. Près de 500 travailleuses et travailleurs du Québec et du Canada y "
            "rencontrent 44 délégué-e-s de mouvements syndicaux et de libération d’Afrique, "
            "du Moyen-Orient, d’Amérique latine et des Caraïbes.",
            text_en="In response to the rise of multinationals allied with dictatorships in "
            "the Global South, leaders of Montreal’s union and grassroots movements and NGOs "
            "call a conference. Close to 500 workers from Quebec and elsewhere in Canada meet "
            "44 delegates from union and liberation movements in Africa, the Middle East, "
            "Latin America and the Caribbean.",
        ),
        Milestone(
            year=1975,
            title_fr="Fondation du CISO",
            title_en="The CISO is founded",
            text_fr="Le Centre international de solidarité ouvrière naît la même année pour "
            "poursuivre le travail de sensibilisation et d’éducation lancé par la conférence.",
            text_en="The Centre international de solidarité ouvrière is founded the same year "
            "to carry on the awareness-raising and education work begun at the conference.",
            link_page=mission,
            link_text_fr="Sa mission aujourd’hui",
            link_text_en="Its mission today",
        ),
        Milestone(
            year=1995,
            title_fr="Premiers projets de coopération internationale",
            title_en="First international cooperation projects",
            text_fr="Le CISO commence à appuyer des organisations syndicales, paysannes et de "
            "défense des droits humains du Sud\u202f: au Guatemala, en Haïti, au Mexique, à Cuba, "
            "au Mali, au Burkina Faso et en Algérie.",
            text_en="The CISO begins supporting unions, peasant organisations and human-rights "
            "organisations in the Global South: in Guatemala, Haiti, Mexico, Cuba, Mali, "
            "Burkina Faso and Algeria.",
            link_page=projects_index,
            link_text_fr="Les projets de coopération",
            link_text_en="The cooperation projects",
        ),
        Milestone(
            year=2003,
            title_fr="À la tête de la coalition contre les ateliers de misère",
            title_en="Leading the coalition against sweatshops",
            text_fr="À partir de la fin de 2003, le CISO coordonne les travaux de la Coalition "
            "québécoise contre les ateliers de misère (CQCAM).",
            text_en="From the end of 2003, the CISO coordinates the work of the Quebec "
            "Coalition Against Sweatshops (CQCAM).",
            link_page=cqcam,
        ),
        Milestone(
            year=2025,
            month=6,
            day=3,
            title_fr="Cinquante ans de solidarité",
            title_en="Fifty years of solidarity",
            text_fr="Pour ses 50 ans, le CISO présente une exposition sur son histoire à "
            "l’Écomusée du fier monde, à Montréal.",
            text_en="To mark its 50th anniversary, the CISO presents an exhibition on its "
            "history at the Écomusée du fier monde in Montreal.",
        ),
    ]


def history_fields(pages, document):
    rqic = pages.get("rqic")
    body_fr = [
        heading("Un lieu de convergence"),
        paragraph(
            "Au fil des ans, le CISO a contribué à ancrer la dimension internationale de la "
            "solidarité dans le mouvement syndical et populaire québécois, tout en répondant "
            "aux demandes d’appui de ses partenaires du Sud.",
            "C’est aujourd’hui un lieu essentiel de convergence de l’action syndicale "
            "québécoise en matière de solidarité internationale\u202f: il met en commun des "
            "ressources, fait circuler une information alternative, sert de levier dans les "
            "syndicats sur les questions émergentes et outille ses membres sur les enjeux "
            "stratégiques.",
        ),
    ]
    body_en = [
        heading("A meeting point"),
        paragraph(
            "Over the years the CISO has helped anchor international solidarity in Quebec’s "
            "labour and grassroots movement, while answering calls for support from its "
            "partners in the Global South.",
            "Today it is where Quebec unions come together on international solidarity: it "
            "pools resources, shares alternative sources of information, helps unions take up "
            "emerging issues and gives its members the tools to deal with strategic ones.",
        ),
    ]
    if rqic:
        body_fr.append(
            paragraph(
                f'Il a aussi hébergé par le passé le <a linktype="page" id="{rqic.pk}">Réseau '
                "québécois sur l’intégration continentale (RQIC)</a>."
            )
        )
        body_en.append(
            paragraph(
                f'In the past it also hosted the <a linktype="page" id="{rqic.pk}">Quebec '
                "Network on Continental Integration (RQIC)</a>."
            )
        )
    if document:
        body_fr.append(
            {
                "type": "document",
                "value": {
                    "document": document.pk,
                    "title": "",
                    "description": "Un livret qui retrace l’histoire du CISO.",
                },
            }
        )
        body_en.append(
            {
                "type": "document",
                "value": {
                    "document": document.pk,
                    "title": "A short history of a great international solidarity network "
                    "(in French)",
                    "description": "A booklet on the CISO’s history, in French.",
                },
            }
        )
    return {
        "title_fr": "Historique",
        "title_en": "History",
        "slug_fr": "historique",
        "slug_en": "history",
        "show_in_menus": True,
        "search_description_fr": "D’une conférence internationale en 1975 à aujourd’hui\u202f: "
        "l’histoire du Centre international de solidarité ouvrière.",
        "search_description_en": "From an international conference in 1975 to the present "
        "day: the history of the Centre international de solidarité ouvrière.",
        "intro_fr": "<p>Le CISO est né en 1975 d’une conférence qui a réuni à Montréal des "
        "travailleuses et des travailleurs d’ici et des militant-e-s d’Afrique, du "
        "Moyen-Orient, d’Amérique latine et des Caraïbes. Voici les grandes étapes de son "
        "histoire.</p>",
        "intro_en": "<p>The CISO grew out of a conference held in Montreal in 1975, which "
        "brought together workers from Quebec and elsewhere in Canada and activists from "
        "Africa, the Middle East, Latin America and the Caribbean. Here are the milestones in "
        "its history.</p>",
        "body_fr": body_fr,
        "body_en": body_en,
    }


FIGURES = [
    (figures.MORE_THAN, 50, "tournées avec des invité-e-s du Sud",
     "speaking tours with guests from the Global South", "", ""),
    (figures.ABOUT, 40, "stages de courte durée dans une dizaine de pays",
     "short internships in about ten countries", "", ""),
    (figures.ABOUT, 10, "stages de longue durée pour des jeunes",
     "long internships for young people", "", ""),
    (figures.SEVERAL, None, "missions d’observation", "observation missions",
     "Notamment à Cuba, au Nicaragua, au Pérou, au Mexique, en Haïti, au Burkina Faso, en "
     "Palestine, au Guatemala et en Colombie.",
     "In Cuba, Nicaragua, Peru, Mexico, Haiti, Burkina Faso, Palestine, Guatemala and "
     "Colombia, among others."),
    (figures.MANY, None, "colloques internationaux", "international conferences",
     "Dont trois sur la dette extérieure des pays en développement.",
     "Including three on the external debt of developing countries."),
    (figures.HUNDREDS, None, "formations", "training sessions", "", ""),
]  # fmt: skip


def achievements_fields(history, projects_index):
    figure_rows = [
        Figure(
            qualifier=qualifier,
            number=number,
            label_fr=label_fr,
            label_en=label_en,
            text_fr=text_fr,
            text_en=text_en,
        )
        for qualifier, number, label_fr, label_en, text_fr, text_en in FIGURES
    ]
    computed = [
        ("years_since_founding", "ans de solidarité internationale",
         "years of international solidarity"),
        # Every published country: those of the map, where the CISO has supported partners.
        ("partner_countries", "pays où le CISO a appuyé des partenaires",
         "countries where the CISO has supported partners"),
    ]  # fmt: skip
    figure_rows += [
        Figure(qualifier=figures.EXACT, source=source, label_fr=label_fr, label_en=label_en)
        for source, label_fr, label_en in computed
    ]
    return {
        "title_fr": "Réalisations",
        "title_en": "Achievements",
        "slug_fr": "realisations",
        "slug_en": "achievements",
        "show_in_menus": True,
        "search_description_fr": "Tournées, stages, missions, colloques et formations\u202f: "
        "ce que le CISO a accompli depuis 1975.",
        "search_description_en": "Speaking tours, internships, observation missions, "
        "conferences and training sessions: what the CISO has achieved since 1975.",
        "intro_fr": "<p>L’éducation de ses membres à la solidarité internationale est la "
        "priorité du CISO. Voici, en chiffres, ce qu’il a réalisé jusqu’à maintenant.</p>",
        "intro_en": "<p>Educating its members in international solidarity is the CISO’s "
        "priority. Here is what it has achieved so far, in figures.</p>",
        "figures": figure_rows,
        "body_fr": [
            *_links(
                history,
                "L’histoire du CISO depuis 1975",
                "Lire l’historique",
                "De la conférence de 1975 à aujourd’hui.",
            ),
            *_links(
                projects_index,
                "Les projets de coopération",
                "Voir les projets",
                "Où, avec qui et sur quoi le CISO coopère avec le Sud.",
            ),
        ],
        "body_en": [
            *_links(
                history,
                "The CISO’s history since 1975",
                "Read the history",
                "From the 1975 conference to today.",
            ),
            *_links(
                projects_index,
                "Cooperation projects",
                "See the projects",
                "Where the CISO works with partners in the Global South, with whom, and on what.",
            ),
        ],  # fmt: skip
    }


def _links(page, title, button, text):
    """A call to action towards `page`, or nothing when that page does not exist."""
    return [call_to_action(page, title, button, text=text)] if page else []


def load(loader, home):
    projects_index = loader.sections.get("projects")
    pages = {
        page.slug_fr: page
        for page in StandardPage.objects.child_of(home).filter(
            slug_fr__in=["mission-et-actions", "cqcam", "rqic"]
        )
    }
    document = history_document(loader)
    fields = history_fields(pages, document)
    fields["milestones"] = milestones(pages, projects_index)
    for position, milestone in enumerate(fields["milestones"]):
        milestone.sort_order = position
    # The first milestone of each of these years shows an illustration (ciso.artwork).
    motifs = {1975: "solidarity", 1995: "cooperation", 2003: "sweatshop", 2025: "history"}
    for milestone in fields["milestones"]:
        motif = motifs.pop(milestone.year, None)
        if motif:
            for name, value in illustration_fields(loader.image(motif), motif).items():
                setattr(milestone, name, value)
    history, history_created = loader.page(home, HistoryPage, fields)
    achievements, _created = loader.page(
        home, AchievementsPage, achievements_fields(history, projects_index)
    )
    loader.sections["achievements"] = achievements  # the home page's figures link to it
    if history_created:
        # The history page links to the achievements and the projects; the achievements did
        # not exist when it was made.
        loader.update(
            history,
            body_fr=[
                *history.body_fr.raw_data,
                *_links(achievements, "Ce que le CISO a réalisé", "Voir les réalisations", ""),
                *_links(projects_index, "Les projets de coopération", "Voir les projets", ""),
            ],
            body_en=[
                *history.body_en.raw_data,
                *_links(achievements, "What the CISO has achieved", "See the achievements", ""),
                *_links(projects_index, "Cooperation projects", "See the projects", ""),
            ],
        )


# After the projects: the milestones and achievements link to their index.
register("history", load, after=["projects"])
