"""Booking rules, one behaviour each: who may ask, the centre's rules and opening hours, no
overlap (with activities too), the centre's decision with its email, cancelling."""

import datetime

import pytest
from django.core import mail

from consultations.participation import NotAllowed
from rooms import services
from rooms.models import Booking
from tests.factories import UserFactory
from tests.factories_events import warsaw
from tests.factories_rooms import closed_on, organisation, resident_of

pytestmark = pytest.mark.django_db

NOW = warsaw(2027, 3, 1, 9)  # a Monday


def ask(room, user, starts=None, hours=2, *, kind="resident", people=10, purpose="Spotkanie"):
    starts = starts or warsaw(2027, 3, 3, 17)
    return services.booking_request(
        room=room,
        user=user,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=hours),
        purpose=purpose,
        people=people,
        user_kind=kind,
        now=NOW,
    )


def refusal_code(call) -> str:
    with pytest.raises(NotAllowed) as caught:
        call()
    return caught.value.code


def test_verified_resident_asks_and_the_request_waits(room, centre):
    booking = ask(room, resident_of(centre))
    assert booking.state == Booking.State.PENDING
    assert booking.centre == centre


def test_confirmed_organisation_asks_as_an_organisation(room):
    booking = ask(room, organisation(), kind="ngo")
    assert (booking.user_kind, booking.organisation) == ("ngo", "Stowarzyszenie Sąsiedzi")


def test_unverified_resident_is_refused(room):
    user = UserFactory()
    user.emailaddress_set.create(email=user.email, verified=True, primary=True)
    assert refusal_code(lambda: ask(room, user)) == "residence"


def test_unconfirmed_organisation_cannot_ask_as_one(room, centre):
    user = resident_of(centre, organisation_name="Klub")
    assert refusal_code(lambda: ask(room, user, kind="ngo")) == "organisation"


def test_resident_cannot_book_for_the_town(room, centre):
    assert refusal_code(lambda: ask(room, resident_of(centre), kind="town")) == "town"


def test_too_far_ahead_is_refused(room, centre):
    far = NOW + datetime.timedelta(days=61)
    far = warsaw(far.year, far.month, far.day, 17)
    assert refusal_code(lambda: ask(room, resident_of(centre), far)) == "ahead"


def test_longer_than_the_longest_slot_is_refused(room, centre):
    assert refusal_code(lambda: ask(room, resident_of(centre), hours=5)) == "longest"


def test_outside_opening_hours_is_refused(room, centre):
    late = warsaw(2027, 3, 3, 19)
    assert refusal_code(lambda: ask(room, resident_of(centre), late, hours=2)) == "hours"


def test_weekday_without_opening_hours_is_refused(room, centre, rules):
    rules.hours.filter(weekday=2).delete()  # Wednesdays closed
    assert refusal_code(lambda: ask(room, resident_of(centre))) == "closed"


def test_closed_day_is_refused_with_its_note(room, centre, rules):
    closed_on(rules, datetime.date(2027, 3, 3), "szkolenie")
    with pytest.raises(NotAllowed) as caught:
        ask(room, resident_of(centre))
    assert caught.value.code == "closed"
    assert "szkolenie" in caught.value.message


def test_past_time_is_refused(room, centre):
    assert refusal_code(lambda: ask(room, resident_of(centre), warsaw(2027, 2, 26, 17))) == "past"


def test_more_people_than_the_room_holds_is_refused(room, centre):
    assert refusal_code(lambda: ask(room, resident_of(centre), people=21)) == "people"


def test_open_requests_limit_per_person(room, centre):
    user = resident_of(centre)
    ask(room, user, warsaw(2027, 3, 3, 10))
    ask(room, user, warsaw(2027, 3, 4, 10))
    assert refusal_code(lambda: ask(room, user, warsaw(2027, 3, 5, 10))) == "open_requests"


def test_cancelled_request_frees_a_place_in_the_limit(room, centre):
    user = resident_of(centre)
    first = ask(room, user, warsaw(2027, 3, 3, 10))
    ask(room, user, warsaw(2027, 3, 4, 10))
    services.booking_cancel(booking=first, user=user, now=NOW)
    assert ask(room, user, warsaw(2027, 3, 5, 10)).state == Booking.State.PENDING


