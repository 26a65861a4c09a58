"""The map's projection, its marker layout and the committed data tools/map_shapes.py made from
Natural Earth: fast tests, no database."""

import json
import math
import re
from types import SimpleNamespace

import pytest
from django.contrib.staticfiles import finders
from django.utils import translation

from projects import map as partner_map_module
from projects.initial_content import COUNTRIES
from projects.map import HEIGHT, VIEW_BOX, WIDTH, partner_map, project, shapes, spread
from tools import map_shapes


def rings(path):
    """The rings of our generator's path data (M/m, l, z: all it writes), as absolute points."""
    result, ring, x, y = [], [], 0, 0
    for command, numbers in re.findall(r"([Mmlz])([^Mmlz]*)", path):
        values = [int(n) for n in re.findall(r"-?\d+", numbers)]
        pairs = list(zip(values[::2], values[1::2], strict=True))
        if command in "Mm":
            if ring:
                result.append(ring)
            (dx, dy) = pairs[0]
            x, y = (dx, dy) if command == "M" else (x + dx, y + dy)
            ring = [(x, y)]
        elif command == "l":
            for dx, dy in pairs:
                x, y = x + dx, y + dy
                ring.append((x, y))
        else:  # z: back to the ring's first point
            x, y = ring[0]
    if ring:
        result.append(ring)
    return result


def inside(point, path):
    """Even-odd rule, as the map fills its shapes."""
    px, py = point
    crossings = 0
    for ring in rings(path):
        for (ax, ay), (bx, by) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (ay > py) != (by > py) and px < ax + (py - ay) * (bx - ax) / (by - ay):
                crossings += 1
    return crossings % 2 == 1


def test_the_committed_data_parses_and_matches_the_projection():
    data = json.loads(partner_map_module.SHAPES_FILE.read_text())
    assert data["view_box"] == list(VIEW_BOX)
    assert set(data["numeric"]) == set(data["shapes"])
    assert data["numeric"]["HT"] == "332"  # ISO 3166-1 numeric, Natural Earth's ids
    base = finders.find("img/partner-map.svg")
    with open(base) as file:
        svg = file.read()
    assert f'viewBox="0 0 {WIDTH} {HEIGHT}"' in svg
    assert "http://www.w3.org/2000/svg" in svg and "<script" not in svg and "href" not in svg


@pytest.mark.parametrize("iso_code", COUNTRIES)
def test_each_initial_country_has_its_outline_round_its_marker(iso_code):
    """The outline of Haiti (and of each partner country) is inside the view box, and the
    country's marker, projected from the latitude and longitude staff gave it, falls in it or,
    for a narrow island (Cuba's point is off its south coast), within a degree of it."""
    path = shapes()[iso_code]
    points = [point for ring in rings(path) for point in ring]
    assert all(0 <= x <= WIDTH and 0 <= y <= HEIGHT for x, y in points)
    latitude, longitude = (float(value) for value in COUNTRIES[iso_code][5:7])
    marker = project(longitude, latitude)
    assert inside(marker, path) or min(math.dist(marker, point) for point in points) < 5


def test_montreal_and_the_ends_of_the_frame_are_on_the_map():
    for longitude, latitude in [(-73.6, 45.5), (-123, 49), (58, 23), (18.4, -34.4), (-67, -55)]:
        x, y = project(longitude, latitude)
        assert 0 < x < WIDTH and 0 < y < HEIGHT, (longitude, latitude)
    # West is left and north is up.
    assert project(-73.6, 45.5)[0] < project(2.6, 28)[0]
    assert project(-73.6, 45.5)[1] < project(-72.4, 19)[1]


def test_spread_keeps_markers_apart_and_near_their_countries():
    points = [(300, 400), (305, 402), (310, 398), (500, 500)]
    positions = spread(points, 130)
    for i, a in enumerate(positions):
        for b in positions[i + 1 :]:
            assert math.dist(a, b) >= 129
        assert 65 <= a[0] <= WIDTH - 65 and 65 <= a[1] <= HEIGHT - 65
    assert spread(points, 130) == positions  # the same page every time
    # Markers far enough apart stay where their countries are.
    assert spread([(100, 100), (600, 600)], 50) == [(100, 100), (600, 600)]


def test_spread_remembers_layouts_by_their_input_alone():
    """The layout is remembered by its arguments (a pure function): the same as worked out
    anew, a moved point is another layout, and what a caller does with it changes nothing."""
    points = [(300, 400), (305, 402), (310.5, 398)]
    positions = spread(points, 130)
    assert positions == list(partner_map_module._spread.__wrapped__(tuple(points), 130, 500))
    positions.clear()
    assert spread(points, 130) == list(
        partner_map_module._spread.__wrapped__(tuple(points), 130, 500)
    )
    moved = spread([(300, 400), (305, 402), (310.6, 398)], 130)
    assert moved != spread(points, 130)
    assert partner_map_module._spread.cache_info().maxsize <= 16


