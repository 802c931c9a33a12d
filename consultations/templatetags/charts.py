"""Accessible bar charts: an inline SVG drawn on the server, with the same numbers in a table.

    {% load charts %}
    {% bar_chart rows caption=_("Votes per proposal") value_label=_("Votes") %}

`rows` is a list of dicts: {"label": str, "value": number, "note": str (optional, e.g.
"funded"), "highlight": bool (optional)}. The SVG is an image with a text alternative
(role="img" and a <title>), the table beside it gives every figure to screen readers and
to people who print the page; no JavaScript, works in the PDF report too.

The chart is drawn as wide as a phone's column (WIDTH user units, shown at most that many
CSS pixels), so its text is at body size on a 360 px screen. Labels wrap onto as many lines
as they need and the bars leave room for the longest value, measured with generous
character widths, so no label is ever cut, whatever its length.
"""

import math

from django import template
from django.utils.translation import gettext as _

from consultations.numbers import percent

register = template.Library()

WIDTH = 320
FONT_SIZE = 16  # the body text's size; the CSS draws labels and values at this size
LINE_HEIGHT = 20
BAR_HEIGHT = 22
GAP = 14
VALUE_GAP = 6
# Widths in ems, on the wide side of common sans-serif fonts (bold included), so that an
# estimate is never shorter than the drawn text.
NARROW = frozenset(" ,.:;'!|()[]ijlrtfI-")
WIDE = frozenset("%MWmw@ŁĄĘŚŻŹĆŃÓMW")


def text_width(text: str, size: int = FONT_SIZE) -> float:
    """An upper estimate of how wide `text` is drawn at `size` pixels."""
    ems = 0.0
    for character in text:
        if character in NARROW:
            ems += 0.5
        elif character in WIDE or character.isupper():
            ems += 1.05
        else:
            ems += 0.72
    return ems * size


def wrap(text: str, width: float = WIDTH) -> list[str]:
    """Split `text` into lines no wider than `width`, at spaces, or inside a too-long word."""
    lines: list[str] = []
    line = ""
    for word in str(text).split():
        candidate = f"{line} {word}" if line else word
        if text_width(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for character in word:
            if text_width(line + character) > width:
                lines.append(line)
                line = ""
            line += character
    if line or not lines:
        lines.append(line)
    return lines


@register.inclusion_tag("consultations/charts/bar_chart.html")
def bar_chart(
    rows, caption, value_label, total=None, chart_id="chart", share_label=None, share_note=""
):
    """Draw horizontal bars for `rows`; percentages are of `total` (the sum when omitted).

    `share_label` heads the share column (say what the share is of), `share_note` says it
    in a sentence under the chart.
    """
    rows = list(rows)
    values = [row["value"] or 0 for row in rows]
    total = sum(values) if total is None else total
    largest = max(values, default=0) or 1
    shares = [percent(value, total) for value in values]
    texts = [f"{value} ({share}%)" for value, share in zip(values, shares, strict=True)]
    room = max((text_width(text) for text in texts), default=0) + VALUE_GAP
    bar_space = WIDTH - room
    bars = []
    top = 0
    for row, value, share, text in zip(rows, values, shares, texts, strict=True):
        lines = wrap(row["label"])
        bar_y = top + len(lines) * LINE_HEIGHT + 4
        # Rounded down, so the value after the bar never runs past the edge.
        width = math.floor(value / largest * bar_space * 10) / 10 if value else 0
        bars.append(
            {
                "label": row["label"],
                "lines": [
                    {"text": line, "y": top + (number + 1) * LINE_HEIGHT - 4}
                    for number, line in enumerate(lines)
                ],
                "value": value,
                "value_text": text,
                "note": row.get("note", ""),
                "highlight": row.get("highlight", False),
                "share": share,
                "bar_y": bar_y,
                "value_y": bar_y + BAR_HEIGHT - 5,
                "width": width,
                "value_x": width + VALUE_GAP,
            }
        )
        top = bar_y + BAR_HEIGHT + GAP
    return {
        "rows": bars,
        "caption": caption,
        "value_label": value_label,
        "share_label": share_label or _("Share"),
        "share_note": share_note,
        "total": total,
        "chart_id": chart_id,
        "width": WIDTH,
        "height": max(top - GAP, LINE_HEIGHT),
        "bar_height": BAR_HEIGHT,
    }
