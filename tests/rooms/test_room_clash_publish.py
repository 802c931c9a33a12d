"""Publishing an activity never fails on a room clash, however it is published (a schedule,
a direct publish without a request, a booking slipped in that PostgreSQL's exclusion
constraint catches): the page goes live, the clashing date is left without a booking, and
the staff are told (the action log, the date's staff screen, a message to the editor)."""

import datetime
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupApprovalTask, PageLogEntry, Workflow, WorkflowTask

from events import services as events_services
from events.models import ActivityPage
from rooms.models import Booking
from tests.events.test_pages import soon
from tests.factories import UserFactory
from tests.rooms.test_moved_date_rooms import confirmed_booking, edit, move, moved_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def clash(course, small_room):
    """The second date moved into the small room, which a choir has booked then."""
    confirmed_booking(small_room, soon(10) + datetime.timedelta(hours=1))
    move(course, 9, soon(10), room=small_room)
    return course


def booked_days(page) -> set:
    return set(Booking.objects.filter(activity=page).values_list("occurrence", flat=True))


def clash_logged(page) -> bool:
    return PageLogEntry.objects.filter(page=page, action=events_services.ROOM_CLASH_ACTION).exists()


def test_a_scheduled_publish_with_a_clash_goes_live_and_leaves_that_date_unbooked(clash):
    revision = clash.save_revision(
        user=UserFactory(), approved_go_live_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    call_command("publish_scheduled")
    page = ActivityPage.objects.get(pk=clash.pk)
    assert page.live_revision_id == revision.pk
    assert booked_days(page) == {soon(2).date(), soon(16).date()}


def test_a_scheduled_publish_with_a_clash_is_in_the_action_log(clash):
    clash.save_revision(
        user=UserFactory(), approved_go_live_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    call_command("publish_scheduled")
    assert clash_logged(clash)


def test_publishing_without_a_request_books_the_free_dates_and_logs_the_clash(clash):
    revision = clash.save_revision(user=UserFactory())
    revision.publish()
    assert ActivityPage.objects.get(pk=clash.pk).live_revision_id == revision.pk
    assert booked_days(clash) == {soon(2).date(), soon(16).date()}
    assert clash_logged(clash)


def test_a_workflows_approval_with_a_clash_publishes_and_logs_the_clash(clash):
    workflow = Workflow.objects.create(name="Akceptacja")
    task = GroupApprovalTask.objects.create(name="Redakcja")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    editor = UserFactory(is_superuser=True)
    clash.save_revision(user=editor)
    state = workflow.start(clash, editor)
    state.current_task_state.approve(user=editor)
    assert (
        ActivityPage.objects.get(pk=clash.pk).live_revision_id
        == state.current_task_state.revision_id
    )
    assert booked_days(clash) == {soon(2).date(), soon(16).date()}
    assert clash_logged(clash)


def test_a_publish_without_a_clash_logs_nothing(course):
    course.save_revision(user=UserFactory()).publish()
    assert not clash_logged(course)


@pytest.mark.postgres
def test_a_booking_slipped_in_is_caught_by_the_constraint_and_the_publish_goes_on(clash):
    """The locked check misses the booking (as if made in between): PostgreSQL's exclusion
    constraint refuses the date, and only that date."""
    with mock.patch("rooms.services.activities.activity_clashes", return_value=[]):
        revision = clash.save_revision(user=UserFactory())
        revision.publish()
    assert ActivityPage.objects.get(pk=clash.pk).live_revision_id == revision.pk
    assert booked_days(clash) == {soon(2).date(), soon(16).date()}
    assert clash_logged(clash)


def test_the_dates_staff_screen_says_no_room_is_booked_and_with_what(admin_client, clash):
    clash.save_revision(user=UserFactory()).publish()
    url = reverse("activity_signups:date", args=[clash.pk, soon(9).date().isoformat()])
    assert "Próba chóru" in admin_client.get(url).content.decode()


def test_the_editor_publishing_into_a_clash_is_told_and_the_page_is_live(
    admin_client, course, small_room
):
    """The form's own check is passed by (a booking made while the editor typed)."""
    confirmed_booking(small_room, soon(10) + datetime.timedelta(hours=1))
    with mock.patch("rooms.overlaps.activity_clashes", return_value=[]):
        response = edit(admin_client, course, moved_to(small_room))
    assert response.status_code == 302
    shown = [str(m) for m in response.wsgi_request._messages]
    assert any("Salka kameralna" in m for m in shown)
    assert soon(9).date() not in booked_days(course)
