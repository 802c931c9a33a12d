"""The server-drawn bar chart: an SVG image with a text alternative and a table of figures."""

from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation
from fontTools.ttLib import TTFont

from consultations.templatetags import charts

TEMPLATE = Template("{% load charts %}{% bar_chart rows caption='Głosy' value_label='Liczba' %}")
ROWS = [{"label": "Ławki", "value": 3, "highlight": True}, {"label": "Kosze", "value": 1}]


def test_the_chart_is_an_image_with_a_table_of_the_same_figures():
    with translation.override("pl"):
        html = TEMPLATE.render(Context({"rows": ROWS}))
    assert 'role="img"' in html
    assert "<table" in html
    assert "75,0%" in html
    assert "25,0%" in html


def test_an_empty_chart_renders_without_dividing_by_zero():
    html = TEMPLATE.render(Context({"rows": [{"label": "Ławki", "value": 0}]}))
    assert "0" in html


# --- Labels fit at every length ----------------------------------------------------------

FONTS = Path(__file__).resolve().parents[2] / "home/static/home/fonts"


def _drawn_width(text: str, font_file: str, size: int = charts.FONT_SIZE) -> float:
    """How wide DejaVu Sans (the report's font) really draws `text`."""
    font = TTFont(FONTS / font_file)
    cmap = font.getBestCmap()
    advances = font["hmtx"]
    scale = size / font["head"].unitsPerEm
    return sum(advances[cmap[ord(character)]][0] for character in text) * scale


def test_the_estimate_is_never_narrower_than_the_report_font():
    for text in ["40 (83,3%)", "1234 (100,0%)", "ŁĄKA WWW %%%", "Plac zabaw przy ul. Długiej"]:
        assert charts.text_width(text) >= _drawn_width(text, "DejaVuSans-Bold.ttf")


@pytest.mark.parametrize("values", [[40, 8], [1, 1], [99999, 1, 0], [7], [0, 0]])
@pytest.mark.parametrize("label", ["A", "Plac zabaw " * 12, "Bardzodługiesłowobezspacji" * 4])
def test_every_value_and_label_fits_inside_the_chart(values, label):
    rows = [{"label": f"{label} {n}", "value": value} for n, value in enumerate(values)]
    with translation.override("pl"):
        context = charts.bar_chart(rows, caption="Głosy", value_label="Liczba", total=48)
    for row in context["rows"]:
        assert row["value_x"] + charts.text_width(row["value_text"]) <= context["width"]
        assert row["value_y"] <= context["height"]
        for line in row["lines"]:
            assert charts.text_width(line["text"]) <= context["width"]
        # Nothing is cut: the lines hold the whole label.
        assert "".join(line["text"] for line in row["lines"]).replace(" ", "") == row[
            "label"
        ].replace(" ", "")


def test_the_value_keeps_its_closing_bracket():
    with translation.override("pl"):
        html = TEMPLATE.render(Context({"rows": [{"label": "Ławki", "value": 40}], "total": 48}))
    assert "40 (100,0%)" in html


def test_shares_in_the_chart_are_rounded_not_cut():
    template = Template(
        "{% load charts %}{% bar_chart rows caption='G' value_label='L' total=48 %}"
    )
    with translation.override("pl"):
        html = template.render(Context({"rows": [{"label": "Ławki", "value": 8}]}))
    assert "16,7%" in html
    assert "16,6%" not in html


def test_the_chart_is_drawn_at_phone_width_with_body_size_text():
    """At 360 px the SVG is shown 1:1, so 16-unit text is 16 px on the screen."""
    assert charts.WIDTH <= 328  # a 360 px screen less the page's padding
    assert charts.FONT_SIZE >= 16
    html = TEMPLATE.render(Context({"rows": ROWS}))
    assert f'width="{charts.WIDTH}"' in html
