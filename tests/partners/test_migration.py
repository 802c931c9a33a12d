"""events 0004: activities whose organiser was a partner named in free text link to a partner
entry of their centre with that name (unlisted until staff complete it)."""

import importlib

import pytest
from django.apps import apps

from partners.models import Partner
from tests.events.test_pages import soon
from tests.factories_events import activity

pytestmark = pytest.mark.django_db
migration = importlib.import_module("events.migrations.0004_partners_from_organiser_names")


def test_free_text_partner_organisers_become_linked_partner_entries(centre, other_centre):
    a = activity(centre, organiser="partner", organiser_name="Fundacja Razem", starts_at=soon(2))
    b = activity(centre, organiser="partner", organiser_name="Fundacja Razem", starts_at=soon(3))
    c = activity(
        other_centre, organiser="partner", organiser_name="Fundacja Razem", starts_at=soon(2)
    )
    town = activity(centre, organiser="town", organiser_name="Urząd Miasta", starts_at=soon(2))
    migration.link(apps, None)
    for page in (a, b, c, town):
        page.refresh_from_db()
    assert a.partner_id == b.partner_id and a.partner.centre_id == centre.pk
    assert c.partner.centre_id == other_centre.pk and not c.partner.listed
    assert town.partner_id is None
    assert Partner.objects.count() == 2
