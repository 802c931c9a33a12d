"""The activity's page links to the room's week: a date moved to another room links to that
room's week at that date, the activity's own room link to its week at its first date there."""

import pytest

from tests.events.test_pages import soon
from tests.rooms.test_moved_date_rooms import move

pytestmark = pytest.mark.django_db


def week_link(room, day) -> str:
    return f'/sale/{room.pk}/?tydzien={day.isoformat()}"'


def test_a_date_moved_to_another_room_links_to_that_rooms_week_of_that_date(
    client, course, small_room
):
    move(course, 9, soon(11), room=small_room)
    html = client.get(course.url).content.decode()
    assert week_link(small_room, soon(11).date()) in html


def test_the_activitys_own_room_links_to_its_first_date_held_there(
    client, course, room, small_room
):
    move(course, 2, soon(3), room=small_room)
    html = client.get(course.url).content.decode()
    assert week_link(room, soon(9).date()) in html
    assert week_link(room, soon(3).date()) not in html
