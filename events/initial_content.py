"""Initial content of the events, in French and in English, from FACTS.md only: the kinds of
event, the events page, and the opening of the 50th-anniversary exhibition (3 June 2025 at the
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
    "title_fr": "Ouverture de l’exposition du cinquantenaire",
    "title_en": "Opening of the 50th-anniversary exhibition",
    "slug_fr": "exposition-cinquantenaire",
    "slug_en": "50th-anniversary-exhibition",
    "start_date": datetime.date(2025, 6, 3),
    "place_name": "Écomusée du fier monde",
    "summary_fr": "Le 3 juin 2025, pour les 50 ans du CISO, une exposition a ouvert ses portes "
    "à l’Écomusée du fier monde.",
    "summary_en": "On 3 June 2025, for the CISO’s 50th anniversary, an exhibition opened at "
    "the Écomusée du fier monde.",
    "body_fr": [paragraph("Fondé en 1975, le CISO a eu 50 ans en 2025.")],
    "body_en": [paragraph("Founded in 1975, the CISO turned 50 in 2025.")],
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
