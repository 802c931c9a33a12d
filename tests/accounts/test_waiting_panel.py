""" "Waiting for you" on the admin dashboard: each queue the user may decide, counted in their
own centres only; nothing for staff who decide none; the same queries however many wait."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from wagtail.users.models import UserProfile

from accounts import roles
from accounts.models import Report
from accounts.services import residency
from rooms import services as room_services
from tests.accounts.staff_helpers import staff
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_events import warsaw
from tests.factories_rooms import RoomFactory, index_of, open_weekdays, resident_of
from tests.initiatives.helpers import centre_with_index, started

pytestmark = pytest.mark.django_db
DASHBOARD = "/admin/"


@pytest.fixture
def two_centres(home_page):
    return (
        CentrePageFactory(parent=home_page, title="MAM Nowy Sącz", slug="nowy-sacz"),
        CentrePageFactory(parent=home_page, title="MAM Chrzanów", slug="chrzanow"),
    )


def declare(centre, n=1):
    for i in range(n):
        residency.declaration_submit(
            user=UserFactory(), centre=centre, first_name="Anna", last_name=f"Nowak {i}",
            street_address="ul. Lwowska 1",
        )  # fmt: skip


def dashboard(client, user) -> str:
    client.force_login(user)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    return response.content.decode()


def test_a_moderator_sees_the_declarations_waiting_in_their_centre(client, two_centres):
    sacz, chrzanow = two_centres
    declare(sacz, 2)
    declare(chrzanow, 5)
    text = dashboard(client, staff(sacz, roles.MODERATOR))
    assert "Waiting for you" in text
    assert "2 residency declarations to review" in text


def test_the_counts_speak_polish_with_its_plural_forms(client, two_centres):
    sacz = two_centres[0]
    declare(sacz, 5)
    moderator = staff(sacz, roles.MODERATOR)
    UserProfile.objects.filter(user=moderator).update(preferred_language="pl")
    text = dashboard(client, moderator)
    assert "Czeka na Ciebie" in text
    assert "5 oświadczeń o zamieszkaniu do sprawdzenia" in text


def test_an_organiser_sees_the_initiatives_waiting_for_review(client, home_page):
    centre, index = centre_with_index(home_page)
    started(index)
    text = dashboard(client, staff(centre, roles.ORGANISER))
    assert "1 new initiative to review" in text


def test_reported_contributions_are_counted_once_each(client, two_centres):
    sacz = two_centres[0]
    moderator = staff(sacz, roles.MODERATOR)
    target = UserFactory()
    for reporter in (UserFactory(), UserFactory()):
        Report.objects.create(reporter=reporter, content_object=target, centre=sacz, reason="spam")
    assert "1 reported contribution to look at" in dashboard(client, moderator)


def test_with_nothing_waiting_the_panel_says_so(client, two_centres):
    text = dashboard(client, staff(two_centres[0], roles.MODERATOR))
    assert "Nothing is waiting for a decision in your centres." in text


def test_an_admin_user_who_decides_none_of_the_queues_gets_no_panel(client):
    user = UserFactory()
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    assert "Waiting for you" not in dashboard(client, user)


def test_the_panel_costs_the_same_queries_however_many_wait(
    client, two_centres, django_assert_max_num_queries
):
    sacz = two_centres[0]
    moderator = staff(sacz, roles.MODERATOR)
    declare(sacz)
    dashboard(client, moderator)
    with django_assert_max_num_queries(80) as first:
        client.get(DASHBOARD)
    one = len(first)
    declare(sacz, 6)
    with django_assert_max_num_queries(one):
        client.get(DASHBOARD)


def test_room_requests_waiting_are_counted_for_the_centres_moderator(client, two_centres):
    sacz = two_centres[0]
    open_weekdays(sacz, ahead_days=400, longest_hours=4, open_requests=2)
    index_of(sacz)
    room = RoomFactory(centre=sacz, name="Sala spotkań", capacity=20)
    starts = warsaw(2027, 3, 3, 17)
    room_services.booking_request(
        room=room, user=resident_of(sacz), starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2), purpose="Spotkanie", people=10,
        user_kind="resident", now=starts - datetime.timedelta(days=2),
    )  # fmt: skip
    assert "1 room request to decide" in dashboard(client, staff(sacz, roles.MODERATOR))
