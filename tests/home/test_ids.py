"""Ids from outside are parsed in one place: ASCII digits, within the database's range."""

import pytest
from django.urls import resolve

from home.ids import MAX_ID, parse_id


@pytest.mark.parametrize(
    ("value", "expected"),
    [("42", 42), (" 7 ", 7), ("0", 0), (str(MAX_ID), MAX_ID), (5, 5)],
)
def test_ids_are_read(value, expected):
    assert parse_id(value) == expected


@pytest.mark.parametrize(
    "value",
    ["²", "١٢", "-1", "+1", "", "1.0", "1e3", "\x00", str(MAX_ID + 1), "9" * 30, None, True, -1],
)
def test_what_cannot_be_an_id_is_none(value):
    assert parse_id(value) is None


def test_the_id_converter_does_not_match_numbers_beyond_the_range():
    assert resolve("/konto/zamieszkanie/12/").kwargs == {"centre_id": 12}
    # Only Wagtail's page catch-all is left to try (and it finds no such page: a 404).
    assert resolve(f"/konto/zamieszkanie/{MAX_ID + 1}/").url_name != "residency_centre"
