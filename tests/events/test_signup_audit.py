"""Who saw or changed residents' names is accountable: opening a date's sign-ups, printing its
attendance list and entering how many came are in Wagtail's action log with who and which
date, whether staff do it in the admin or the organiser on the public site, and show in the
page's history."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry
from wagtail.users.models import UserProfile

from accounts import roles
from events import services
from events.services import audit
from tests.accounts.staff_helpers import staff
from tests.events.test_organiser import url
from tests.events.test_pages import soon
from tests.factories import UserFactory
from tests.factories_events import activity
from tests.factories_partners import PartnerFactory
from tests.factories_proposals import confirmed_user
from tests.factories_rooms import organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(centre):
    page = activity(centre, title="Warsztaty segregacji", starts_at=soon(3), places=5)
    services.signup_join(activity=page, day=soon(3).date(), user=confirmed_user())
    return page


@pytest.fixture
def moderator(client, centre):
    user = staff(centre, roles.MODERATOR)
    client.force_login(user)
    return user


@pytest.fixture
def ngo(client, centre, workshop):
    partner = PartnerFactory(centre=centre, name="Stowarzyszenie Sąsiedzi")
    user = organisation(email="ngo@example.org")
    partner.accounts.add(user)
    workshop.partner = partner
    workshop.save_revision().publish()
    client.force_login(user)
    return user


@pytest.fixture
def held(centre):
    """A workshop held two days ago: how many came may be entered."""
    return activity(centre, title="Warsztaty segregacji", starts_at=soon(-2))


def admin_url(page, name="date", days=3):
    return reverse(f"activity_signups:{name}", args=[page.pk, soon(days).date().isoformat()])


def logged(action):
    found = PageLogEntry.objects.filter(action=action).order_by("pk")
    return list(found.values_list("page_id", "user_id", "data"))


def test_staff_opening_a_dates_sign_ups_is_logged(client, moderator, workshop):
    client.get(admin_url(workshop))
    date = {"date": soon(3).date().isoformat(), "screen": "admin"}
    assert logged(audit.SIGNUPS_VIEWED_ACTION) == [(workshop.pk, moderator.pk, date)]


def test_staff_printing_the_attendance_list_is_logged(client, moderator, workshop):
    client.get(admin_url(workshop, "sheet"))
    date = {"date": soon(3).date().isoformat(), "screen": "admin"}
    assert logged(audit.SHEET_PRINTED_ACTION) == [(workshop.pk, moderator.pk, date)]


def test_staff_entering_the_count_is_logged_with_the_number_before(client, moderator, held):
    client.post(admin_url(held, days=-2), {"action": "attendance", "attended": "4"})
    client.post(admin_url(held, days=-2), {"action": "attendance", "attended": "6"})
    day = soon(-2).date().isoformat()
    assert logged(audit.ATTENDANCE_ACTION) == [
        (held.pk, moderator.pk, {"date": day, "attended": 4, "previous": None}),
        (held.pk, moderator.pk, {"date": day, "attended": 6, "previous": 4}),
    ]


def test_the_organiser_opening_a_dates_sign_ups_is_logged(client, ngo, workshop):
    client.get(url(workshop))
    date = {"date": soon(3).date().isoformat(), "screen": "organiser"}
    assert logged(audit.SIGNUPS_VIEWED_ACTION) == [(workshop.pk, ngo.pk, date)]


def test_the_organiser_printing_the_list_is_logged(client, ngo, workshop):
    client.get(url(workshop, "organiser_sheet"))
    date = {"date": soon(3).date().isoformat(), "screen": "organiser"}
    assert logged(audit.SHEET_PRINTED_ACTION) == [(workshop.pk, ngo.pk, date)]


def test_the_organiser_entering_the_count_is_logged(client, centre, ngo, workshop):
    held = activity(centre, title="Naprawa rowerów", starts_at=soon(-2), partner=workshop.partner)
    client.post(url(held, day=soon(-2).date()), {"attended": "8"})
    [(page_id, user_id, data)] = logged(audit.ATTENDANCE_ACTION)
    assert (page_id, user_id, data["attended"]) == (held.pk, ngo.pk, 8)


def test_a_refused_look_is_not_logged(client, workshop):
    client.force_login(confirmed_user())
    assert client.get(url(workshop)).status_code == 404
    assert not PageLogEntry.objects.filter(action__startswith="mam.activity.").exists()


def test_the_pages_history_shows_who_looked_at_which_date(client, centre, held):
    editor = staff(centre, roles.EDITOR)
    client.force_login(editor)
    client.get(admin_url(held, "sheet", days=-2))
    client.post(admin_url(held, days=-2), {"action": "attendance", "attended": "3"})
    history = client.get(reverse("wagtailadmin_pages:history", args=[held.pk])).text
    assert "Attendance list of" in history and "opened to print (admin panel)" in history
    assert "Number who came on" in history and ": 3" in history


def test_reopening_the_same_date_within_half_an_hour_is_logged_once(client, moderator, workshop):
    client.get(admin_url(workshop))
    client.post(admin_url(workshop), {"action": "desk", "name": "Pan Józef"})  # back to the date
    client.get(admin_url(workshop))
    assert len(logged(audit.SIGNUPS_VIEWED_ACTION)) == 1


def test_a_look_after_half_an_hour_is_logged_again(moderator, workshop):
    day, now = soon(3).date(), timezone.now()
    for minutes in (0, 10, 31):
        audit.signups_view_log(
            activity=workshop,
            day=day,
            by=moderator,
            screen=audit.ADMIN,
            now=now + datetime.timedelta(minutes=minutes),
        )
    assert len(logged(audit.SIGNUPS_VIEWED_ACTION)) == 2


def test_the_admins_site_history_shows_the_looks(client, workshop):
    admin = UserFactory(is_superuser=True)
    UserProfile.objects.update_or_create(user=admin, defaults={"preferred_language": "en"})
    client.force_login(admin)
    client.get(admin_url(workshop, "sheet"))
    response = client.get(reverse("wagtailadmin_reports:site_history"))
    assert response.status_code == 200 and "opened to print (admin panel)" in response.text
