"""The rooms screens staff use read as Polish (the heuristic of tests/config)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from rooms.models import Booking
from tests.config.test_admin_polish import english_on
from tests.factories import UserFactory
from tests.factories_rooms import resident_of

pytestmark = pytest.mark.django_db


def test_no_rooms_screen_shows_an_english_sentence(client, room, rules, centre):
    admin = UserFactory(is_superuser=True, is_staff=True)
    UserProfile.objects.update_or_create(user=admin, defaults={"preferred_language": "pl"})
    starts = timezone.now() + datetime.timedelta(days=2)
    booking = Booking.objects.create(
        room=room, centre=centre, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2),
        state="pending", user_kind="resident", purpose="Spotkanie", people=4,
        requested_by=resident_of(centre), created_at=timezone.now(),
    )  # fmt: skip
    held = Booking.objects.create(
        room=room, centre=centre, starts_at=starts - datetime.timedelta(days=9),
        ends_at=starts - datetime.timedelta(days=9, hours=-2), state="confirmed",
        user_kind="ngo", purpose="Warsztaty", people=8, created_at=timezone.now(),
    )  # fmt: skip
    client.force_login(admin)
    found = {}
    for url in [
        reverse("mam_rooms:index"),
        reverse("mam_rooms:add"),
        reverse("mam_rooms:edit", args=[room.pk]),
        reverse("mam_booking_rules:index"),
        reverse("mam_booking_rules:edit", args=[rules.pk]),
        reverse("mam_room_bookings:index"),
        reverse("mam_room_bookings:decide", args=[booking.pk]),
        reverse("mam_room_bookings:calendar"),
        reverse("mam_room_bookings:usage"),
        reverse("mam_room_bookings:desk"),
        reverse("mam_room_bookings:schedule"),
        reverse("mam_room_bookings:attendance", args=[held.pk]),
    ]:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="pl")
        assert response.status_code == 200, url
        if english := english_on(response.content.decode()):
            found[url] = english
    assert found == {}


@pytest.mark.parametrize(
    ("state", "polish"),
    [("confirmed", "potwierdzona"), ("declined", "odrzucona"), ("cancelled", "anulowana")],
)
def test_a_bookings_state_reads_as_a_booking_in_polish(state, polish):
    """ "rezerwacja" is feminine: not the sign-up's "potwierdzony" nor a date's "odwołane"."""
    with translation.override("pl"):
        assert str(Booking.State(state).label) == polish
