"""The map of partner countries: a static base map, and the partner countries drawn over it.

What a visitor gets, with no script, no tile and no request to another host:

- the base map (`static/img/partner-map.svg`, an `<img alt="">`: every land of the frame and
  the borders, cached by the browser), in the Equal Earth projection, cropped to the
  Americas, Africa and Europe up to the Arabian peninsula, from north of Montréal to Cape Horn;
- over it, inline, each published country: its Natural Earth outline highlighted
  (`map_shapes.json`, keyed by ISO 3166-1 alpha-2 code), and a marker at the latitude and
  longitude staff give it, which is all a country without an outline in the data gets.

Markers sit where their countries are, nudged apart where they are too close to be tapped:
on a phone, where the map is 348 CSS px wide, one marker per country numbered as the list
under the map, each a 44 × 44 px tap target; from 48rem on, smaller dots named beside them.

Accessibility: the map repeats, for the eye and the pointer, the list of links under it. So
its drawing is `aria-hidden` and its links are out of the tab order (`tabindex="-1"`): a
screen reader or keyboard user meets each country once, in the list, and the figure's caption
says so. Colours: the partner countries in `--red` (5.8:1 against the base map's land),
markers and labels in `--ink` (over 12:1 against land and sea) with a white ring or halo that
keeps them apart from the red (5.6:1) where they cross it; the base map's own colours are
written in the SVG file, which an `<img>` cannot style.
"""

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path

from django.utils.html import escape, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import ngettext

SHAPES_FILE = Path(__file__).with_name("map_shapes.json")

# Equal Earth (Šavrič, Patterson and Jenny, 2018), centred between the Pacific coast of North
# America and the Arabian peninsula.
CENTRAL_MERIDIAN = -35
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2

# The frame in the projection's own units: west of Vancouver Island to the Gulf of Oman, and
# from 60° N (north of Montréal) to 56° S (Cape Horn).
_WEST, _EAST, _NORTH, _SOUTH = -1.22, 1.395, 1.105, -1.045
WIDTH = 1000
_SCALE = WIDTH / (_EAST - _WEST)
HEIGHT = round((_NORTH - _SOUTH) * _SCALE)
VIEW_BOX = (0, 0, WIDTH, HEIGHT)
# Outlines are cut to this box of degrees before projecting: well beyond the frame, and on
# this side of the projection's back meridian (145° E), round which shapes would wrap.
BOUNDS = (-175, -70, 120, 85)

# The phone layout: the map's width at a 390 px wide screen (the page's 1.25rem margins and
# the map's 1 px border taken off) and the tap target a marker needs there.
PHONE_WIDTH = 348
TAP_TARGET = 44
_PHONE_UNIT = WIDTH / PHONE_WIDTH  # view box units per CSS px there
PHONE_SPACING = round((TAP_TARGET + 4) * _PHONE_UNIT)
# From 48rem on, the map is 728 to 832 CSS px wide (its max-width, 52rem): markers keep
# 24 px targets apart there (WCAG 2.5.8), their labels 13 to 15 px high.
WIDE_SPACING = 36
RADII = {
    "phone_target": math.ceil(TAP_TARGET / 2 * _PHONE_UNIT * 10) / 10,
    "phone_dot": round(10 * _PHONE_UNIT, 1),
    "wide_target": WIDE_SPACING / 2,
    "wide_dot": 8,
}


