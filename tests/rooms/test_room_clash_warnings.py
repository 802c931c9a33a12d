"""The editor and the approver are told which dates were left without their room: after a
save in the editor, and on the edit screen for as long as dates stay unbooked — so an approval
from the dashboard, which runs no hook with the request, is told on the next admin view."""

import datetime
from unittest import mock

import pytest
from django.urls import reverse
from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask

from events.models import ActivityPage
from rooms.overlaps import when
from tests.events.test_pages import soon
from tests.factories import UserFactory
from tests.rooms.test_moved_date_rooms import confirmed_booking, edit, move, moved_to

pytestmark = pytest.mark.django_db
TOLD = "mam-room-clash"


@pytest.fixture
def clash(course, small_room):
    """The second date moved into the small room, which a choir has booked then."""
    confirmed_booking(small_room, soon(10) + datetime.timedelta(hours=1))
    move(course, 9, soon(10), room=small_room)
    return course


def warnings(response) -> list[str]:
    return [str(m) for m in response.context["messages"] if TOLD in (m.extra_tags or "")]


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_an_approval_from_the_dashboard_is_told_on_the_edit_screen(admin_client, clash):
    workflow = Workflow.objects.create(name="Akceptacja")
    task = GroupApprovalTask.objects.create(name="Redakcja")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    clash.save_revision(user=UserFactory())
    state = workflow.start(clash, UserFactory())
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[clash.pk, "approve", state.current_task_state.pk],
    )
    admin_client.post(url, {"next": reverse("wagtailadmin_home")})
    assert ActivityPage.objects.get(pk=clash.pk).live
    [told] = warnings(admin_client.get(edit_url(clash)))
    assert "Salka kameralna" in told and when(soon(10)) in told


def test_the_edit_screen_warns_while_a_date_has_no_room(admin_client, clash):
    clash.save_revision(user=UserFactory()).publish()
    assert len(warnings(admin_client.get(edit_url(clash)))) == 1


def test_the_edit_screen_of_a_fully_booked_activity_warns_of_nothing(admin_client, course):
    course.save_revision(user=UserFactory()).publish()
    assert warnings(admin_client.get(edit_url(course))) == []


def test_the_editor_publishing_into_a_clash_is_told_once(admin_client, course, small_room):
    confirmed_booking(small_room, soon(10) + datetime.timedelta(hours=1))
    with mock.patch("rooms.overlaps.activity_clashes", return_value=[]):
        response = edit(admin_client, course, moved_to(small_room))
    told = [m for m in response.wsgi_request._messages if TOLD in (m.extra_tags or "")]
    assert len(told) == 1


def test_the_warning_links_the_dates_screen(admin_client, clash):
    clash.save_revision(user=UserFactory()).publish()
    [told] = warnings(admin_client.get(edit_url(clash)))
    date_url = reverse("activity_signups:date", args=[clash.pk, soon(9).date().isoformat()])
    assert date_url in told
