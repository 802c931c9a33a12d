"""The new coordinator is emailed by the worker with the coordination page's link, whichever
way the role came (handed over, passed on after a deletion, appointed by the organiser), once
even when the task runs again, in Polish by default."""

import pytest
from django.core import mail
from django.utils import timezone

from accounts.services import privacy
from initiatives.models import Membership
from initiatives.services import coordination, membership
from tests.factories_proposals import confirmed_user
from tests.initiatives.helpers import centre_with_index, organiser, running

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiative(home_page):
    return running(centre_with_index(home_page)[1])


def join(initiative):
    user = confirmed_user()
    return membership.initiative_join(initiative=initiative, user=user, kind="member")


def coordination_link(initiative) -> str:
    return "http://testserver" + initiative.index.sub_url("handover", pk=initiative.pk)


def test_a_handed_over_role_is_emailed_with_the_coordination_link(
    initiative, django_capture_on_commit_callbacks
):
    successor = join(initiative)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        membership.coordination_hand_over(
            initiative=initiative, coordinator=initiative.started_by, successor=successor
        )
    assert [m.to[0] for m in mail.outbox] == [successor.user.email]
    assert coordination_link(initiative) in mail.outbox[0].body
    assert "przekazał" in mail.outbox[0].body


def test_a_role_passed_on_after_a_deletion_is_emailed(
    initiative, django_capture_on_commit_callbacks
):
    successor = join(initiative)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        privacy.user_delete(user=initiative.started_by)
    to_successor = [m for m in mail.outbox if m.to == [successor.user.email]]
    assert len(to_successor) == 1
    assert coordination_link(initiative) in to_successor[0].body
    assert "usunął swoje konto" in to_successor[0].body


def test_an_appointment_is_emailed_in_polish(initiative, django_capture_on_commit_callbacks):
    privacy.user_delete(user=initiative.started_by)
    newcomer = join(initiative)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        coordination.coordination_appoint(
            initiative=initiative, organiser=organiser(initiative.centre), member=newcomer
        )
    assert [m.to[0] for m in mail.outbox] == [newcomer.user.email]
    assert f"Koordynujesz teraz inicjatywę „{initiative.title}”" in mail.outbox[0].subject
    assert "wyznaczył" in mail.outbox[0].body
    assert coordination_link(initiative) in mail.outbox[0].body


def test_the_task_run_again_sends_nothing_twice(initiative, django_capture_on_commit_callbacks):
    successor, now = join(initiative), timezone.now()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        membership.coordination_hand_over(
            initiative=initiative, coordinator=initiative.started_by, successor=successor, now=now
        )
    assert len(mail.outbox) == 1
    again = coordination.send_coordinator_email.call(
        membership_id=successor.pk, since=now.isoformat(), how="over"
    )
    assert again is False
    assert len(mail.outbox) == 1


def test_nothing_is_sent_when_the_role_moved_on_before_the_worker_ran(initiative):
    member = join(initiative)
    assert member.role == Membership.Role.NONE
    sent = coordination.send_coordinator_email.call(
        membership_id=member.pk, since="2026-12-01T10:00:00+00:00", how="over"
    )
    assert sent is False
    assert mail.outbox == []
