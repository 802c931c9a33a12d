"""Small counts are hidden so that no total gives them back, and every label tells the truth."""

from hypothesis import given, settings
from hypothesis import strategies as st

from consultations.disclosure import (
    SMALL_CELL,
    SMALL_LABEL,
    hidden_label,
    suppress,
    suppress_line,
    unprotectable,
)

COUNT = st.integers(min_value=0, max_value=30)


@st.composite
def tables(draw):
    rows = draw(st.integers(min_value=1, max_value=6))
    columns = draw(st.integers(min_value=1, max_value=6))
    return [draw(st.lists(COUNT, min_size=columns, max_size=columns)) for _ in range(rows)]


def _lines(table, *, row_totals, column_totals):
    """Every line whose total an attacker knows (a one-cell line's total is the cell itself)."""
    rows, columns = len(table), len(table[0])
    lines = []
    if row_totals and columns > 1:
        lines += [[(r, c) for c in range(columns)] for r in range(rows)]
    if column_totals and rows > 1:
        lines += [[(r, c) for r in range(rows)] for c in range(columns)]
    return lines


def _recovered(table, shown, lines) -> set:
    """Attack: wherever a line with a known total has one unknown cell, subtract; repeat."""
    known = {
        (r, c)
        for r, row in enumerate(shown)
        for c, value in enumerate(row)
        if isinstance(value, int)
    }
    recovered = set()
    progress = True
    while progress:
        progress = False
        for line in lines:
            unknown = [cell for cell in line if cell not in known]
            if len(unknown) == 1:
                known.add(unknown[0])
                recovered.add(unknown[0])
                progress = True
    return recovered


@settings(max_examples=300, deadline=None)
@given(tables(), st.booleans(), st.booleans())
def test_no_hidden_cell_can_be_recovered_by_subtraction_from_totals(table, rows, columns):
    shown = suppress(table, row_totals=rows, column_totals=columns)
    lines = _lines(table, row_totals=rows, column_totals=columns)
    assert _recovered(table, shown, lines) == set()


@settings(max_examples=300, deadline=None)
@given(tables(), st.booleans(), st.booleans())
def test_every_small_count_is_hidden_and_labels_are_honest(table, rows, columns):
    shown = suppress(table, row_totals=rows, column_totals=columns)
    for row, shown_row in zip(table, shown, strict=True):
        for count, cell in zip(row, shown_row, strict=True):
            if 0 < count < SMALL_CELL:
                assert cell == SMALL_LABEL
            elif cell == SMALL_LABEL:
                raise AssertionError(f"{count} labelled {SMALL_LABEL}")
            else:
                assert cell in (count, hidden_label())


@settings(max_examples=200, deadline=None)
@given(st.lists(COUNT, min_size=2, max_size=12))
def test_a_line_with_a_published_total_never_hides_just_one_cell(counts):
    shown = suppress_line(counts)
    assert sum(1 for cell in shown if not isinstance(cell, int)) != 1


def test_a_cell_hidden_to_protect_a_neighbour_is_labelled_hidden_not_small():
    assert suppress_line([16, 3, 20]) == [hidden_label(), SMALL_LABEL, 20]


def test_the_complement_is_the_smallest_count_that_is_not_zero():
    assert suppress_line([16, 3, 0, 7]) == [16, SMALL_LABEL, 0, hidden_label()]


def test_counts_of_five_or_more_stay_when_nothing_is_small():
    assert suppress([[5, 9], [12, 0]]) == [[5, 9], [12, 0]]


@settings(max_examples=300, deadline=None)
@given(st.lists(COUNT, min_size=1, max_size=8))
def test_a_small_count_is_never_left_alone_with_its_published_total(counts):
    """Every line with a published total either protects its hidden cells with a second
    hidden cell, or is a line its caller must leave out (one small cell, its own total)."""
    shown = suppress_line(counts)
    hidden = [value for value in shown if not isinstance(value, int)]
    if unprotectable(counts):
        assert len(counts) == 1 and hidden == [SMALL_LABEL]
    else:
        assert len(hidden) != 1


def test_a_line_of_one_small_count_with_a_published_total_cannot_be_protected():
    assert unprotectable([3])
    assert not unprotectable([3], total_published=False)
    assert not unprotectable([7])
    assert not unprotectable([3, 9])