def _country(iso_code, latitude, longitude, name="A country", count=0):
    return SimpleNamespace(
        iso_code=iso_code,
        latitude=latitude,
        longitude=longitude,
        name=name,
        url=f"/{iso_code}/",
        project_count=count,
    )


def test_phone_markers_are_tap_targets_of_44_px_apart():
    countries = [_country(code, *(float(v) for v in f[5:7])) for code, f in COUNTRIES.items()]
    drawn = partner_map(countries)
    unit = WIDTH / partner_map_module.PHONE_WIDTH  # view box units per CSS px at 390 px
    assert drawn["radii"]["phone_target"] * 2 >= 44 * unit - 0.5
    assert drawn["radii"]["phone_dot"] * 2 >= 20 * unit - 0.5
    positions = [marker.phone for marker in drawn["markers"]]
    for i, a in enumerate(positions):
        for b in positions[i + 1 :]:
            assert math.dist(a, b) >= 44 * unit
    # Markers are numbered by their place in the list.
    assert [marker.number for marker in drawn["markers"]] == list(range(1, 8))


def test_the_drawing_escapes_names_and_addresses_and_counts_in_each_language():
    country = _country("HT", 19, -72.4, name="Haïti & <Caraïbes>", count=2)
    country.url = "/fr/projets/pays/haiti/?a=1&b=2"
    with translation.override("fr"):
        drawn = partner_map([country])
    wide, phone = drawn["wide_markers"], drawn["phone_markers"]
    assert "<title>Haïti &amp; &lt;Caraïbes&gt;\u202f: 2 projets</title>" in wide
    assert ">Haïti &amp; &lt;Caraïbes&gt;</text>" in wide and "<Caraïbes>" not in wide
    assert 'href="/fr/projets/pays/haiti/?a=1&amp;b=2"' in phone
    assert 'href="/fr/projets/pays/haiti/?a=1&amp;b=2"' in drawn["shapes"]
    assert ">1</text>" in phone  # numbered as the list
    with translation.override("en"):
        assert (
            "<title>Haïti &amp; &lt;Caraïbes&gt;: 2 projects</title>"
            in (partner_map([country])["wide_markers"])
        )
    country.project_count = 0
    assert "<title>Haïti &amp; &lt;Caraïbes&gt;</title>" in partner_map([country])["wide_markers"]


def test_a_code_without_outline_and_a_lower_case_code():
    drawn = partner_map([_country("ht", 19, -72.4), _country("XX", 10, -30)])
    haiti, unknown = drawn["markers"]
    assert haiti.shape == shapes()["HT"]
    assert unknown.shape is None
    assert partner_map([_country("VN", 16, 107)]) is None  # outside the frame


def test_the_generator_decodes_clips_and_matches_codes(tmp_path):
    """A small TopoJSON: two squares side by side (a shared border), and a ring across the
    180th meridian that must not streak across the map."""
    topology = {
        "type": "Topology",
        "transform": {"scale": [1, 1], "translate": [-40, 0]},
        "arcs": [
            [[0, 0], [0, 10]],  # 0: the shared border, (-40, 0) to (-40, 10)
            [[0, 10], [-10, 0], [0, -10], [10, 0]],  # 1: west square's other sides
            [[0, 0], [10, 0], [0, 10], [-10, 0]],  # 2: east square's other sides
            [[219, 10], [1, 0], [-359, 0], [0, 1], [359, 0], [-1, -1]],  # 3: across 180°
        ],
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "arcs": [[0, 1]], "id": "332"},
                    {"type": "Polygon", "arcs": [[~0, 2]], "id": "192"},
                    {"type": "MultiPolygon", "arcs": [[[3]]], "id": "242"},
                ],
            },
            "land": {"type": "GeometryCollection", "geometries": []},
        },
    }
    iso = {
        "3166-1": [
            {"numeric": "332", "alpha_2": "HT"},
            {"numeric": "192", "alpha_2": "CU"},
            {"numeric": "242", "alpha_2": "FJ"},
        ]
    }
    (tmp_path / "t.json").write_text(json.dumps(topology))
    (tmp_path / "iso.json").write_text(json.dumps(iso))
    data, svg = map_shapes.generate(tmp_path / "t.json", tmp_path / "iso.json")
    assert set(data["shapes"]) == {"HT", "CU"}  # Fiji is off the frame, and no streak
    assert data["numeric"] == {"CU": "192", "HT": "332"}
    west = rings(data["shapes"]["HT"])[0]
    assert len(west) == 4
    assert abs(min(x for x, _y in west) - project(-50, 5)[0]) <= 1.5
    assert inside(project(-45, 5), data["shapes"]["HT"])
    assert inside(project(-35, 5), data["shapes"]["CU"])
    # The shared arc is drawn once, as a border of the base map.
    borders = re.search(r'stroke="#fff"[^>]* d="([^"]*)"', svg).group(1)
    assert borders.count("M") == 1 and "z" not in borders
