"""Generate the partner map's data from Natural Earth: run once, commit the output.

Writes two files that the site serves as they are (no npm, no request to another host at run
time):

- `static/img/partner-map.svg`: the base map, every land of the frame in one colour and the
  land borders, referenced by the project index as an `<img alt="">` (cacheable, so the page's
  HTML carries only the partner countries);
- `projects/map_shapes.json`: the view box, and the outline of each country of the frame as SVG
  path data keyed by its ISO 3166-1 alpha-2 code (with the numeric code Natural Earth gives,
  the table the codes were matched by), which `projects/map.py` draws highlighted for the
  published partner countries.

Both come out in the projection of `projects/map.py` (Equal Earth, cropped to the Americas,
Africa and Europe up to the Arabian peninsula), and must be regenerated together whenever it
changes (the tests check that the markers fall inside their countries).

Sources: Natural Earth 1:50m (public domain), in the TopoJSON of the npm package
`world-atlas` (ISC), and the ISO 3166-1 table of Debian's `iso-codes` package. To regenerate:

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    apt-get install iso-codes   # /usr/share/iso-codes/json/iso_3166-1.json
    .venv/bin/python -m tools.map_shapes /tmp/package/countries-50m.json

TopoJSON stores each line once (an "arc"), as integer deltas to be scaled by a transform;
rings are lists of arc indexes, a negative index ~i meaning arc i reversed.
"""

import argparse
import json
import math
from pathlib import Path

from projects.map import BOUNDS, VIEW_BOX, project

ROOT = Path(__file__).resolve().parent.parent
SHAPES = ROOT / "projects" / "map_shapes.json"
BASE_MAP = ROOT / "static" / "img" / "partner-map.svg"
ISO_CODES = Path("/usr/share/iso-codes/json/iso_3166-1.json")


def decode_arcs(topology):
    """The arcs as lists of (longitude, latitude)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def arc_points(arcs, index):
    return arcs[index] if index >= 0 else arcs[~index][::-1]


def ring_points(arcs, ring):
    """A ring's points: its arcs end to end, each arc's first point being the last one's end."""
    points = []
    for index in ring:
        part = arc_points(arcs, index)
        points.extend(part if not points else part[1:])
    return points


def polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def clip_ring(points, west, south, east, north):
    """Sutherland-Hodgman: the part of a ring inside a rectangle (a ring again, its cut edges
    running along the rectangle's sides)."""
    edges = [
        (lambda p: p[0] >= west, lambda a, b: _at_x(a, b, west)),
        (lambda p: p[0] <= east, lambda a, b: _at_x(a, b, east)),
        (lambda p: p[1] >= south, lambda a, b: _at_y(a, b, south)),
        (lambda p: p[1] <= north, lambda a, b: _at_y(a, b, north)),
    ]
    for inside, cut in edges:
        if not points:
            break
        result = []
        previous = points[-1]
        for point in points:
            if inside(point):
                if not inside(previous):
                    result.append(cut(previous, point))
                result.append(point)
            elif inside(previous):
                result.append(cut(previous, point))
            previous = point
        points = result
    return points


def _at_x(a, b, x):
    return x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])


def _at_y(a, b, y):
    return a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y


def clip_line(points, west, south, east, north):
    """The runs of a line whose points are inside the rectangle (borders are short segments:
    dropping the one that crosses the frame's edge is invisible, as the frame hides it)."""
    runs, run = [], []
    for point in points:
        if west <= point[0] <= east and south <= point[1] <= north:
            run.append(point)
        else:
            if len(run) > 1:
                runs.append(run)
            run = []
    if len(run) > 1:
        runs.append(run)
    return runs


def path_data(lines, closed):
    """Compact SVG path data of projected lines: integers in view box units, relative moves,
    repeated points dropped, a ring closed with z."""
    parts = []
    cursor = (0, 0)
    for points in lines:
        xy = []
        for x, y in simplify(points, TOLERANCE):
            point = (round(x), round(y))
            if not xy or point != xy[-1]:
                xy.append(point)
        if closed and len(xy) > 1 and xy[0] == xy[-1]:
            xy.pop()
        if len(xy) < (3 if closed else 2):
            continue
        (x, y), rest = xy[0], xy[1:]
        text = ("M" if not parts else "m") + _numbers([x - cursor[0], y - cursor[1]]) + "l"
        deltas, previous = [], (x, y)
        for point in rest:
            deltas += [point[0] - previous[0], point[1] - previous[1]]
            previous = point
        text += _numbers(deltas)
        if closed:
            text += "z"
            cursor = (x, y)  # after z, the current point is the ring's first point
        else:
            cursor = previous
        parts.append(text)
    return "".join(parts)


TOLERANCE = 0.4  # view box units: under half a CSS pixel at the widest the map is shown


