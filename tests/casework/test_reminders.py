"""Reminders before and on a case's due date, by email, each once, sent by the worker's job."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from casework import services
from config.schedule import SCHEDULE
from tests.casework.conftest import staff

pytestmark = pytest.mark.django_db
WARSAW = ZoneInfo("Europe/Warsaw")
MONDAY = datetime.datetime(2027, 3, 1, 8, tzinfo=WARSAW)
THURSDAY = datetime.date(2027, 3, 4)


def assign(proposal, official, due_date, **kwargs):
    return services.assignment_create(
        proposal=proposal, by=official, due_date=due_date, now=MONDAY, **kwargs
    )


def test_the_person_gets_a_reminder_days_before_the_due_date(proposal, official):
    assign(proposal, official, THURSDAY, person=official)
    mail.outbox.clear()
    assert services.reminders_send(now=MONDAY) == 1
    [email] = mail.outbox
    assert email.to == [official.email]
    assert proposal.title in email.subject
    assert f"/admin/cases/proposal/{proposal.pk}/" in email.body


def test_no_reminder_earlier_than_the_configured_days(proposal, official, settings):
    settings.MAM_CASE_REMINDER_DAYS = 2
    assign(proposal, official, THURSDAY, person=official)
    mail.outbox.clear()
    assert services.reminders_send(now=MONDAY) == 0
    assert services.reminders_send(now=MONDAY + datetime.timedelta(days=1)) == 1


def test_each_reminder_is_sent_once_and_again_on_the_day(proposal, official):
    assign(proposal, official, THURSDAY, person=official)
    mail.outbox.clear()
    assert services.reminders_send(now=MONDAY) == 1
    assert services.reminders_send(now=MONDAY + datetime.timedelta(hours=5)) == 0
    assert services.reminders_send(now=MONDAY + datetime.timedelta(days=1)) == 0
    on_the_day = datetime.datetime(2027, 3, 4, 7, tzinfo=WARSAW)
    assert services.reminders_send(now=on_the_day) == 1
    assert services.reminders_send(now=on_the_day) == 0
    assert len(mail.outbox) == 2
    assert "Termin mija dzisiaj" in mail.outbox[1].subject


def test_a_department_case_reaches_its_members_and_its_shared_address(
    proposal, official, roads, nowy_sacz
):
    colleague = staff(nowy_sacz)
    roads.members.add(colleague)
    assign(proposal, official, THURSDAY, department=roads)
    mail.outbox.clear()
    services.reminders_send(now=MONDAY)
    assert sorted(to for email in mail.outbox for to in email.to) == sorted(
        [official.email, colleague.email, "drogi@nowysacz.example.org"]
    )


def test_done_cases_are_not_reminded(proposal, official):
    case = assign(proposal, official, THURSDAY, person=official)
    services.assignment_done(assignment=case, by=official, now=MONDAY)
    mail.outbox.clear()
    assert services.reminders_send(now=MONDAY) == 0


def test_a_reassigned_case_reminds_its_new_holder(proposal, official, nowy_sacz):
    case = assign(proposal, official, THURSDAY, person=official)
    services.reminders_send(now=MONDAY)
    colleague = staff(nowy_sacz)
    services.assignment_reassign(
        assignment=case, by=official, person=colleague, due_date=THURSDAY, now=MONDAY
    )
    mail.outbox.clear()
    assert services.reminders_send(now=MONDAY) == 1
    assert mail.outbox[0].to == [colleague.email]


def test_the_worker_runs_the_reminders_periodically():
    assert "send_case_reminders" in {name for name, _every in SCHEDULE}


def test_the_command_sends_the_due_reminders(proposal, official):
    today = timezone.localdate()
    services.assignment_create(proposal=proposal, by=official, person=official, due_date=today)
    mail.outbox.clear()
    call_command("send_case_reminders")
    assert len(mail.outbox) == 1
