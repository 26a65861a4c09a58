"""What visitors see of the members, read in a fixed number of queries however many there are."""

from dataclasses import dataclass, field

from wagtail.images import get_image_model
from wagtail.images.models import Filter

from ciso import rows
from members.models import MemberKind, MemberOrganisation

# A logo's renditions (templates/members/member.html and teaser.html write the same
# specification): fitted in a box, never cropped, at one and two pixels per CSS pixel.
LOGO_SPECS = Filter.expand_spec("max-{160x80,320x160} format-{webp,png}")
# How many logos the home page shows at most (templates/members/teaser.html).
HOME_LOGOS = 12


@dataclass
class KindGroup:
    """A kind of member and its published members, by name."""

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
    def logo_members(self):
        """The members that have a logo, by name, at most HOME_LOGOS: the home page's row."""
        members = [m for group in self.groups for m in group.members if m.logo_id]
        return sorted(members, key=lambda m: (m.name.casefold(), m.pk))[:HOME_LOGOS]


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
        ORDER BY {kinds}.sort_order NULLS LAST, {kinds}.id, {members}.name, {members}.id""",
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
    return Directory(groups=list(groups.values()))
