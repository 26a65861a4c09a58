"""Illustrations drawn by the site itself for its initial content: abstract compositions in the
CISO's palette (no stock photo, nothing fetched), one per subject, the same for the same
subject every time. Staff replace them with their own photos in the admin.

Each motif is a few shapes that say the subject without words: `solidarity` (circles that
overlap), `education` (lines of a page, a rising sun), `cooperation` (two arcs joining),
`sweatshop` (a seam of stitches), `history` (rings of years), `map` (a meridian grid).
"""

import io
import math
import random

from PIL import Image, ImageDraw, ImageFilter

NIGHT = (19, 35, 58)
RED = (164, 22, 26)
RED_DARK = (122, 15, 18)
OCHRE = (240, 180, 41)
SAND = (246, 240, 230)
TEAL = (13, 107, 110)

MOTIFS = ("solidarity", "education", "cooperation", "sweatshop", "history", "map")


def illustration(motif, seed=0, size=(1600, 1000)):
    """A JPEG (bytes) of `motif` (one of MOTIFS) at `size`, varied by `seed`."""
    if motif not in MOTIFS:
        raise ValueError(f"unknown motif {motif!r}")
    rng = random.Random(f"{motif}:{seed}")
    width, height = size
    image = Image.new("RGB", size, NIGHT)
    _gradient(image, NIGHT, RED_DARK if seed % 2 else TEAL)
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    unit = min(width, height)
    globals()[f"_{motif}"](draw, width, height, unit, rng)
    image.paste(layer, (0, 0), layer)
    # A fine grain, as on a printed poster.
    noise = Image.effect_noise(size, 18).convert("L").filter(ImageFilter.GaussianBlur(0.6))
    image = Image.blend(image, Image.merge("RGB", (noise, noise, noise)), 0.05)
    output = io.BytesIO()
    image.save(output, "JPEG", quality=82, optimize=True, progressive=True)
    return output.getvalue()


def _gradient(image, top, bottom):
    width, height = image.size
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / max(1, height - 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)


def _alpha(colour, alpha):
    return (*colour, alpha)


def _solidarity(draw, width, height, unit, rng):
    # Circles of several sizes that overlap, ochre and red: many people, one movement.
    for _ in range(9):
        r = unit * rng.uniform(0.12, 0.32)
        x, y = rng.uniform(0.1, 0.9) * width, rng.uniform(0.25, 0.95) * height
        colour = rng.choice([OCHRE, RED, SAND])
        _circle(draw, x, y, r, fill=_alpha(colour, rng.randint(90, 170)))
    _sun(draw, width * 0.78, height * 0.28, unit * 0.16)


def _education(draw, width, height, unit, rng):
    # The lines of an open page under a rising sun.
    _sun(draw, width * 0.5, height * 0.62, unit * 0.3)
    for i in range(9):
        y = height * 0.62 + i * unit * 0.045
        inset = width * (0.12 + 0.02 * i)
        draw.line(
            [(inset, y), (width - inset, y)], fill=_alpha(SAND, 200), width=max(2, unit // 90)
        )


def _cooperation(draw, width, height, unit, rng):
    # Two arcs that meet, from each side: partners here and in the Global South.
    y = height * 0.6
    _circle(draw, width * 0.32, y, unit * 0.55, outline=_alpha(OCHRE, 230), width=unit // 22)
    _circle(draw, width * 0.68, y, unit * 0.55, outline=_alpha(SAND, 210), width=unit // 22)
    _circle(draw, width * 0.5, y, unit * 0.09, fill=_alpha(RED, 240))


def _sweatshop(draw, width, height, unit, rng):
    # A seam of stitches across bands of cloth.
    for i in range(5):
        y0 = height * (0.15 + i * 0.17)
        draw.rectangle(
            [0, y0, width, y0 + height * 0.12], fill=_alpha(rng.choice([RED, SAND, OCHRE]), 70)
        )
    step = unit * 0.06
    x = width * 0.05
    while x < width * 0.95:
        y = height * 0.5 + math.sin(x / (unit * 0.2)) * unit * 0.08
        stitch = [(x, y), (x + step * 0.6, y)]
        draw.line(stitch, fill=_alpha(OCHRE, 255), width=max(3, unit // 60))
        x += step


def _history(draw, width, height, unit, rng):
    # Rings of a tree: the years, one around the other.
    cx, cy = width * rng.uniform(0.35, 0.65), height * 0.55
    for i in range(12, 0, -1):
        r = unit * 0.06 * i
        colour = OCHRE if i % 3 == 0 else SAND
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], outline=_alpha(colour, 120 + 10 * (i % 4)),
                     width=max(2, unit // 120))  # fmt: skip
    draw.ellipse(
        [cx - unit * 0.05, cy - unit * 0.05, cx + unit * 0.05, cy + unit * 0.05],
        fill=_alpha(RED, 255),
    )


def _map(draw, width, height, unit, rng):
    # A grid of meridians and parallels, with a few points joined.
    for i in range(1, 12):
        x = width * i / 12
        draw.line([(x, 0), (x, height)], fill=_alpha(SAND, 45), width=2)
    for i in range(1, 8):
        y = height * i / 8
        draw.line([(0, y), (width, y)], fill=_alpha(SAND, 45), width=2)
    points = [(rng.uniform(0.1, 0.9) * width, rng.uniform(0.15, 0.85) * height) for _ in range(6)]
    draw.line(points, fill=_alpha(OCHRE, 200), width=max(3, unit // 80), joint="curve")
    for x, y in points:
        r = unit * 0.025
        draw.ellipse(
            [x - r, y - r, x + r, y + r], fill=_alpha(RED, 255), outline=_alpha(SAND, 255), width=3
        )


def _sun(draw, x, y, r):
    for i in range(16):
        angle = math.pi + i * math.pi / 15
        end = (x + math.cos(angle) * r * 2.2, y + math.sin(angle) * r * 2.2)
        draw.line([(x, y), end], fill=_alpha(OCHRE, 90), width=max(2, int(r / 12)))
    _circle(draw, x, y, r, fill=_alpha(OCHRE, 235))


def _circle(draw, x, y, r, **options):
    draw.ellipse([x - r, y - r, x + r, y + r], **options)
