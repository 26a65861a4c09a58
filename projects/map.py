"""The map of partner countries, drawn by the site itself as inline SVG.

No tile server and no external request: a plain equirectangular projection of a few coarse
coastlines (drawn here, for orientation only) and one marker per country, placed at the
country's latitude and longitude (Country fields, editable in the admin).
"""

from dataclasses import dataclass

# Coarse outlines (longitude, latitude) of the lands around the partner countries. They are
# deliberately simple: the map locates countries, it does not draw borders.
LAND = [
    # North and Central America
    [(-168, 66), (-140, 70), (-95, 72), (-80, 63), (-65, 60), (-55, 52), (-66, 45), (-70, 42),
     (-76, 35), (-81, 31), (-80, 25.5), (-82.5, 27.5), (-84, 30), (-89, 30), (-97, 27.5),
     (-97.5, 22), (-95, 18.5), (-91, 19), (-90.5, 21), (-87, 21.5), (-88, 16), (-84, 15.5),
     (-83.5, 11), (-81.5, 9), (-79, 9.5), (-77.5, 8.5), (-80, 7.5), (-83, 8.3), (-86, 11),
     (-88, 13.3), (-91.5, 14), (-94.5, 16), (-97, 15.8), (-101, 17.3), (-105.5, 20.5),
     (-105.5, 23), (-110, 27.5), (-112.5, 31.3), (-114.5, 30), (-109.5, 23),
     (-112.2, 24.7), (-114, 28), (-117, 32.5), (-120.5, 34.5), (-124, 40.5), (-124, 47.5),
     (-130, 54), (-140, 59.5), (-152, 58.5), (-158, 56), (-165, 60), (-168, 66)],
    # South America
    [(-77.5, 8.5), (-75.5, 10.7), (-71.5, 12.3), (-64, 10.7), (-60, 8.3), (-52, 4.8),
     (-50, 0), (-44, -2.5), (-35, -5.5), (-39, -13.5), (-41, -22), (-48.5, -26),
     (-53, -33.5), (-58, -38.5), (-62.5, -40.5), (-65, -45.5), (-69, -51), (-68.5, -54.5),
     (-72.5, -53.5), (-75, -48), (-73.5, -40), (-71.5, -30), (-70.3, -18.5), (-76, -14),
     (-81, -5.5), (-80, -1), (-78.5, 2), (-77.5, 8.5)],
    # Cuba and Hispaniola
    [(-84.9, 21.9), (-82, 23.1), (-77.2, 21.7), (-74.2, 20.2), (-77.7, 19.9), (-80.5, 21.4),
     (-84.9, 21.9)],
    [(-74.4, 19.9), (-72.8, 19.9), (-69.8, 19.6), (-68.4, 18.5), (-71.4, 17.6), (-74.4, 18.3),
     (-74.4, 19.9)],
    # Africa
    [(-17, 21), (-16.7, 15), (-17.5, 14.7), (-13.3, 9.5), (-7.5, 4.4), (-2, 4.7), (5.5, 4.3),
     (9, 4), (9.5, 1), (12.3, -5), (13.5, -12), (11.8, -17.5), (15, -27), (18.3, -34.2),
     (25.5, -34), (32.5, -28.5), (35.5, -24), (35, -17.5), (40.5, -15), (39.5, -5),
     (43, 0), (51.3, 11.8), (43.3, 12.5), (38.5, 18), (35.5, 24), (32.5, 30), (29, 30.8),
     (20, 30.7), (19.5, 32.2), (15.5, 32), (11, 33.5), (10.5, 37.2), (3, 36.8), (-1.5, 35.3),
     (-6, 35.8), (-9.7, 30.5), (-13, 27.5), (-17, 21)],
    # Iberia and western Europe, for orientation
    [(-9.5, 43), (-9, 38.5), (-8.9, 37), (-6, 36.1), (-2, 36.7), (0.4, 38.8), (3.2, 42),
     (3, 43.3), (-1.5, 43.4), (-1.3, 46), (-4.5, 48.5), (1.5, 51), (4, 51.5), (8, 54),
     (8, 57.5), (11, 59), (12.5, 56), (14, 54), (19, 54.5), (21, 56), (24, 59.5), (30, 60),
     (30, 45), (28.5, 43.5), (23.5, 37.8), (20.5, 40), (18.5, 40.2), (12.5, 44.5),
     (15.5, 41), (16, 38), (12, 41.5), (9, 44.3), (6, 43.1), (3.2, 42)],
    # Arabian Peninsula and the Levant
    [(32.5, 30), (34.5, 31.5), (36, 35.5), (36.2, 36.7), (43, 37.2), (48, 30.3), (50.5, 26),
     (56.3, 25), (59.8, 22.5), (55, 17.5), (52.2, 15.6), (45, 12.9), (43.3, 12.7),
     (39, 21.5), (35, 28), (32.5, 30)],
]  # fmt: skip

SCALE = 4  # SVG units per degree


@dataclass
class Marker:
    x: float
    y: float
    name: str
    url: str
    project_count: int
    label_left: bool

    @property
    def label_x(self):
        return self.x - 10 if self.label_left else self.x + 10


def _point(longitude, latitude):
    return round((longitude + 180) * SCALE, 1), round((90 - latitude) * SCALE, 1)


def partner_map(countries, *, margin=12):
    """What the template needs to draw `countries` (each with `url` and `project_count`):
    the view box around them, the land outlines and one marker per country."""
    countries = [c for c in countries if c.latitude is not None and c.longitude is not None]
    if not countries:
        return None
    longitudes = [float(c.longitude) for c in countries]
    latitudes = [float(c.latitude) for c in countries]
    west, east = min(longitudes) - margin, max(longitudes) + margin
    south, north = min(latitudes) - margin, max(latitudes) + margin
    # A sensible minimum extent, so that one or two countries do not fill the whole map.
    if east - west < 60:
        middle = (east + west) / 2
        west, east = middle - 30, middle + 30
    if north - south < 40:
        middle = (north + south) / 2
        south, north = middle - 20, middle + 20
    left, top = _point(west, north)
    right, bottom = _point(east, south)
    markers = []
    for country in countries:
        x, y = _point(float(country.longitude), float(country.latitude))
        markers.append(
            Marker(
                x=x,
                y=y,
                name=country.name,
                url=country.url,
                project_count=country.project_count,
                # Labels of the countries on the right side go to the left of their marker.
                label_left=x > (left + right) / 2,
            )
        )
    return {
        "view_box": f"{left} {top} {round(right - left, 1)} {round(bottom - top, 1)}",
        "land": [
            " ".join(f"{x},{y}" for x, y in (_point(lon, lat) for lon, lat in polygon))
            for polygon in LAND
        ],
        "markers": markers,
        "width": round(right - left, 1),
        "height": round(bottom - top, 1),
        "frame": {"x": left, "y": top},
    }
