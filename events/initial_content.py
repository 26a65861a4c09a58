"""Initial content of the events, in French and in English, from FACTS.md only: the kinds of
event, the events page, and the 50th-anniversary exhibition (opened on 3 June 2025 at the
Écomusée du fier monde; its hours, its end and the museum's address are not in the facts, so
they are left empty). Loaded by `manage.py load_initial_content` (see ciso.initial_content)."""

import datetime

from ciso.initial_content import illustration_fields, paragraph, register
from events.models import EventIndexPage, EventKind, EventPage

KINDS = {
    "formation": ("Formation", "Training"),
    "tournee": ("Tournée de conférences", "Speaking tour"),
    "conference": ("Conférence", "Conference"),
    "exposition": ("Exposition", "Exhibition"),
}

INDEX = {
    "title_fr": "Activités",
    "title_en": "Events",
    "slug_fr": "activites",
    "slug_en": "events",
    "show_in_menus": True,
    "search_description_fr": "Les formations, tournées de conférences, conférences et "
    "expositions du CISO.",
    "search_description_en": "The CISO’s training sessions, speaking tours, conferences and "
    "exhibitions.",
    "intro_fr": "Formations, tournées de conférences avec des invité-e-s du Sud, conférences et "
    "expositions\u202f: les activités du CISO, à venir et passées.",
    "intro_en": "Training sessions, speaking tours with guests from the Global South, "
    "conferences and exhibitions: the CISO’s events, coming up and past.",
}

EXHIBITION = {
    "title_fr": "L’exposition du cinquantenaire du CISO",
    "title_en": "The CISO’s 50th-anniversary exhibition",
    "slug_fr": "exposition-cinquantenaire",
    "slug_en": "50th-anniversary-exhibition",
    "start_date": datetime.date(2025, 6, 3),
    "place_name": "Écomusée du fier monde",
    "summary_fr": "Le 3 juin 2025, une exposition sur l’histoire du CISO a ouvert ses portes à "
    "l’Écomusée du fier monde, à Montréal, pour souligner ses 50 ans.",
    "summary_en": "On 3 June 2025 an exhibition on the CISO’s history opened at the Écomusée "
    "du fier monde in Montreal, to mark its 50 years.",
    "body_fr": [
        paragraph(
            "L’exposition retrace l’histoire du CISO depuis la Conférence internationale de "
            "solidarité ouvrière de juin 1975, à Montréal."
        )
    ],
    "body_en": [
        paragraph(
            "The exhibition traces the CISO’s history since the International Workers’ "
            "Solidarity Conference held in Montreal in June 1975."
        )
    ],
}


def load(loader, home):
    """The kinds of event, the events page and the exhibition."""
    kinds = {}
    for key, (name_fr, name_en) in KINDS.items():
        kinds[key], created = EventKind.objects.get_or_create(
            name_fr=name_fr, defaults={"name_en": name_en}
        )
        if created:
            loader.log(f"Created the kind of event: {name_fr}")
    index, _created = loader.page(home, EventIndexPage, INDEX)
    if index is None:
        return None
    fields = {
        **EXHIBITION,
        "kind": kinds["exposition"],
        **illustration_fields(loader.image("history", 30), "history"),
    }
    loader.page(index, EventPage, fields)
    return index


register("events", load)
