"""What visitors see of the members, read in a fixed number of queries however many there are."""

from dataclasses import dataclass, field

from wagtail.images import get_image_model
from wagtail.images.models import Filter

from ciso import rows, search
from members.models import MemberKind, MemberOrganisation

# A logo's renditions (templates/members/member.html and teaser.html write the same
# specification): fitted in a box, never cropped, at one and two pixels per CSS pixel.
LOGO_SPECS = Filter.expand_spec("max-{160x80,320x160} format-{webp,png}")
# How many members the home page shows at most (templates/members/teaser.html).
HOME_MEMBERS = 12


@dataclass
class KindGroup:
    """A kind of member and its published members, by name (`by_name`)."""

    kind: object
    members: list = field(default_factory=list)

    @property
    def count(self):
        return len(self.members)


@dataclass
class Directory:
    """The published member organisations, by kind (in the kinds' order)."""

    groups: list

    @property
    def count(self):
        return sum(group.count for group in self.groups)

    @property
    def highlights(self):
        """What the home page shows of the members: at most HOME_MEMBERS, those with a logo
        first, then by name."""
        members = [member for group in self.groups for member in group.members]
        return sorted(members, key=lambda m: (m.logo is None, *by_name(m)))[:HOME_MEMBERS]


def by_name(member):
    """The alphabetical order of the members' names, accents and case aside ("École" among
    the E), the same on every page and whatever the database's collation."""
    return search.fold(member.name), member.pk


def directory():
    """The published member organisations of the published kinds, by kind, each with its kind
    and its logo (with the renditions of LOGO_SPECS already made): one query (ciso/rows.py),
    whatever their number. A kind never published has no name to show yet: its members wait."""
    member = rows.columns(MemberOrganisation)
    kind = rows.columns(MemberKind)
    image = rows.columns(get_image_model())
    members, kinds, images = (
        model._meta.db_table for model in (MemberOrganisation, MemberKind, get_image_model())
    )
    found = rows.fetch(
        f"""
        SELECT {member.sql}, {kind.sql}, {image.sql}, {rows.renditions_sql(images, "%s")}
        FROM {members}
        JOIN {kinds} ON {kinds}.id = {members}.kind_id
        LEFT JOIN {images} ON {images}.id = {members}.logo_id
        WHERE {members}.live AND {kinds}.live
        ORDER BY {kinds}.sort_order NULLS LAST, {kinds}.id""",
        [LOGO_SPECS],
        member,
        kind,
        image,
    )
    groups = {}
    for each, each_kind, logo, renditions in found:
        group = groups.setdefault(each_kind.pk, KindGroup(kind=each_kind))
        each.kind, each.logo = group.kind, rows.with_renditions(logo, renditions)
        group.members.append(each)
    for group in groups.values():
        group.members.sort(key=by_name)
    return Directory(groups=list(groups.values()))
