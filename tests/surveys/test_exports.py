"""The survey export: one row per response, the questions as columns, no person."""

import datetime

import pytest

from tests.factories_proposals import confirmed_user
from tests.factories_survey import respond, survey_page
from tests.factories_voting import voting_consultation
from tests.outcomes.exports_helpers import download, official_of, read_csv, read_xlsx

pytestmark = pytest.mark.django_db

QUESTIONS = [
    ("Jak często bywasz w parku?", "radio", "Codziennie\nRzadziej", True),
    ("Co zmienić?", "multiline", "", False),
]


@pytest.fixture
def answered(home_page, client):
    consultation, _proposals = voting_consultation(home_page)
    survey = survey_page(consultation, questions=QUESTIONS, title="Ankieta o parku")
    author = confirmed_user(display_name="Jan Nowak")
    respond(survey, {"Jak często bywasz w parku?": "Codziennie", "Co zmienić?": "Ławki"}, author)
    respond(survey, {"Jak często bywasz w parku?": "Rzadziej"})
    client.force_login(official_of(consultation))
    return consultation, author


def test_each_response_is_a_row_with_the_questions_as_columns(answered, client):
    consultation, _author = answered
    rows = read_csv(download(client, consultation, "survey", "csv"))
    assert [row["Jak często bywasz w parku?"] for row in rows] == ["Codziennie", "Rzadziej"]
    assert [row["Co zmienić?"] for row in rows] == ["Ławki", ""]
    assert {next(iter(row.values())) for row in rows} == {"Ankieta o parku"}  # first column


def test_the_survey_export_names_nobody(answered, client):
    consultation, author = answered
    data = download(client, consultation, "survey", "json").decode()
    assert "Jan Nowak" not in data
    assert author.email not in data


def test_the_xlsx_has_typed_ids_and_dates(answered, client):
    consultation, _author = answered
    _sheet, _header, rows = read_xlsx(download(client, consultation, "survey", "xlsx"))
    first = rows[0]
    assert any(isinstance(value, int) for value in first.values())
    assert any(isinstance(value, datetime.date | datetime.datetime) for value in first.values())
