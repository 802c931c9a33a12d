"""A finished consultation never says "days left", and dates outside this year carry the year."""

import datetime

import pytest

from consultations import selectors
from tests.factories_consultations import with_phases
from tests.factories_proposals import open_consultation

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 12, 4, 11, 0, tzinfo=datetime.UTC)


def test_a_finished_consultation_in_implementation_has_no_days_left(home_page):
    consultation = open_consultation(home_page, current="implementation")
    consultation = with_phases(consultation, NOW, current="implementation", days=330)
    sentence = selectors.status_sentence(consultation, NOW)
    assert sentence.startswith("Zakończone ")
    assert "zostało" not in sentence and "zostały" not in sentence
    assert "Realizacja do " in sentence


def test_a_date_in_another_year_carries_the_year(home_page):
    consultation = open_consultation(home_page, current="implementation")
    consultation = with_phases(consultation, NOW, current="implementation", days=330)
    implementation = consultation.phases.get(kind="implementation")
    end = selectors.last_day(implementation)
    assert end.year == 2027
    assert selectors.status_sentence(consultation, NOW).endswith(f" {end.year}")


def test_a_date_in_this_year_has_no_year(home_page):
    consultation = open_consultation(home_page, current="voting")
    consultation = with_phases(consultation, NOW, current="voting", days=6)
    sentence = selectors.status_sentence(consultation, NOW)
    assert sentence.startswith("Głosowanie trwa do ")
    assert "2026" not in sentence


def test_the_consultation_list_shows_the_finished_sentence(client, home_page):
    consultation = open_consultation(home_page, current="implementation")
    consultation = with_phases(consultation, current="implementation", days=330)
    html = client.get(consultation.get_parent().url, HTTP_ACCEPT_LANGUAGE="pl").content.decode()
    assert "Realizacja do " in html
    assert "Realizacja trwa do" not in html
