"""The reminder the day before, to those with a confirmed place: once each."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from config.schedule import SCHEDULE
from events import services
from tests.factories import UserFactory
from tests.factories_events import activity, change, warsaw

pytestmark = pytest.mark.django_db

EVENING_BEFORE = warsaw(2026, 12, 7, 18)


@pytest.fixture
def workshop(centre):
    return activity(centre, title="Kurs komputerowy", starts_at=warsaw(2026, 12, 8, 17), places=1)


def sign_up(page, day=datetime.date(2026, 12, 8)):
    return services.signup_join(
        activity=page, day=day, user=UserFactory(), now=warsaw(2026, 12, 1, 12)
    )


def test_confirmed_participants_get_a_reminder_with_the_place_and_cancel_link(workshop):
    signup = sign_up(workshop)
    mail.outbox.clear()
    assert services.reminders_send(now=EVENING_BEFORE) == 1
    [email] = mail.outbox
    assert email.to == [signup.user.email]
    assert "Kurs komputerowy" in email.subject
    assert "Sala duża" in email.body and "/wypisz/" in email.body


def test_a_second_run_sends_nothing_again(workshop):
    sign_up(workshop)
    services.reminders_send(now=EVENING_BEFORE)
    mail.outbox.clear()
    assert services.reminders_send(now=EVENING_BEFORE + datetime.timedelta(hours=1)) == 0
    assert mail.outbox == []


def test_people_on_the_waiting_list_get_no_reminder(workshop):
    sign_up(workshop)
    waiting = sign_up(workshop)
    mail.outbox.clear()
    services.reminders_send(now=EVENING_BEFORE)
    assert waiting.user.email not in [email.to[0] for email in mail.outbox]


def test_no_reminder_two_days_before(workshop):
    sign_up(workshop)
    mail.outbox.clear()
    assert services.reminders_send(now=EVENING_BEFORE - datetime.timedelta(days=1)) == 0


def test_a_moved_date_is_reminded_the_day_before_its_new_date(centre):
    page = activity(centre, starts_at=warsaw(2026, 12, 8, 17), places=5, recurrence="FREQ=WEEKLY")
    sign_up(page, day=datetime.date(2026, 12, 15))
    change(page, datetime.date(2026, 12, 15), new_starts_at=warsaw(2026, 12, 17, 17))
    mail.outbox.clear()
    assert services.reminders_send(now=warsaw(2026, 12, 14, 18)) == 0
    assert services.reminders_send(now=warsaw(2026, 12, 16, 18)) == 1


def test_the_command_is_on_the_schedule_and_runs(workshop):
    assert "send_activity_reminders" in dict(SCHEDULE)
    call_command("send_activity_reminders")


UTC = datetime.UTC


def test_no_reminder_on_the_day_before_until_the_reminder_hour(workshop, settings):
    settings.MAM_ACTIVITY_REMINDER_HOUR = 10
    sign_up(workshop)
    assert services.reminders_send(now=warsaw(2026, 12, 7, 0, 5)) == 0
    assert services.reminders_send(now=warsaw(2026, 12, 7, 9, 59)) == 0
    assert services.reminders_send(now=warsaw(2026, 12, 7, 10)) == 1


def test_no_late_reminder_on_the_day_itself(workshop, settings):
    settings.MAM_ACTIVITY_REMINDER_HOUR = 10
    sign_up(workshop)
    assert services.reminders_send(now=warsaw(2026, 12, 8, 11)) == 0


def test_hourly_runs_through_the_day_before_send_each_reminder_once(workshop, settings):
    settings.MAM_ACTIVITY_REMINDER_HOUR = 10
    sign_up(workshop)
    runs = [warsaw(2026, 12, 7, hour, 3) for hour in range(24)]
    assert sum(services.reminders_send(now=run) for run in runs) == 1


@pytest.mark.parametrize(
    ("day_before", "utc_hour", "sent"),
    [
        # summer time begins on Sunday 28 March 2027: 10:00 in Warsaw is 08:00 UTC
        (datetime.date(2027, 3, 28), 7, 0),
        (datetime.date(2027, 3, 28), 8, 1),
        # summer time ends on Sunday 31 October 2027: 10:00 in Warsaw is 09:00 UTC
        (datetime.date(2027, 10, 31), 8, 0),
        (datetime.date(2027, 10, 31), 9, 1),
    ],
)
def test_the_reminder_hour_is_polish_time_across_the_clock_change(
    centre, settings, day_before, utc_hour, sent
):
    settings.MAM_ACTIVITY_REMINDER_HOUR = 10
    day = day_before + datetime.timedelta(days=1)
    page = activity(centre, starts_at=warsaw(day.year, day.month, day.day, 17), places=3)
    week_before = page.starts_at - datetime.timedelta(days=7)
    services.signup_join(activity=page, day=day, user=UserFactory(), now=week_before)
    now = datetime.datetime.combine(day_before, datetime.time(utc_hour, 30), tzinfo=UTC)
    assert services.reminders_send(now=now) == sent


def test_a_weekly_activity_is_reminded_the_day_before_each_date_once(centre, settings):
    settings.MAM_ACTIVITY_REMINDER_HOUR = 10
    page = activity(centre, starts_at=warsaw(2026, 12, 8, 17), places=5, recurrence="FREQ=WEEKLY")
    sign_up(page)
    sign_up(page, day=datetime.date(2026, 12, 15))
    assert services.reminders_send(now=warsaw(2026, 12, 7, 12)) == 1
    assert services.reminders_send(now=warsaw(2026, 12, 7, 13)) == 0
    assert services.reminders_send(now=warsaw(2026, 12, 14, 12)) == 1
