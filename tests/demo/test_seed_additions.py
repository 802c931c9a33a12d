"""seed_demo on a demo database made before some pieces existed: the missing activities,
rooms, bookings and partners are added, found again by their natural keys (a title under the
index, a name in the centre, a booking's purpose), never twice; what is there is kept."""

import pytest

from demo.events import ensure_activities
from demo.partners import LEGAL_AID, ensure_partners
from demo.rooms import CALLER_PURPOSE, ensure_room_bookings, ensure_rooms
from events.models import ActivityPage
from partners.models import Partner
from rooms.models import Booking, BookingRules, OpeningHours, Room
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_events import activity
from tests.factories_partners import PartnerFactory
from tests.factories_partners import index_of as partners_index_of
from tests.factories_rooms import RoomFactory
from tests.factories_rooms import index_of as rooms_index_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def centre(home_page):
    return CentrePageFactory(parent=home_page, title="MAM Nowy Sącz", slug="nowy-sacz")


@pytest.fixture
def admin():
    return UserFactory(is_superuser=True)


def test_an_older_demos_activities_get_the_missing_ones_and_no_second_copy(centre, admin):
    activity(centre, title="Warsztaty segregacji odpadów", lead="Poprawione przez redakcję.")
    assert ensure_activities(admin) == 5
    titles = list(ActivityPage.objects.descendant_of(centre).values_list("title", flat=True))
    assert len(titles) == len(set(titles)) == 6
    kept = ActivityPage.objects.get(title="Warsztaty segregacji odpadów")
    assert kept.lead == "Poprawione przez redakcję."


def test_a_second_run_adds_no_activities(centre, admin):
    ensure_activities(admin)
    assert ensure_activities(admin) == 0


def test_an_older_demos_partners_get_the_missing_ones(centre, admin):
    partners_index_of(centre)
    PartnerFactory(centre=centre, name=LEGAL_AID, description="Opis od centrum.")
    assert ensure_partners(admin) == 3
    assert Partner.objects.filter(centre=centre).count() == 4
    assert Partner.objects.get(name=LEGAL_AID).description == "Opis od centrum."
    assert ensure_partners(admin) == 0


def test_an_older_demos_rooms_get_the_missing_ones_and_keep_the_centres_rules(centre, admin):
    rooms_index_of(centre)
    RoomFactory(centre=centre, name="Sala warsztatowa", capacity=10)
    rules = BookingRules.objects.create(centre=centre, ahead_days=30)
    assert ensure_rooms(admin) == 2
    assert sorted(Room.objects.filter(centre=centre).values_list("name", flat=True)) == [
        "Pracownia komputerowa",
        "Sala spotkań",
        "Sala warsztatowa",
    ]
    assert BookingRules.objects.get(centre=centre).ahead_days == 30
    assert not OpeningHours.objects.filter(rules=rules).exists()
    assert ensure_rooms(admin) == 0


def test_a_missing_demo_booking_is_added_again_and_only_once(centre, admin):
    ensure_rooms(admin)
    made = ensure_room_bookings(admin)
    assert made == 7
    Booking.objects.filter(purpose=CALLER_PURPOSE).delete()
    assert ensure_room_bookings(admin) == 1
    assert ensure_room_bookings(admin) == 0
    assert Booking.objects.filter(centre=centre).count() == made
