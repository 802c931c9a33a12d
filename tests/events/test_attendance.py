"""How many came to a date is entered once the date has begun (as for a room booking): never
for a date still to come, with the activity's local start on that day (a moved date's own)."""

import datetime

import pytest
from django.utils import translation

from consultations.participation import NotAllowed
from events import services
from events.models import Attendance
from tests.factories_events import activity, change, warsaw

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 3, 3)
STARTS = warsaw(2026, 3, 3, 17)  # 16:00 UTC


@pytest.fixture
def meeting(centre):
    return activity(centre, title="Spotkanie sąsiedzkie", starts_at=STARTS)


def record(page, *, now, day=DAY):
    return services.attendance_record(activity=page, day=day, attended=9, by=None, now=now)


def test_a_count_before_the_date_begins_is_refused(meeting):
    with pytest.raises(NotAllowed) as refused:
        record(meeting, now=STARTS - datetime.timedelta(minutes=1))
    assert refused.value.code == "future" and not Attendance.objects.exists()


def test_the_refusal_says_to_enter_the_count_afterwards(meeting):
    with translation.override("en"), pytest.raises(NotAllowed) as refused:
        record(meeting, now=STARTS - datetime.timedelta(days=1))
    assert str(refused.value.message) == (
        "This date has not started yet: enter who came afterwards."
    )


def test_a_count_from_the_moment_the_date_begins_is_saved(meeting):
    record(meeting, now=STARTS)
    assert Attendance.objects.get(activity=meeting).attended == 9


def test_the_start_is_the_local_time_of_that_day_not_midnight_utc(meeting):
    """At 10:00 on the day the 17:00 meeting has not begun, though the day has."""
    with pytest.raises(NotAllowed):
        record(meeting, now=warsaw(2026, 3, 3, 10))


def test_a_date_moved_later_waits_for_its_new_start(meeting):
    change(meeting, DAY, new_starts_at=warsaw(2026, 3, 5, 17))
    with pytest.raises(NotAllowed) as refused:
        record(meeting, now=warsaw(2026, 3, 4, 12))
    assert refused.value.code == "future"