def simplify(points, tolerance):
    """Douglas-Peucker: the points a line needs to stay within `tolerance` of itself."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = math.hypot(bx - ax, by - ay)
        farthest, index = 0.0, None
        for i in range(first + 1, last):
            px, py = points[i]
            if length:
                distance = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            else:
                distance = math.hypot(px - ax, py - ay)
            if distance > farthest:
                farthest, index = distance, i
        if index is not None and farthest > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def _numbers(values):
    """Numbers after a path command: a minus sign separates them as well as a space does."""
    text = ""
    for value in values:
        text += ("" if not text or value < 0 else " ") + str(value)
    return text


_MARGIN = 2  # view box units beyond the frame, so that a cut edge never shows


def unwrap(points):
    """A ring that crosses the 180th meridian (Fiji, Chukotka) made continuous: past the
    meridian, its longitudes go on beyond ±180 instead of jumping to the other side."""
    result, shift = [], 0
    for lon, lat in points:
        if result and abs(lon + shift - result[-1][0]) > 180:
            shift += 360 if lon + shift < result[-1][0] else -360
        result.append((lon + shift, lat))
    return result


def clip_to_frame(rings):
    """Rings cut to the frame: first in degrees, so that nothing wraps round the projection's
    back meridian, then projected and cut to the view box."""
    _x, _y, width, height = VIEW_BOX
    result = []
    for ring in rings:
        ring = clip_ring(unwrap(ring), *BOUNDS)
        ring = clip_ring(
            [project(*point) for point in ring],
            -_MARGIN,
            -_MARGIN,
            width + _MARGIN,
            height + _MARGIN,
        )
        # Rings outside the frame leave slivers along its sides: no area, nothing to draw.
        if len(ring) > 2 and abs(_area(ring)) >= 0.5:
            result.append(ring)
    return result


def _area(ring):
    edges = zip(ring, ring[1:] + ring[:1], strict=True)
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in edges) / 2


def clip_lines(lines):
    _x, _y, width, height = VIEW_BOX
    return [
        run
        for line in lines
        for degrees in clip_line(line, *BOUNDS)
        for run in clip_line(
            [project(*point) for point in degrees],
            -_MARGIN,
            -_MARGIN,
            width + _MARGIN,
            height + _MARGIN,
        )
    ]


def generate(topology_path, iso_path=ISO_CODES):
    topology = json.loads(Path(topology_path).read_text())
    iso = json.loads(Path(iso_path).read_text())["3166-1"]
    alpha2 = {entry["numeric"]: entry["alpha_2"] for entry in iso}
    arcs = decode_arcs(topology)

    shapes, numeric = {}, {}
    used_by = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        for polygon in polygons(geometry):
            for ring in polygon:
                for index in ring:
                    used_by.setdefault(index if index >= 0 else ~index, set()).add(id(geometry))
        code = alpha2.get(geometry.get("id"))
        if code is None:
            continue
        rings = clip_to_frame(
            [ring_points(arcs, ring) for polygon in polygons(geometry) for ring in polygon]
        )
        data = path_data(rings, closed=True)
        if data:
            shapes[code] = data
            numeric[code] = geometry["id"]

    land = clip_to_frame(
        [
            ring_points(arcs, ring)
            for geometry in topology["objects"]["land"]["geometries"]
            for polygon in polygons(geometry)
            for ring in polygon
        ]
    )
    # A border is an arc two countries share (a coast belongs to one country only).
    borders = clip_lines(
        [arcs[index] for index, users in sorted(used_by.items()) if len(users) > 1]
    )
    return {
        "shapes": dict(sorted(shapes.items())),
        "numeric": dict(sorted(numeric.items())),
    }, base_map(path_data(land, closed=True), path_data(borders, closed=False))


def base_map(land, borders):
    x, y, width, height = VIEW_BOX
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x} {y} {width} {height}" '
        f'width="{width}" height="{height}">'
        "<!-- Natural Earth 1:50m (public domain), generated by tools/map_shapes.py -->"
        f'<rect x="{x}" y="{y}" width="{width}" height="{height}" fill="#eaf1f5"/>'
        f'<path fill="#e4ddd3" fill-rule="evenodd" d="{land}"/>'
        f'<path fill="none" stroke="#fff" stroke-width="1.2" stroke-linejoin="round" '
        f'd="{borders}"/></svg>\n'
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topology", help="world-atlas's countries-50m.json (or -110m)")
    parser.add_argument("--iso-codes", default=ISO_CODES, help="iso-codes' iso_3166-1.json")
    args = parser.parse_args()
    shapes, svg = generate(args.topology, args.iso_codes)
    x, y, width, height = VIEW_BOX
    shapes = {"view_box": [x, y, width, height], **shapes}
    SHAPES.write_text(json.dumps(shapes, ensure_ascii=False, separators=(",", ":")) + "\n")
    BASE_MAP.parent.mkdir(parents=True, exist_ok=True)
    BASE_MAP.write_text(svg)
    print(f"{SHAPES.relative_to(ROOT)}: {SHAPES.stat().st_size} bytes, {len(shapes['shapes'])}")
    print(f"{BASE_MAP.relative_to(ROOT)}: {BASE_MAP.stat().st_size} bytes")


if __name__ == "__main__":
    main()
