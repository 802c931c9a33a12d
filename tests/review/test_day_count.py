"""Review rules that count in working days: the appeal and decision deadlines, the overdue
marker and the public page follow them; calendar days stay the default."""

import datetime

import pytest
from django.urls import reverse

from review import services
from review.models import Outcome, ReviewSetup
from tests.review.conftest import CRITERIA, assess_all, warsaw
from tests.review.test_appeal_body_access import setup_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def working(setup):
    setup.day_count = ReviewSetup.DayCount.WORKING
    setup.save()
    return setup


def decide_not_admitted(proposal, official, now):
    review = services.review_start(proposal=proposal, by=official, now=now)
    assess_all(review, official, failing=[CRITERIA[1]], now=now)
    return services.review_decide(review=review, outcome=Outcome.NOT_ADMITTED, by=official, now=now)


def test_new_rules_count_calendar_days(consultation):
    setup = ReviewSetup.objects.create(consultation=consultation)
    assert setup.day_count == ReviewSetup.DayCount.CALENDAR


def test_the_appeal_deadline_counts_working_days(working, proposal, official):
    review = decide_not_admitted(proposal, official, warsaw(2026, 3, 13, 12))  # a Friday
    assert review.appeal_until == datetime.date(2026, 3, 24)


def test_a_calendar_appeal_deadline_on_a_sunday_moves_to_the_monday(setup, proposal, official):
    review = decide_not_admitted(proposal, official, warsaw(2026, 3, 1, 12))
    assert review.appeal_until == datetime.date(2026, 3, 9)


def test_the_decision_deadline_counts_working_days(working, proposal, official, author):
    review = decide_not_admitted(proposal, official, warsaw(2026, 3, 13, 12))
    appeal = services.appeal_file(
        review=review, reasons="Teren jest gminny.", by=author, now=warsaw(2026, 3, 16, 12)
    )
    assert appeal.decide_by == datetime.date(2026, 4, 3)


def test_an_appeal_in_working_days_is_not_overdue_on_the_calendar_date(
    working, proposal, official, author
):
    review = decide_not_admitted(proposal, official, warsaw(2026, 3, 13, 12))
    appeal = services.appeal_file(
        review=review, reasons="Teren jest gminny.", by=author, now=warsaw(2026, 3, 16, 12)
    )
    assert not appeal.is_overdue(datetime.date(2026, 3, 31))
    assert appeal.is_overdue(datetime.date(2026, 4, 4))


def test_the_public_page_says_days_are_working_days(client, working, proposal):
    html = client.get(proposal.consultation.sub_url("review_list")).content.decode()
    assert "Terminy liczy się w dniach roboczych" in html


def test_the_public_page_says_days_are_calendar_days(client, setup, proposal):
    html = client.get(proposal.consultation.sub_url("review_list")).content.decode()
    assert "Terminy liczy się w dniach kalendarzowych" in html
    assert "przesuwa się na najbliższy dzień roboczy" in html


def test_an_official_chooses_working_days_in_the_rules(client, setup, official):
    client.force_login(official)
    url = reverse("mam_review_setup:edit", args=[setup.pk])
    assert "jak liczone są dni" in client.get(url, HTTP_ACCEPT_LANGUAGE="pl").content.decode()
    response = client.post(url, setup_form(setup, day_count="working"))
    assert response.status_code == 302
    setup.refresh_from_db()
    assert setup.counts_working_days
