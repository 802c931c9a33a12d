"""Accessible bar charts: an inline SVG drawn on the server, with the same numbers in a table.

    {% load charts %}
    {% bar_chart rows caption=_("Votes per proposal") value_label=_("Votes") %}

`rows` is a list of dicts: {"label": str, "value": number, "note": str (optional, e.g.
"funded"), "highlight": bool (optional)}. The SVG is an image with a text alternative
(role="img" and a <title>), the table beside it gives every figure to screen readers and
to people who print the page; no JavaScript, works in the PDF report too.
"""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()

BAR_HEIGHT = 28
GAP = 10
LABEL_WIDTH = 0  # labels are drawn above each bar, so long Polish titles are not cut
WIDTH = 600


def _share(value, total) -> str:
    if not total:
        return number_format(0, 1)
    return number_format(Decimal(value) * 100 / Decimal(total), 1)


@register.inclusion_tag("consultations/charts/bar_chart.html")
def bar_chart(rows, caption, value_label, total=None, chart_id="chart"):
    """Draw horizontal bars for `rows`; percentages are of `total` (the sum when omitted)."""
    rows = list(rows)
    values = [row["value"] or 0 for row in rows]
    total = sum(values) if total is None else total
    largest = max(values, default=0) or 1
    bars = []
    for position, row in enumerate(rows):
        value = row["value"] or 0
        top = position * (BAR_HEIGHT * 2 + GAP)
        bars.append(
            {
                "label": row["label"],
                "value": value,
                "note": row.get("note", ""),
                "highlight": row.get("highlight", False),
                "share": _share(value, total),
                "label_y": top + 18,
                "bar_y": top + BAR_HEIGHT - 4,
                "width": round(value / largest * (WIDTH - 90), 1) if value else 0,
                "value_x": (round(value / largest * (WIDTH - 90), 1) if value else 0) + 8,
            }
        )
    return {
        "rows": bars,
        "caption": caption,
        "value_label": value_label,
        "total": total,
        "chart_id": chart_id,
        "width": WIDTH,
        "height": max(len(rows), 1) * (BAR_HEIGHT * 2 + GAP),
        "bar_height": BAR_HEIGHT - 6,
    }
