"""The survey export appears once the survey app provides its rows, typed from them."""

import datetime
import sys
import types

import pytest
from django.utils import timezone

from consultations.exports import registry
from consultations.exports.base import BOOL, DATETIME, INT, TEXT, Options
from consultations.exports.survey import register_survey_export


@pytest.fixture
def fake_survey_app(monkeypatch):
    answered = timezone.make_aware(datetime.datetime(2026, 5, 3, 9))
    module = types.ModuleType("consultations.selectors_survey")
    module.surveys_of = lambda consultation: ["Ankieta o parku"]
    module.survey_rows = lambda survey: iter(
        [
            {"answered_at": answered, "age_group": "30-44", "visits": 3, "would_help": True},
            {"answered_at": answered, "age_group": "65+", "visits": 1, "would_help": False},
        ]
    )
    monkeypatch.setitem(sys.modules, "consultations.selectors_survey", module)
    yield
    registry._exports.pop("survey", None)


def test_without_the_survey_app_no_survey_export_is_offered():
    assert register_survey_export() is None
    assert registry.get("survey") is None


def test_survey_rows_become_a_typed_export(fake_survey_app):
    export = register_survey_export()
    assert registry.get("survey") is export
    columns = export.columns(None, Options())
    assert [(c.key, c.kind) for c in columns] == [
        ("survey", TEXT),
        ("answered_at", DATETIME),
        ("age_group", TEXT),
        ("visits", INT),
        ("would_help", BOOL),
    ]
    rows = list(export.rows(None, Options()))
    assert [row["age_group"] for row in rows] == ["30-44", "65+"]
    assert rows[0]["survey"] == "Ankieta o parku"
    assert export.count(None, Options()) == 2
