"""The project's public status follows its implementation record through the proposals'
status service: under way is "in progress", done is "implemented", reopened goes back."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from implementation.models import Status
from proposals.models import Proposal, StatusChange
from proposals.services import status as proposal_status
from tests.implementation.conftest import update

pytestmark = pytest.mark.django_db
P = Proposal.Status


def status_of(record) -> str:
    record.proposal.refresh_from_db()
    return record.proposal.status


def test_work_under_way_makes_the_project_in_progress(record, official):
    update(record, official, status=Status.IN_PROGRESS, percent_done=20)
    assert status_of(record) == P.IN_PROGRESS


def test_a_done_record_makes_the_project_implemented(record, official):
    update(record, official, status=Status.IN_PROGRESS, percent_done=20)
    record.refresh_from_db()
    update(record, official, status=Status.DONE, percent_done=100)
    assert status_of(record) == P.IMPLEMENTED


def test_a_record_done_at_once_makes_a_selected_project_implemented(record, official):
    update(record, official, status=Status.DONE, percent_done=100)
    assert status_of(record) == P.IMPLEMENTED
    steps = StatusChange.objects.filter(proposal=record.proposal).values_list("status", flat=True)
    assert list(steps) == [P.IMPLEMENTED]


def test_the_status_change_is_on_the_public_history_with_an_answer(record, official):
    update(record, official, status=Status.DONE, percent_done=100)
    change = StatusChange.objects.get(proposal=record.proposal)
    assert change.changed_by == official
    assert change.answer


def test_a_done_record_reopened_takes_the_project_back_to_in_progress(record, official):
    update(record, official, status=Status.DONE, percent_done=100)
    record.refresh_from_db()
    update(record, official, status=Status.DELAYED, reason="Usterki po odbiorze.", percent_done=90)
    assert status_of(record) == P.IN_PROGRESS


def test_a_change_that_keeps_the_record_planned_keeps_the_project_selected(record, official):
    update(record, official, percent_done=5)
    assert status_of(record) == P.SELECTED
    assert not StatusChange.objects.filter(proposal=record.proposal).exists()


def test_a_second_change_in_progress_writes_no_second_status_change(record, official):
    update(record, official, status=Status.IN_PROGRESS, percent_done=20)
    record.refresh_from_db()
    update(record, official, percent_done=40)
    assert StatusChange.objects.filter(proposal=record.proposal).count() == 1


@pytest.mark.parametrize("status", [P.IN_PROGRESS, P.IMPLEMENTED])
def test_an_official_cannot_set_progress_by_hand_on_a_project_with_a_record(
    record, official, status
):
    with pytest.raises(ValidationError):
        proposal_status.status_change(
            proposal=record.proposal, status=status, answer="Ręcznie.", by=official, manual=True
        )


def test_the_author_gets_one_email_for_the_change_that_implements_the_project(
    record, official, author, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        update(record, official, status=Status.DONE, percent_done=100)
    assert [message.to for message in mail.outbox] == [[author.email]]
