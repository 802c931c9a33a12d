"""Staff screens: a centre's dates, the desk sign-up, cancelling, the printable list and the
count of who came; staff of one centre never see another's."""

import pytest
from django.urls import reverse
from django.utils import formats, translation

from accounts import roles
from events import services
from events.models import Attendance, SignUp
from tests.accounts.staff_helpers import staff
from tests.events.test_pages import soon
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_events import activity

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(centre):
    return activity(centre, title="Warsztaty segregacji", starts_at=soon(3), places=1)


@pytest.fixture
def moderator(client, centre):
    user = staff(centre, roles.MODERATOR)
    client.force_login(user)
    return user


@pytest.fixture
def held(centre):
    """A workshop held two days ago: how many came may be entered."""
    return activity(centre, title="Warsztaty segregacji", starts_at=soon(-2), places=1)


def date_url(page, name="date", days=3):
    return reverse(f"activity_signups:{name}", args=[page.pk, soon(days).date().isoformat()])


def test_staff_see_their_centres_dates(client, moderator, workshop):
    response = client.get(reverse("activity_signups:index"))
    assert response.status_code == 200 and "Warsztaty segregacji" in response.text


def test_staff_of_another_centre_see_none_of_its_dates(client, home_page, workshop):
    other = CentrePageFactory(parent=home_page, title="MAM Chrzanów", slug="chrzanow")
    client.force_login(staff(other, roles.MODERATOR))
    assert "Warsztaty segregacji" not in client.get(reverse("activity_signups:index")).text
    assert client.get(date_url(workshop)).status_code == 404
    assert client.get(date_url(workshop, "sheet")).status_code == 404


def test_a_resident_may_not_open_the_screens(client, workshop):
    client.force_login(UserFactory())
    assert client.get(reverse("activity_signups:index")).status_code in (302, 403)


def test_desk_sign_up_by_name_only(client, moderator, workshop):
    response = client.post(date_url(workshop), {"action": "desk", "name": "Pan Józef"})
    assert response.status_code == 302
    signup = SignUp.objects.get()
    assert (signup.name, signup.user, signup.entered_by) == ("Pan Józef", None, moderator)


def test_desk_sign_up_without_a_name_shows_the_error(client, moderator, workshop):
    response = client.post(date_url(workshop), {"action": "desk", "name": ""})
    assert response.status_code == 400
    assert SignUp.objects.count() == 0


def test_staff_cancel_a_sign_up_and_the_waiting_person_moves_up(client, moderator, workshop):
    first = services.signup_join(activity=workshop, day=soon(3).date(), user=UserFactory())
    waiting = services.signup_join(activity=workshop, day=soon(3).date(), user=UserFactory())
    client.post(date_url(workshop), {"action": "cancel", "signup": first.pk})
    assert SignUp.objects.get(pk=waiting.pk).state == "confirmed"


def test_printable_list_names_the_confirmed_people(client, moderator, workshop):
    services.signup_join(
        activity=workshop, day=soon(3).date(), name="Pani Zofia", entered_by=moderator
    )
    response = client.get(date_url(workshop, "sheet"))
    assert response.status_code == 200 and "Pani Zofia" in response.text


def test_staff_enter_how_many_came(client, moderator, held):
    client.post(date_url(held, days=-2), {"action": "attendance", "attended": "14"})
    client.post(date_url(held, days=-2), {"action": "attendance", "attended": "15"})
    record = Attendance.objects.get()
    assert (record.attended, record.entered_by) == (15, moderator)


def test_a_negative_count_is_refused(client, moderator, held):
    response = client.post(date_url(held, days=-2), {"action": "attendance", "attended": "-3"})
    assert response.status_code == 400 and not Attendance.objects.exists()


def test_a_count_for_a_date_not_yet_begun_is_refused_with_a_message(client, moderator, workshop):
    response = client.post(date_url(workshop), {"action": "attendance", "attended": "5"})
    assert response.status_code == 400 and not Attendance.objects.exists()
    assert "has not started yet" in response.text


def test_a_date_not_yet_begun_offers_a_hint_instead_of_the_count(client, moderator, workshop):
    response = client.get(date_url(workshop))
    assert 'name="attended"' not in response.text
    assert "You can enter the number after the meeting starts." in response.text


def test_a_date_that_has_begun_offers_the_count(client, moderator, held):
    assert 'name="attended"' in client.get(date_url(held, days=-2)).text


@pytest.mark.parametrize("day", ["²", "2026-02-30", "9" * 30, "2020-01-01"])
def test_a_date_that_is_not_planned_is_not_found(client, moderator, workshop, day):
    url = reverse("activity_signups:date", args=[workshop.pk, "x"]).replace("/x/", f"/{day}/")
    assert client.get(url).status_code == 404


def test_an_unknown_action_is_not_found(client, moderator, workshop):
    assert client.post(date_url(workshop), {"action": "explode"}).status_code == 404


def test_the_date_screens_header_names_the_activity_and_the_day(client, moderator, workshop):
    """Wagtail's header shows the breadcrumbs: their last item names the screen."""
    text = client.get(date_url(workshop)).text
    with translation.override("en"):
        assert f"Warsztaty segregacji: {formats.date_format(soon(3).date())}" in text
    assert reverse("activity_signups:index") in text


def test_the_desk_button_says_it_signs_the_person_up(client, moderator, workshop):
    assert "Sign this person up" in client.get(date_url(workshop)).text


def test_a_cancelled_sign_up_reads_as_one_in_polish():
    with translation.override("pl"):
        assert str(SignUp.State.CANCELLED.label) == "anulowany"
