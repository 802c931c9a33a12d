"""The centre's decisions on room requests and the requester's cancelling are in Wagtail's
action log: who decided, and why a request was declined."""

import pytest
from wagtail.models import ModelLogEntry

from consultations.participation import NotAllowed
from rooms import services
from rooms.services.decisions import CANCEL_ACTION, CONFIRM_ACTION, DECLINE_ACTION
from tests.factories import UserFactory
from tests.factories_rooms import resident_of
from tests.rooms.test_services import NOW, ask

pytestmark = pytest.mark.django_db


def entry(action):
    return ModelLogEntry.objects.get(action=action)


def test_a_confirmation_is_logged_with_who_confirmed(room, centre):
    staff = UserFactory()
    booking = services.booking_confirm(booking=ask(room, resident_of(centre)), by=staff, now=NOW)
    logged = entry(CONFIRM_ACTION)
    assert (logged.user_id, logged.object_id) == (staff.pk, str(booking.pk))


def test_a_refusal_is_logged_with_its_reason(room, centre):
    staff = UserFactory()
    services.booking_decline(
        booking=ask(room, resident_of(centre)), by=staff, reason="Remont sali.", now=NOW
    )
    logged = entry(DECLINE_ACTION)
    assert logged.user_id == staff.pk and logged.data == {"reason": "Remont sali."}


def test_the_requesters_cancelling_is_logged_as_theirs(room, centre):
    person = resident_of(centre)
    services.booking_cancel(booking=ask(room, person), user=person, now=NOW)
    assert entry(CANCEL_ACTION).user_id == person.pk


def test_a_refused_decision_logs_nothing(room, centre):
    booking = ask(room, resident_of(centre))
    services.booking_cancel(booking=booking, user=booking.requested_by, now=NOW)
    with pytest.raises(NotAllowed):
        services.booking_confirm(booking=booking, by=UserFactory(), now=NOW)
    assert not ModelLogEntry.objects.filter(action=CONFIRM_ACTION).exists()
