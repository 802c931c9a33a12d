"""People signed up for a date that is cancelled or moved are told when the page is published."""

import pytest
from django.core import mail

from events import services
from tests.events.test_pages import soon
from tests.factories import UserFactory
from tests.factories_events import activity, change

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(centre):
    return activity(
        centre, title="Kurs komputerowy", starts_at=soon(3), places=5, recurrence="FREQ=WEEKLY"
    )


def publish(page):
    page.save_revision(user=UserFactory()).publish()


def signed_up(page, day):
    user = UserFactory()
    services.signup_join(activity=page, day=day, user=user)
    mail.outbox.clear()
    return user


def test_publishing_a_cancelled_date_emails_the_people_signed_up(course):
    person = signed_up(course, soon(10).date())
    change(course, soon(10).date(), note="Centrum nieczynne")
    publish(course)
    assert [m.to for m in mail.outbox] == [[person.email]]
    assert "Kurs komputerowy" in mail.outbox[0].subject
    assert "Centrum nieczynne" in mail.outbox[0].body


def test_publishing_a_moved_date_emails_the_new_time(course):
    signed_up(course, soon(10).date())
    change(course, soon(10).date(), new_starts_at=soon(11, hour=18))
    publish(course)
    assert len(mail.outbox) == 1
    assert "18:00" in mail.outbox[0].body


def test_publishing_again_tells_nobody_twice(course):
    signed_up(course, soon(10).date())
    change(course, soon(10).date())
    publish(course)
    publish(course)
    assert len(mail.outbox) == 1


def test_people_of_other_dates_are_not_told(course):
    signed_up(course, soon(17).date())
    change(course, soon(10).date())
    publish(course)
    assert mail.outbox == []


@pytest.mark.parametrize("moved", [False, True])
def test_in_polish_the_day_name_opens_the_sentence_never_capitalised_inside_it(course, moved):
    """Django writes Polish day names with a capital ("Wtorek"): mid-sentence that is wrong."""
    from django.utils import translation
    from django.utils.formats import date_format

    day = soon(10).date()
    signed_up(course, day)
    change(course, day, **({"new_starts_at": soon(11, hour=18)} if moved else {}))
    with translation.override("pl"):
        publish(course)
        day_name = date_format(day, "l")
    first_line = next(line for line in mail.outbox[0].body.splitlines() if "Kurs" in line)
    assert first_line.startswith(day_name + ",")
    assert f" {day_name}" not in first_line