def test_confirming_emails_the_requester(room, centre, committed):
    booking = ask(room, resident_of(centre, email="anna@example.org"))
    services.booking_confirm(booking=booking, by=UserFactory(), now=NOW)
    booking.refresh_from_db()
    assert booking.state == Booking.State.CONFIRMED
    assert [m.to for m in mail.outbox] == [["anna@example.org"]]
    assert "Sala warsztatowa" in mail.outbox[0].subject


def test_declining_emails_the_reason(room, centre):
    booking = ask(room, resident_of(centre, email="anna@example.org"))
    services.booking_decline(booking=booking, by=UserFactory(), reason="Remont sali", now=NOW)
    booking.refresh_from_db()
    assert booking.state == Booking.State.DECLINED
    assert "Remont sali" in mail.outbox[0].body


def test_declining_needs_a_reason(room, centre):
    booking = ask(room, resident_of(centre))
    call = lambda: services.booking_decline(booking=booking, by=UserFactory(), reason=" ")  # noqa: E731
    assert refusal_code(call) == "reason"


def test_overlapping_request_of_a_confirmed_booking_is_refused(room, centre):
    booking = ask(room, resident_of(centre))
    services.booking_confirm(booking=booking, by=UserFactory(), now=NOW)
    later = warsaw(2027, 3, 3, 18)
    assert refusal_code(lambda: ask(room, organisation(), later, kind="ngo")) == "overlap"


def test_second_of_two_overlapping_requests_cannot_be_confirmed(room, centre):
    first = ask(room, resident_of(centre))
    second = ask(room, organisation(), warsaw(2027, 3, 3, 18), kind="ngo")
    services.booking_confirm(booking=first, by=UserFactory(), now=NOW)
    call = lambda: services.booking_confirm(booking=second, by=UserFactory(), now=NOW)  # noqa: E731
    assert refusal_code(call) == "overlap"


def test_back_to_back_bookings_do_not_overlap(room, centre):
    first = ask(room, resident_of(centre))
    second = ask(room, organisation(), warsaw(2027, 3, 3, 19), hours=1, kind="ngo")
    services.booking_confirm(booking=first, by=UserFactory(), now=NOW)
    services.booking_confirm(booking=second, by=UserFactory(), now=NOW)
    assert Booking.objects.confirmed().count() == 2


def test_activity_in_the_room_blocks_a_request(room, centre, home_page):
    activity = home_page  # any page stands for the activity here
    slot = (datetime.date(2027, 3, 3), warsaw(2027, 3, 3, 16), warsaw(2027, 3, 3, 18))
    services.activity_bookings_replace(
        activity=activity, room=room, slots=[slot], user_kind="centre", now=NOW
    )
    with pytest.raises(NotAllowed) as caught:
        ask(room, resident_of(centre))
    assert caught.value.code == "overlap"


def test_activity_over_a_confirmed_booking_is_refused(room, centre, home_page):
    booking = ask(room, resident_of(centre))
    services.booking_confirm(booking=booking, by=UserFactory(), now=NOW)
    slot = (datetime.date(2027, 3, 3), warsaw(2027, 3, 3, 16), warsaw(2027, 3, 3, 18))
    call = lambda: services.activity_bookings_replace(  # noqa: E731
        activity=home_page, room=room, slots=[slot], user_kind="centre", now=NOW
    )
    assert refusal_code(call) == "overlap"


def test_requester_cancels_a_confirmed_booking(room, centre):
    user = resident_of(centre)
    booking = ask(room, user)
    services.booking_confirm(booking=booking, by=UserFactory(), now=NOW)
    services.booking_cancel(booking=booking, user=user, now=NOW)
    booking.refresh_from_db()
    assert booking.state == Booking.State.CANCELLED


def test_someone_else_cannot_cancel(room, centre):
    booking = ask(room, resident_of(centre))
    call = lambda: services.booking_cancel(booking=booking, user=UserFactory(), now=NOW)  # noqa: E731
    assert refusal_code(call) == "owner"
