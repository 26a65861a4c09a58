"""Layouts checked in a browser on markup alone: the site's stylesheet, no server needed."""

from pathlib import Path

import pytest

SITE_CSS = Path(__file__).parents[2] / "static" / "css" / "site.css"


def _figures_page(count):
    cards = "".join(
        f'<li class="figure-card"><p class="figure-card__headline">{n}</p>'
        f'<p class="figure-card__phrase">Figure {n}</p></li>'
        for n in range(count)
    )
    return f'<main class="container"><ul class="figures" role="list">{cards}</ul></main>'


def _rows(page):
    """The number of cards on each row of the figures grid, top to bottom."""
    tops = page.eval_on_selector_all(
        ".figure-card", "cards => cards.map(card => Math.round(card.getBoundingClientRect().top))"
    )
    return [tops.count(top) for top in sorted(set(tops))]


@pytest.mark.parametrize("width", [390, 700, 1000, 1280])
def test_the_last_figure_never_sits_alone_on_a_row(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    for count in range(1, 15):
        page.set_content(_figures_page(count))
        page.add_style_tag(path=str(SITE_CSS))
        rows = _rows(page)
        assert sum(rows) == count
        if max(rows) > 1:  # more than one column: no row of one card
            assert min(rows) > 1, f"{count} figures at {width} px: rows of {rows}"
        # Nothing wider than the screen.
        assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_figures_use_the_width_of_a_wide_screen(page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.set_content(_figures_page(8))
    page.add_style_tag(path=str(SITE_CSS))
    assert _rows(page)[0] >= 3
