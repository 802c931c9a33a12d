"""The organising partner's screens on the public site: its people see the sign-ups of its own
activities, print the attendance list and enter how many came; never another organisation's,
never a resident's; staff keep theirs in the admin through the same rule (events.access)."""

import pytest
from django.urls import reverse

from accounts import roles
from events import access, services
from events.models import Attendance, SignUp
from tests.accounts.staff_helpers import staff
from tests.events.test_pages import queries, soon
from tests.factories import UserFactory
from tests.factories_events import activity
from tests.factories_partners import PartnerFactory
from tests.factories_proposals import confirmed_user
from tests.factories_rooms import organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(centre):
    return PartnerFactory(centre=centre, name="Stowarzyszenie Sąsiedzi")


@pytest.fixture
def ngo(partner):
    """The partner's confirmed organisation account."""
    user = organisation(email="ngo@example.org")
    partner.accounts.add(user)
    return user


@pytest.fixture
def workshop(centre, partner):
    """The partner's workshop in three days, with Anna signed up and Pan Józef waiting."""
    page = activity(centre, title="Naprawa rowerów", starts_at=soon(3), places=1, partner=partner)
    day = soon(3).date()
    services.signup_join(activity=page, day=day, user=confirmed_user(display_name="Anna Nowak"))
    services.signup_join(activity=page, day=day, name="Pan Józef", entered_by=UserFactory())
    return page


@pytest.fixture
def held(centre, partner):
    """The partner's workshop held two days ago: how many came may be entered."""
    return activity(centre, title="Naprawa rowerów", starts_at=soon(-2), partner=partner)


def url(page, name="organiser_date", day=None):
    args = [] if name == "organiser" else [(day or soon(3).date()).isoformat()]
    return page.url + page.reverse_subpage(name, args=args)


def test_the_partners_person_sees_who_signed_up_and_who_waits(client, ngo, workshop):
    client.force_login(ngo)
    response = client.get(url(workshop))
    assert response.status_code == 200
    assert "Anna Nowak" in response.text and "Pan Józef" in response.text


def test_the_list_shows_names_only_never_an_email_or_who_entered_them(client, ngo, workshop):
    client.force_login(ngo)
    text = client.get(url(workshop)).text
    signups = SignUp.objects.filter(activity=workshop).select_related("user", "entered_by")
    for signup in signups:
        for private in (signup.user and signup.user.email, signup.entered_by):
            if private:
                assert str(private) not in text


def test_the_partners_person_prints_the_attendance_list(client, ngo, workshop):
    client.force_login(ngo)
    response = client.get(url(workshop, "organiser_sheet"))
    assert response.status_code == 200 and "Anna Nowak" in response.text


def test_the_partners_person_enters_how_many_came(client, ngo, held):
    client.force_login(ngo)
    response = client.post(url(held, day=soon(-2).date()), {"attended": "7"})
    assert response.status_code == 302
    saved = Attendance.objects.get(activity=held)
    assert (saved.attended, saved.entered_by) == (7, ngo)


