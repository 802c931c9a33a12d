"""A daily digest to the officials who decide appeals: appeals due soon or overdue, each once
a day, sent by the worker's job."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from config.schedule import SCHEDULE
from review import services
from review.models import Appeal, Outcome, Review
from tests.factories_proposals import ProposalFactory
from tests.review.conftest import warsaw

pytestmark = pytest.mark.django_db
MONDAY = warsaw(2027, 3, 1, 8)


def appeal(consultation, author, decide_by, title="Skwer przy szkole"):
    proposal = ProposalFactory(consultation=consultation, author=author, title=title)
    review = Review.objects.create(
        proposal=proposal,
        outcome=Outcome.NOT_ADMITTED,
        decided_at=MONDAY - datetime.timedelta(days=20),
        appeal_until=datetime.date(2027, 2, 16),
    )
    return Appeal.objects.create(
        review=review,
        reasons="Teren należy do miasta.",
        channel=Appeal.Channel.ONLINE,
        filed_by=author,
        filed_at=MONDAY - datetime.timedelta(days=15),
        decide_by=decide_by,
    )


def test_the_digest_lists_appeals_due_soon_and_overdue(setup, consultation, author, official):
    appeal(consultation, author, datetime.date(2027, 2, 27), title="Fontanna na rynku")
    appeal(consultation, author, datetime.date(2027, 3, 3), title="Ławki przy stawie")
    appeal(consultation, author, datetime.date(2027, 3, 20), title="Boisko na osiedlu")
    mail.outbox.clear()
    assert services.appeal_reminders_send(now=MONDAY) == 1
    [email] = mail.outbox
    assert email.to == [official.email]
    assert "1 odwołanie po terminie decyzji" in email.subject
    assert "Fontanna na rynku" in email.body
    assert "Po terminie: decyzja należała się do 27 lutego 2027" in email.body
    assert "Ławki przy stawie" in email.body
    assert "Termin decyzji: 3 marca 2027" in email.body
    assert "Boisko na osiedlu" not in email.body


def test_each_appeal_is_in_a_digest_once_a_day(setup, consultation, author, official):
    appeal(consultation, author, datetime.date(2027, 3, 2))
    mail.outbox.clear()
    assert services.appeal_reminders_send(now=MONDAY) == 1
    assert services.appeal_reminders_send(now=MONDAY + datetime.timedelta(hours=5)) == 0
    assert services.appeal_reminders_send(now=MONDAY + datetime.timedelta(days=1)) == 1
    assert len(mail.outbox) == 2


def test_nothing_is_sent_when_no_appeal_is_due(setup, consultation, author, official):
    due = appeal(consultation, author, datetime.date(2027, 3, 10))
    decided = appeal(consultation, author, datetime.date(2027, 2, 20), title="Rozstrzygnięte")
    decided.decision = Appeal.Decision.DISMISSED
    decided.decided_at = MONDAY
    decided.save()
    mail.outbox.clear()
    assert services.appeal_reminders_send(now=MONDAY) == 0
    assert mail.outbox == []
    assert due.decide_by > datetime.date(2027, 3, 4)


def test_the_reminder_days_are_a_setting(setup, consultation, author, official, settings):
    settings.MAM_APPEAL_REMINDER_DAYS = 10
    appeal(consultation, author, datetime.date(2027, 3, 10))
    mail.outbox.clear()
    assert services.appeal_reminders_send(now=MONDAY) == 1


def test_the_worker_runs_the_reminders_hourly(setup, consultation, author, official):
    assert ("send_appeal_reminders", datetime.timedelta(hours=1)) in SCHEDULE
    appeal(consultation, author, timezone.localdate() - datetime.timedelta(days=1))
    mail.outbox.clear()
    call_command("send_appeal_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1
