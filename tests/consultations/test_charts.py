"""The server-drawn bar chart: an SVG image with a text alternative and a table of figures."""

from django.template import Context, Template
from django.utils import translation

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
