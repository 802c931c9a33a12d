"""Records open by themselves when a vote's result is published: every funded project gets
one, once, with the department it was assigned to; records an official opened are kept."""

import datetime

import pytest
from django.utils import timezone

from casework import services as casework
from casework.models import Department
from implementation import services
from implementation.models import Implementation, Status
from proposals.models import Proposal
from tests.implementation.conftest import make_official, publish_vote

pytestmark = pytest.mark.django_db


def test_publishing_the_result_opens_a_record_for_every_funded_project(vote):
    consultation, items = vote
    publish_vote(consultation)
    funded = set(
        Proposal.objects.filter(status=Proposal.Status.SELECTED).values_list("pk", flat=True)
    )
    assert funded == {items[0].pk, items[2].pk}
    records = Implementation.objects.filter(proposal__consultation=consultation)
    assert set(records.values_list("proposal_id", flat=True)) == funded
    assert {record.status for record in records} == {Status.PLANNED}


def test_the_opened_record_has_the_standard_milestones_and_a_dated_entry(vote):
    consultation, items = vote
    snapshot = publish_vote(consultation)
    record = Implementation.objects.get(proposal=items[0])
    assert record.milestones.count() == 5
    entry = record.timeline.get()
    assert entry.created_at == snapshot.published_at
    assert entry.changed_by is None


def test_the_record_names_the_department_the_project_was_assigned_to(vote):
    consultation, items = vote
    department = Department.objects.create(centre=consultation.centre, name="Wydział Dróg")
    casework.assignment_create(
        proposal=items[0],
        by=make_official(consultation.centre),
        department=department,
        due_date=timezone.localdate() + datetime.timedelta(days=5),
    )
    publish_vote(consultation)
    assert Implementation.objects.get(proposal=items[0]).department == department
    assert Implementation.objects.get(proposal=items[2]).department is None


def test_opening_again_for_the_same_result_opens_nothing(vote):
    consultation, _items = vote
    snapshot = publish_vote(consultation)
    assert services.records_open_for_result(consultation=consultation, result=snapshot) == 0
    assert Implementation.objects.count() == 2


def test_a_record_an_official_opened_first_is_kept(vote):
    consultation, items = vote
    snapshot = publish_vote(consultation)
    Implementation.objects.filter(proposal=items[0]).delete()
    official = make_official(consultation.centre)
    items[0].refresh_from_db()
    kept = services.implementation_create(proposal=items[0], by=official)
    assert services.records_open_for_result(consultation=consultation, result=snapshot) == 0
    assert Implementation.objects.get(proposal=items[0]).pk == kept.pk
    assert kept.timeline.get().changed_by == official


def test_the_officials_button_opens_what_the_publication_did_not(vote):
    consultation, items = vote
    publish_vote(consultation)
    Implementation.objects.filter(proposal=items[2]).delete()
    official = make_official(consultation.centre)
    assert services.records_create_for(consultation=consultation, by=official) == 1
    assert Implementation.objects.count() == 2


def test_a_result_not_published_opens_no_record(vote):
    consultation, _items = vote
    snapshot = publish_vote(consultation)
    snapshot.published_at = None
    Implementation.objects.all().delete()
    assert services.records_open_for_result(consultation=consultation, result=snapshot) == 0
    assert not Implementation.objects.exists()