def project(longitude, latitude):
    """(x, y) in view box units, y downwards."""
    lam = math.radians(longitude - CENTRAL_MERIDIAN)
    theta = math.asin(_M * math.sin(math.radians(latitude)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return (x - _WEST) * _SCALE, (_NORTH - y) * _SCALE


@functools.cache
def shapes():
    """The committed outlines, {alpha-2 code: SVG path data} (tools/map_shapes.py)."""
    return json.loads(SHAPES_FILE.read_text())["shapes"]


def spread(points, distance, *, rounds=500):
    """Positions near `points` (a list of (x, y)) no two closer than `distance`, inside the
    view box: pairs too close push each other apart, then (in the first half of the rounds)
    each position is drawn back a little towards its point, until no pair is too close. The
    same input gives the same output."""
    return list(_spread(tuple(map(tuple, points)), distance, rounds))


# Markers spread a few hundred rounds before they stand apart (about 2 ms for the initial
# countries), and every page with the map asks the same of it. The result is arithmetic on
# the arguments alone, so it is remembered by them: the countries and their coordinates are
# still read from the database on every request, and a moved or added country is another
# key. Nothing of the content is kept, so nothing can be stale; a few layouts are kept (the
# phone's and the wide one, for the map's countries in each language), bounded all the same.
@functools.lru_cache(maxsize=16)
def _spread(points, distance, rounds):
    margin = distance / 2
    positions = [list(point) for point in points]
    for round_ in range(rounds):
        moved = False
        for i, a in enumerate(positions):
            for b in positions[i + 1 :]:
                dx, dy = b[0] - a[0], b[1] - a[1]
                gap = math.hypot(dx, dy)
                if gap >= distance:
                    continue
                if gap < 1e-6:  # the same point: part them along x
                    dx, dy, gap = 1.0, 0.0, 1.0
                push = (distance - gap) / 2 + 0.5
                a[0] -= dx / gap * push
                a[1] -= dy / gap * push
                b[0] += dx / gap * push
                b[1] += dy / gap * push
                moved = True
        for position in positions:
            position[0] = min(max(position[0], margin), WIDTH - margin)
            position[1] = min(max(position[1], margin), HEIGHT - margin)
        if not moved:
            break
        if round_ >= rounds // 2:
            continue  # the last rounds only part markers, so that they end apart
        for position, point in zip(positions, points, strict=True):
            position[0] += (point[0] - position[0]) * 0.02
            position[1] += (point[1] - position[1]) * 0.02
    return tuple((round(x, 1), round(y, 1)) for x, y in positions)


@dataclass
class Marker:
    number: int
    name: str
    url: str
    project_count: int
    shape: str | None  # SVG path data, None when the data has no outline for the country
    # Where the country is, and where its marker stands at each layout.
    x: float
    y: float
    wide: tuple[float, float]
    phone: tuple[float, float]

    @property
    def phone_moved(self):
        return math.hypot(self.phone[0] - self.x, self.phone[1] - self.y) > RADII["phone_dot"]

    @property
    def wide_moved(self):
        return math.hypot(self.wide[0] - self.x, self.wide[1] - self.y) > RADII["wide_dot"]

    @property
    def label_x(self):
        gap = RADII["wide_dot"] + 6
        return round(self.wide[0] - gap if self.label_left else self.wide[0] + gap, 1)

    @property
    def label_left(self):
        """The wide layout's label goes on the side away from the country, or inwards."""
        if abs(self.wide[0] - self.x) > 1:
            return self.wide[0] < self.x
        return self.wide[0] > WIDTH * 0.6


def partner_map(countries):
    """What `includes/partner-map.html` needs to draw `countries` (each with its `url` and
    `project_count`): the view box and one marker per country of the frame, numbered by its
    place in `countries` as the list under the map is; None when no country falls in the frame
    (a country outside it is in the list only)."""
    outlines = shapes()
    placed = []
    for number, country in enumerate(countries, 1):
        x, y = project(float(country.longitude), float(country.latitude))
        if 0 <= x <= WIDTH and 0 <= y <= HEIGHT:
            placed.append((number, country, (round(x, 1), round(y, 1))))
    if not placed:
        return None
    points = [point for _number, _country, point in placed]
    phone = spread(points, PHONE_SPACING)
    wide = spread(points, WIDE_SPACING)
    markers = [
        Marker(
            number=number,
            name=country.name,
            url=country.url,
            project_count=country.project_count,
            shape=outlines.get(country.iso_code.upper()),
            x=x,
            y=y,
            wide=wide[i],
            phone=phone[i],
        )
        for i, (number, country, (x, y)) in enumerate(placed)
    ]
    return {
        "view_box": " ".join(map(str, VIEW_BOX)),
        "width": WIDTH,
        "height": HEIGHT,
        "markers": markers,
        "radii": RADII,
        # The drawing's elements, written here: the template language would take about a
        # millisecond to look up and render their two hundred numbers.
        "shapes": format_html_join("", SHAPE_SVG, ((m.url, m.shape) for m in markers if m.shape)),
        "phone_markers": mark_safe("".join(map(_phone_svg, markers))),
        "wide_markers": mark_safe("".join(map(_wide_svg, markers))),
    }


# The markers' SVG, filled with str.format: their text (addresses and names) escaped, the rest
# numbers as Python writes them, never localised ("730,4"). Each marker is a link, repeated in
# the list under the map: out of the tab order (the figure is aria-hidden).
SHAPE_SVG = '<a href="{}" tabindex="-1" class="partner-map__shape"><path d="{}"/></a>'
LINE_SVG = '<line x1="{}" y1="{}" x2="{}" y2="{}"/>'
MARKER_SVG = (
    '\n        <a href="{url}" tabindex="-1" class="partner-map__marker">{title}{line}'
    '<circle cx="{x}" cy="{y}" r="{target}" class="partner-map__target"/>'
    '<circle cx="{x}" cy="{y}" r="{dot}" class="partner-map__dot"/>'
    '<text x="{text_x}" y="{y}" dy="0.35em"{anchor}>{text}</text></a>'
)


def _phone_svg(marker):
    """A marker of the phone layout: a tap target numbered as the list, joined by a line to
    its country when it had to move."""
    x, y = marker.phone
    return MARKER_SVG.format(
        url=escape(marker.url),
        title="",
        line=LINE_SVG.format(marker.x, marker.y, x, y) if marker.phone_moved else "",
        x=x,
        y=y,
        target=RADII["phone_target"],
        dot=RADII["phone_dot"],
        text_x=x,
        anchor="",
        text=marker.number,
    )


def _wide_svg(marker):
    """A marker of the wide layout: a dot named beside it, its title saying its number of
    projects."""
    x, y = marker.wide
    name = escape(marker.name)
    if marker.project_count:
        title = ngettext(
            "%(name)s: %(count)s project", "%(name)s: %(count)s projects", marker.project_count
        ) % {"name": name, "count": marker.project_count}
    else:
        title = name
    return MARKER_SVG.format(
        url=escape(marker.url),
        title=f"<title>{title}</title>",
        line=LINE_SVG.format(marker.x, marker.y, x, y) if marker.wide_moved else "",
        x=x,
        y=y,
        target=RADII["wide_target"],
        dot=RADII["wide_dot"],
        text_x=marker.label_x,
        anchor=' text-anchor="end"' if marker.label_left else "",
        text=name,
    )
