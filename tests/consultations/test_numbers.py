"""Percentages are rounded, not cut, and written with the Polish decimal comma."""

import pytest
from django.utils import translation

from consultations.numbers import percent


@pytest.mark.parametrize(
    ("part", "whole", "shown"),
    [(8, 48, "16,7"), (27, 31, "87,1"), (5, 12, "41,7"), (1, 3, "33,3"), (1, 8, "12,5")],
)
def test_percent_rounds_half_up_with_a_decimal_comma(part, whole, shown):
    with translation.override("pl"):
        assert percent(part, whole) == shown


def test_percent_of_nothing_is_zero():
    with translation.override("pl"):
        assert percent(0, 0) == "0,0"
