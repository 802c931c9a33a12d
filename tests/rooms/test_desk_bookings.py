"""Staff book a room for a caller without an account: the request's own rules, no account
made, confirmed now or left waiting, an email only when the caller gave an address."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from accounts import roles
from consultations.participation import NotAllowed
from rooms import selectors, services
from rooms.models import Booking
from tests.accounts.staff_helpers import staff
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_events import warsaw
from tests.factories_rooms import RoomFactory, open_weekdays

pytestmark = pytest.mark.django_db

NOW = warsaw(2027, 3, 1, 9)  # a Monday
STARTS = warsaw(2027, 3, 3, 17)


def for_caller(room, by, *, starts=STARTS, hours=2, **fields):
    values = {"name": "Jan Kowalski", "purpose": "Próba chóru", "people": 8, **fields}
    return services.booking_for_caller(
        room=room,
        by=by,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=hours),
        now=NOW,
        **values,
    )


@pytest.fixture
def moderator(centre):
    return staff(centre, roles.MODERATOR)


def test_staff_book_for_a_caller_confirmed_at_once(room, moderator):
    booking = for_caller(room, moderator, phone="600 100 200")
    assert booking.state == Booking.State.CONFIRMED
    assert (booking.caller_name, booking.caller_phone) == ("Jan Kowalski", "600 100 200")
    assert booking.requested_by is None and booking.entered_by == moderator
    assert booking.decided_by == moderator


def test_staff_may_leave_the_caller_s_booking_waiting(room, moderator):
    booking = for_caller(room, moderator, confirm=False)
    assert booking.state == Booking.State.PENDING and booking.decided_at is None


def test_booking_for_a_caller_creates_no_account(room, moderator):
    users = get_user_model().objects.count()
    for_caller(room, moderator, email="jan@example.org")
    assert get_user_model().objects.count() == users


def test_an_organisation_named_books_as_an_organisation(room, moderator):
    booking = for_caller(room, moderator, organisation="Stowarzyszenie Sąsiedzi")
    assert booking.user_kind == Booking.UserKind.NGO
    assert booking.booker_label == "Stowarzyszenie Sąsiedzi"


def test_overlapping_booking_for_a_caller_is_refused(room, moderator):
    for_caller(room, moderator)
    with pytest.raises(NotAllowed) as caught:
        for_caller(room, moderator, starts=STARTS + datetime.timedelta(hours=1))
    assert caught.value.code == "overlap"
    assert Booking.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"starts": warsaw(2027, 3, 3, 21)}, "hours"),
        ({"hours": 6}, "longest"),
        ({"starts": warsaw(2027, 6, 3, 17)}, "ahead"),
        ({"people": 21}, "people"),
        ({"name": " "}, "name"),
    ],
)
def test_the_request_s_rules_hold_for_a_caller(room, moderator, fields, code):
    with pytest.raises(NotAllowed) as caught:
        for_caller(room, moderator, **fields)
    assert caught.value.code == code


def test_staff_of_another_centre_cannot_book_for_a_caller(room, home_page):
    other = CentrePageFactory(parent=home_page, title="MAM Chrzanów", slug="chrzanow")
    with pytest.raises(NotAllowed) as caught:
        for_caller(room, staff(other, roles.MODERATOR))
    assert caught.value.code == "staff"


def test_the_caller_is_emailed_when_an_address_is_given(room, moderator):
    for_caller(room, moderator, email="jan@example.org")
    assert [m.to for m in mail.outbox] == [["jan@example.org"]]
    assert "Sala warsztatowa" in mail.outbox[0].subject


def test_no_email_without_an_address(room, moderator):
    for_caller(room, moderator)
    assert mail.outbox == []


def test_declining_a_caller_s_waiting_request_emails_the_reason(room, moderator):
    booking = for_caller(room, moderator, email="jan@example.org", confirm=False)
    mail.outbox.clear()
    services.booking_decline(booking=booking, by=moderator, reason="Remont sali", now=NOW)
    assert "Remont sali" in mail.outbox[0].body


def test_a_caller_s_booking_blocks_the_room_s_week(room, moderator):
    for_caller(room, moderator)
    week = selectors.week(room, datetime.date(2027, 3, 1), selectors.rules(room.centre))
    assert [b.caller_name for b in week.days[2].busy] == ["Jan Kowalski"]


# --- The admin screen ---------------------------------------------------------------------


def post_data(room, **fields):
    day = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    return {
        "room": room.pk,
        "day": day,
        "starts": "17:00",
        "ends": "19:00",
        "name": "Jan Kowalski",
        "phone": "600 100 200",
        "email": "",
        "organisation": "",
        "purpose": "Próba chóru",
        "people": "8",
        "confirm": "1",
        **fields,
    }


def test_admin_screen_books_for_a_caller(client, moderator, room):
    client.force_login(moderator)
    url = reverse("mam_room_bookings:desk")
    assert client.get(url).status_code == 200
    response = client.post(url, post_data(room))
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert (booking.caller_name, booking.state) == ("Jan Kowalski", "confirmed")


def test_admin_screen_shows_an_overlap_as_a_form_error(client, moderator, room):
    client.force_login(moderator)
    url = reverse("mam_room_bookings:desk")
    client.post(url, post_data(room))
    response = client.post(url, post_data(room, name="Anna Nowak", starts="18:00"))
    assert response.status_code == 400
    assert "Anna Nowak" in response.text  # the form comes back filled
    assert Booking.objects.count() == 1
    assert response.context["form"].non_field_errors()


def test_admin_screen_offers_only_the_staff_member_s_rooms(client, moderator, room, home_page):
    other = CentrePageFactory(parent=home_page, title="MAM Chrzanów", slug="chrzanow")
    open_weekdays(other)
    elsewhere = RoomFactory(centre=other, name="Sala w Chrzanowie")
    client.force_login(moderator)
    response = client.post(reverse("mam_room_bookings:desk"), post_data(elsewhere))
    assert response.status_code == 400 and not Booking.objects.exists()
    assert "room" in response.context["form"].errors


def test_a_resident_cannot_open_the_desk_screen(client, room):
    client.force_login(UserFactory())
    assert client.get(reverse("mam_room_bookings:desk")).status_code in (302, 403)


def test_the_queue_names_the_caller(client, moderator, room):
    for_caller(room, moderator, confirm=False)
    client.force_login(moderator)
    assert "Jan Kowalski" in client.get(reverse("mam_room_bookings:index")).text