def test_a_count_for_a_date_not_yet_begun_is_refused_with_a_message(client, ngo, workshop):
    client.force_login(ngo)
    response = client.post(url(workshop), {"attended": "7"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and not Attendance.objects.exists()
    assert "has not started yet" in response.text


def test_a_date_not_yet_begun_offers_a_hint_instead_of_the_count(client, ngo, workshop):
    client.force_login(ngo)
    response = client.get(url(workshop), HTTP_ACCEPT_LANGUAGE="en")
    assert 'name="attended"' not in response.text
    assert "You can enter the number after the meeting starts." in response.text


def test_the_hint_for_a_date_not_yet_begun_reads_in_polish(client, ngo, workshop):
    client.force_login(ngo)
    text = client.get(url(workshop), HTTP_ACCEPT_LANGUAGE="pl").text
    assert "Liczbę osób wpiszesz po rozpoczęciu spotkania." in text


def test_a_date_that_has_begun_offers_the_count(client, ngo, held):
    client.force_login(ngo)
    assert 'name="attended"' in client.get(url(held, day=soon(-2).date())).text


def test_a_count_that_is_not_a_number_is_an_error_message(client, ngo, held):
    client.force_login(ngo)
    response = client.post(url(held, day=soon(-2).date()), {"attended": "dużo"})
    assert response.status_code == 400 and "error-summary" in response.text
    assert not Attendance.objects.exists()


def test_the_organisers_dates_list_links_each_date(client, ngo, workshop):
    client.force_login(ngo)
    response = client.get(url(workshop, "organiser"))
    assert response.status_code == 200 and url(workshop) in response.text


@pytest.mark.parametrize("name", ["organiser", "organiser_date", "organiser_sheet"])
def test_another_organisations_person_finds_nothing(client, centre, workshop, name):
    other = organisation(email="inna@example.org")
    PartnerFactory(centre=centre, name="Fundacja Inna").accounts.add(other)
    client.force_login(other)
    assert client.get(url(workshop, name)).status_code == 404


def test_another_organisation_cannot_enter_a_count(client, centre, workshop):
    other = organisation(email="inna@example.org")
    PartnerFactory(centre=centre, name="Fundacja Inna").accounts.add(other)
    client.force_login(other)
    assert client.post(url(workshop), {"attended": "3"}).status_code == 404
    assert not Attendance.objects.exists()


def test_a_resident_finds_nothing(client, workshop):
    client.force_login(confirmed_user())
    assert client.get(url(workshop)).status_code == 404


def test_an_account_whose_organisation_is_no_longer_confirmed_finds_nothing(client, ngo, workshop):
    ngo.organisation_confirmed_at = None
    ngo.save(update_fields=["organisation_confirmed_at"])
    client.force_login(ngo)
    assert client.get(url(workshop)).status_code == 404


def test_the_partners_person_finds_nothing_of_an_activity_the_partner_does_not_run(
    client, centre, ngo
):
    page = activity(centre, title="Kurs centrum", starts_at=soon(3), places=5)
    client.force_login(ngo)
    assert client.get(url(page)).status_code == 404


def test_the_anonymous_are_sent_to_log_in(client, workshop):
    response = client.get(url(workshop))
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_day_the_activity_is_not_planned_for_is_not_found(client, ngo, workshop):
    client.force_login(ngo)
    assert client.get(url(workshop, day=soon(4).date())).status_code == 404
    assert client.get(workshop.url + "organizator/2026-13-45/").status_code == 404


def test_the_organisers_screens_are_never_stored_in_a_shared_cache(client, ngo, workshop):
    client.force_login(ngo)
    cache_control = client.get(url(workshop))["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control


def test_the_centres_staff_may_open_them_too(client, centre, workshop):
    client.force_login(staff(centre, roles.MODERATOR))
    assert client.get(url(workshop)).status_code == 200


def test_the_partners_person_has_no_way_into_the_staff_screens(client, ngo, workshop):
    client.force_login(ngo)
    staff_url = reverse("activity_signups:date", args=[workshop.pk, soon(3).date().isoformat()])
    assert client.get(staff_url).status_code in (302, 403)


def test_the_rule_is_one_staff_see_their_centres_organisers_their_own(centre, ngo, workshop):
    moderator = staff(centre, roles.MODERATOR)
    own = activity(centre, title="Kurs centrum", starts_at=soon(3))
    assert set(access.list_activities(moderator)) == {workshop, own}
    assert set(access.list_activities(ngo)) == {workshop}


def test_the_activity_page_links_the_organisers_screens_for_its_people(client, ngo, workshop):
    client.force_login(ngo)
    assert url(workshop, "organiser") in client.get(workshop.url).text


def test_the_activity_page_has_no_organiser_link_for_a_resident(client, workshop):
    client.force_login(confirmed_user())
    assert "organizator/" not in client.get(workshop.url).text


def test_the_account_page_lists_the_activities_the_organisation_runs(client, ngo, workshop):
    client.force_login(ngo)
    response = client.get(reverse("accounts:participation"))
    assert url(workshop, "organiser") in response.text


def test_the_account_page_of_a_resident_has_no_organiser_section(client, workshop):
    client.force_login(confirmed_user())
    assert "organizator/" not in client.get(reverse("accounts:participation")).text


def test_the_organisers_date_costs_the_same_queries_for_few_or_many_sign_ups(client, ngo, workshop):
    client.force_login(ngo)
    few = queries(client, url(workshop))
    for n in range(5):
        services.signup_join(activity=workshop, day=soon(3).date(), name=f"Osoba {n}")
    assert queries(client, url(workshop)) == few


def test_the_organisers_dates_cost_the_same_queries_for_one_or_many_dates(
    client, centre, partner, ngo
):
    page = activity(centre, starts_at=soon(2), places=5, partner=partner)
    client.force_login(ngo)
    one = queries(client, url(page, "organiser"))
    page.recurrence = "FREQ=DAILY;COUNT=10"
    page.save_revision().publish()
    assert queries(client, url(page, "organiser")) == one
