"""The demo's partners: four per centre, some contacts private, activities linked to them,
a change waiting for the staff, and past activities with the number who came."""

import pytest

from demo.events import ensure_activities
from demo.partners import LEGAL_AID, REPAIR_CAFE, ensure_partners
from events.models import ActivityPage, Attendance
from partners.models import Partner, PartnerChange
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_rooms import organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def centres(home_page):
    return [
        CentrePageFactory(parent=home_page, title="MAM Nowy Sącz", slug="nowy-sacz"),
        CentrePageFactory(parent=home_page, title="MAM Chrzanów", slug="chrzanow", town="Chrzanów"),
    ]


def test_each_centre_gets_four_partners_some_with_private_contacts(centres):
    assert ensure_partners(UserFactory(is_superuser=True)) == 8
    for centre in centres:
        partners = list(Partner.objects.filter(centre=centre))
        assert len(partners) == 4
        assert any(p.email and not p.email_public for p in partners)
        assert any(p.address and not p.address_public for p in partners)


def test_the_foundations_account_edits_its_entry_and_a_change_waits(centres):
    organisation(email="fundacja.nowysacz@mam.example.org")
    ensure_partners(UserFactory(is_superuser=True))
    foundation = Partner.objects.get(centre=centres[0], name="Fundacja Razem")
    assert foundation.accounts.filter(email="fundacja.nowysacz@mam.example.org").exists()
    assert PartnerChange.objects.get(partner=foundation).state == "pending"


def test_activities_link_to_partners_and_past_dates_have_attendance(centres):
    admin = UserFactory(is_superuser=True)
    ensure_partners(admin)
    ensure_activities(admin)
    for centre in centres:
        duty = ActivityPage.objects.descendant_of(centre).get(partner__name=LEGAL_AID)
        assert duty.partner.centre_id == centre.pk
        cafe = ActivityPage.objects.descendant_of(centre).get(partner__name=REPAIR_CAFE)
        assert Attendance.objects.filter(activity=cafe).count() == 6


def test_a_second_run_adds_no_partners(centres):
    admin = UserFactory(is_superuser=True)
    ensure_partners(admin)
    assert ensure_partners(admin) == 0
