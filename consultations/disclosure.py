"""Hiding small counts of people, so that no table (with its totals) points at a neighbour.

`suppress` is the one rule the council report and the exports use:

1. a count of 1–4 people is hidden and shown as "<5" (primary suppression);
2. a line (row or column) whose total is published anywhere, in the table or elsewhere,
   must not hide exactly one cell, or the total minus the shown cells gives it away; so
   another cell of that line is hidden too, the smallest non-zero one first (complementary
   suppression), repeated until no line hides exactly one cell;
3. a cell hidden only to protect another is labelled "hidden" ("ukryte"), never "<5": the
   label says only what is true of the number behind it.

A line of one cell has the cell itself as its total; such a total must not be published
beside a hidden cell (nothing in the line could protect it): `unprotectable` says when a
line is in that case, and its caller leaves the line out.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import pgettext

SMALL_CELL = 5
SMALL_LABEL = f"<{SMALL_CELL}"


def hidden_label() -> str:
    """The label of a cell hidden only to protect another one."""
    return pgettext("suppressed count", "hidden")


def _hidden_cells(
    table: Sequence[Sequence[int]], *, row_totals: bool, column_totals: bool
) -> set[tuple[int, int]]:
    cells = {(r, c) for r, row in enumerate(table) for c in range(len(row))}
    hidden = {(r, c) for (r, c) in cells if 0 < table[r][c] < SMALL_CELL}
    lines: list[list[tuple[int, int]]] = []
    if row_totals:
        lines += [[(r, c) for c in range(len(row))] for r, row in enumerate(table) if len(row) > 1]
    if column_totals:
        width = max((len(row) for row in table), default=0)
        for c in range(width):
            column = [(r, c) for r in range(len(table)) if (r, c) in cells]
            if len(column) > 1:
                lines.append(column)
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(1 for cell in line if cell in hidden) != 1:
                continue
            others = [cell for cell in line if cell not in hidden]
            # The smallest non-zero count first (least information lost), zeros last.
            pick = min(
                others,
                key=lambda cell: (table[cell[0]][cell[1]] == 0, table[cell[0]][cell[1]], cell),
            )
            hidden.add(pick)
            changed = True
    return hidden


def suppress(
    table: Sequence[Sequence[int]], *, row_totals: bool = True, column_totals: bool = True
) -> list[list[int | str]]:
    """Each cell of `table` (counts of people) as it may be shown: the count, "<5" or
    "hidden". `row_totals`/`column_totals` say whether the sums of rows/columns are published
    (in the table or anywhere else)."""
    hidden = _hidden_cells(table, row_totals=row_totals, column_totals=column_totals)
    shown: list[list[int | str]] = []
    for r, row in enumerate(table):
        line: list[int | str] = []
        for c, count in enumerate(row):
            if (r, c) not in hidden:
                line.append(count)
            elif 0 < count < SMALL_CELL:
                line.append(SMALL_LABEL)
            else:
                line.append(hidden_label())
        shown.append(line)
    return shown


def suppress_line(counts: Sequence[int], *, total_published: bool = True) -> list[int | str]:
    """`suppress` for one list of counts whose sum is (or is not) published."""
    table = [[count] for count in counts]
    return [row[0] for row in suppress(table, row_totals=False, column_totals=total_published)]


def unprotectable(counts: Sequence[int], *, total_published: bool = True) -> bool:
    """Whether a line would hide a count that its published total gives back anyway.

    Only a line of one small count is such a line (its total is the count); the caller must
    leave it out rather than show "<5" beside a total that says the number.
    """
    return total_published and len(counts) == 1 and 0 < counts[0] < SMALL_CELL
