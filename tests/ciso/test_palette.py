"""The colour system and the fonts of static/css/site.css: every text and control colour pair
the stylesheet uses meets WCAG 2.1 AA, and a page's fonts stay light and never block text."""

import re
from pathlib import Path

import pytest

CSS = (Path(__file__).parents[2] / "static" / "css" / "site.css").read_text()
FONTS = Path(__file__).parents[2] / "static" / "fonts"

# (foreground, background, minimum): text 4.5:1; large text, controls and focus rings 3:1.
PAIRS = [
    ("--ink", "--paper", 4.5),
    ("--ink", "--tint", 4.5),
    ("--muted", "--paper", 4.5),
    ("--muted", "--tint", 4.5),
    ("--red", "--paper", 4.5),  # links, buttons' borders
    ("--red", "--tint", 4.5),
    ("--red-dark", "--tint", 4.5),
    ("--paper", "--red", 4.5),  # button text
    ("--paper", "--red-dark", 4.5),
    ("--paper", "--night", 4.5),  # hero, figures band, footer
    ("--ochre", "--night", 3),  # large figures on the dark bands, and the focus ring there
    ("--focus", "--paper", 3),
    ("--focus", "--tint", 3),
    ("--muted", "--paper", 3),  # form controls' borders
]


def colours():
    root = re.search(r":root\s*{(.*?)}", CSS, re.S).group(1)
    return dict(re.findall(r"(--[\w-]+):\s*(#[0-9a-fA-F]{6})", root))


def luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_of_black_on_white_is_21():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0


@pytest.mark.parametrize(("foreground", "background", "minimum"), PAIRS)
def test_colour_pairs_meet_wcag_aa(foreground, background, minimum):
    palette = colours()
    ratio = contrast(palette[foreground], palette[background])
    assert ratio >= minimum, f"{foreground} on {background}: {ratio:.2f}"


def test_fonts_are_self_hosted_light_and_swap():
    faces = re.findall(r"@font-face\s*{(.*?)}", CSS, re.S)
    assert faces
    total = 0
    for face in faces:
        assert "font-display: swap" in face
        (url,) = re.findall(r'url\("\.\./fonts/([^"]+)"\)', face)
        assert url.endswith(".woff2") and "latin" in url
        total += (FONTS / url).stat().st_size
    assert total <= 80 * 1024, f"{total} bytes of fonts"
    # Each one's licence travels with it.
    for family in {name.split("-latin-")[0] for name in (f.name for f in FONTS.glob("*.woff2"))}:
        assert (FONTS / f"{family}-LICENSE.txt").exists(), family
