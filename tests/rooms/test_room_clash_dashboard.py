"""An approval from the dashboard runs no editor hook, so "Waiting for you" counts the centre's
activity dates left without their room (a clash on publishing), linked to the dates list's
"not booked" view; only in the staff member's own centre, the same queries however many."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from accounts import roles
from tests.accounts.staff_helpers import staff
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_rooms import RoomFactory
from tests.rooms.test_room_clash_marks import clash_in, publish, queries

pytestmark = pytest.mark.django_db
DASHBOARD = "/admin/"
UNBOOKED_URL = reverse("activity_signups:index") + "?bez_sali=1"


@pytest.fixture
def moderator(client, centre):
    user = staff(centre, roles.MODERATOR)
    client.force_login(user)
    return user


def test_the_dashboard_counts_the_dates_without_their_room_and_links_them(
    client, moderator, course, small_room
):
    clash_in(small_room, course, 9)
    publish(course)
    text = client.get(DASHBOARD).text
    assert "1 activity date without its room (the room was taken)" in text
    assert f'href="{UNBOOKED_URL.replace("&", "&amp;")}"' in text


def test_the_dashboard_says_nothing_of_rooms_when_every_date_has_its_room(
    client, moderator, course
):
    publish(course)
    assert "without its room" not in client.get(DASHBOARD).text


def test_another_centres_staff_see_no_count_of_its_dates(client, home_page, course, small_room):
    clash_in(small_room, course, 9)
    publish(course)
    chrzanow = CentrePageFactory(parent=home_page, title="MAM Chrzanów", slug="chrzanow")
    client.force_login(staff(chrzanow, roles.MODERATOR))
    assert "without its room" not in client.get(DASHBOARD).text


def test_the_not_booked_view_lists_only_the_dates_without_their_room(
    client, moderator, course, small_room
):
    clash_in(small_room, course, 9)
    publish(course)
    text = client.get(UNBOOKED_URL).text
    assert text.count("Room not booked:") == 1
    assert text.count(course.title) == 2  # the date's link and the mark's hidden words


def test_the_dashboard_costs_the_same_queries_for_one_or_many_dates_without_a_room(
    client, moderator, centre, course, small_room
):
    clash_in(small_room, course, 9)
    publish(course)
    one = queries(client, DASHBOARD)
    third = RoomFactory(centre=centre, name="Sala trzecia", capacity=30)
    clash_in(third, course, 16)
    publish(course)
    text = client.get(DASHBOARD).text
    assert "2 activity dates without their room" in text
    assert queries(client, DASHBOARD) == one


def test_an_admin_user_who_does_not_work_with_activities_gets_no_count(client, course, small_room):
    clash_in(small_room, course, 9)
    publish(course)
    user = UserFactory()
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    client.force_login(user)
    response = client.get(DASHBOARD)
    assert response.status_code == 200 and "without its room" not in response.text
