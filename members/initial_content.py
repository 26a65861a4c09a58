"""Initial content of the members section, in French and in English.

Loaded by `manage.py load_initial_content` (see ciso.initial_content for the rules: created
once, never overwritten). The facts (FACTS.md) name no member organisation: the kinds of member
and the page are created, and staff enter the members themselves.
"""

from ciso.initial_content import call_to_action, heading, illustration_fields, paragraph, register
from members.models import MemberKind, MembersPage

NB = "\u202f"  # before “:” in French

# The kinds of member, in the order the members page lists them: (French, English).
KINDS = [
    ("Centrales syndicales", "Labour federations"),
    ("Syndicats locaux", "Local unions"),
    ("Groupes communautaires", "Community groups"),
]


def members_page(contact):
    """The members page's fields; its invitation to join leads to `contact` (or is left out)."""
    join_fr = join_en = []
    if contact is not None:
        join_fr = [
            call_to_action(
                contact,
                "Devenir membre",
                "Nous joindre",
                "Votre syndicat ou votre groupe communautaire souhaite rejoindre le CISO, ou "
                f"vous-même{NB}? Écrivez-nous{NB}: l’équipe vous expliquera comment adhérer.",
            )
        ]
        join_en = [
            call_to_action(
                contact,
                "Become a member",
                "Contact us",
                "Would your union or community group like to join the CISO, or would you like "
                "to join yourself? Write to us and the team will explain how.",
            )
        ]
    return {
        "title_fr": "Membres",
        "title_en": "Members",
        "slug_fr": "membres",
        "slug_en": "members",
        "show_in_menus": True,
        "search_description_fr": "Les syndicats, les groupes communautaires et les personnes "
        "qui font vivre le CISO, et comment le rejoindre.",
        "search_description_en": "The unions, community groups and individuals who keep the "
        "CISO going, and how to join them.",
        "intro_fr": f"Le CISO appartient à ses membres{NB}: près de 80 syndicats du Québec, des "
        "groupes communautaires et des membres individuels.",
        "intro_en": "The CISO belongs to its members: close to 80 Quebec unions, along with "
        "community groups and individual members.",
        "body_fr": [
            heading("Un lieu commun pour la solidarité internationale"),
            paragraph(
                "Organisme intersyndical, le CISO est l’endroit où convergent les actions de "
                "solidarité internationale des syndicats du Québec. Ses membres y mettent des "
                "ressources en commun, y font circuler une information que les grands médias "
                "laissent de côté et s’y préparent aux questions stratégiques qui les "
                "attendent.",
                "Le CISO aide aussi les syndicats à se saisir des questions nouvelles, à mesure "
                "qu’elles se posent.",
            ),
            heading("Prendre part"),
            paragraph(
                "Les membres prennent part aux formations du CISO, aux tournées de conférences "
                "avec des invité-e-s du Sud, à ses stages et à ses missions d’observation."
            ),
            *join_fr,
        ],
        "body_en": [
            heading("A common place for international solidarity"),
            paragraph(
                "As an inter-union organisation, the CISO is where Quebec unions bring their "
                "international solidarity work together. Its members pool resources, share "
                "information that the mainstream media leave out, and get ready for the "
                "strategic issues ahead.",
                "The CISO also helps unions take up new issues as they emerge.",
            ),
            heading("Taking part"),
            paragraph(
                "Members take part in the CISO’s training sessions, in its speaking tours with "
                "guests from the Global South, and in its internships and observation "
                "missions."
            ),
            *join_en,
        ],
    }


def load(loader, home):
    """The kinds of member and the members page."""
    for order, (name_fr, name_en) in enumerate(KINDS):
        kind, created = MemberKind.objects.get_or_create(
            name_fr=name_fr, defaults={"name_en": name_en, "sort_order": order}
        )
        if created:
            loader.log(f"Created the kind of member: {kind}")
    fields = {
        **members_page(loader.contact),
        **illustration_fields(loader.image("solidarity", 1), "solidarity"),
    }
    page, _created = loader.page(home, MembersPage, fields)
    return page


register("members", load)
