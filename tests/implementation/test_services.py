"""The rules of implementation records: who gets one, who changes it, what every change does."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from casework.models import Department
from config import cache_versions
from implementation import services
from implementation.models import Implementation, Milestone, Status, TimelineEntry
from proposals.models import Proposal
from tests.factories import CentrePageFactory
from tests.factories_proposals import ProposalFactory
from tests.implementation.conftest import make_official, update, warsaw

pytestmark = pytest.mark.django_db


def test_a_funded_project_gets_a_record_with_the_standard_milestones(record):
    kinds = list(record.milestones.values_list("kind", flat=True))
    assert kinds == ["design", "permits", "tender", "works", "handover"]
    assert record.status == Status.PLANNED
    assert record.money_planned == Decimal("120000")


def test_a_project_not_selected_gets_no_record(consultation, published, official):
    proposal = ProposalFactory(consultation=consultation, status=Proposal.Status.NOT_SELECTED)
    with pytest.raises(ValidationError):
        services.implementation_create(proposal=proposal, by=official)


def test_a_selected_project_gets_no_record_before_the_result_is_published(consultation, official):
    proposal = ProposalFactory(consultation=consultation, status=Proposal.Status.SELECTED)
    with pytest.raises(ValidationError):
        services.implementation_create(proposal=proposal, by=official)


def test_records_are_opened_for_every_funded_project_once(consultation, funded, official):
    ProposalFactory(consultation=consultation, status=Proposal.Status.NOT_SELECTED)
    assert services.records_create_for(consultation=consultation, by=official) == 1
    assert services.records_create_for(consultation=consultation, by=official) == 0
    assert Implementation.objects.get().proposal == funded


def test_an_official_of_another_centre_cannot_open_or_change_a_record(home_page, funded, record):
    stranger = make_official(CentrePageFactory(parent=home_page, slug="chrzanow"))
    with pytest.raises(ValidationError):
        services.records_create_for(consultation=funded.consultation, by=stranger)
    with pytest.raises(ValidationError):
        update(record, stranger, percent_done=10)


def test_a_department_of_another_centre_is_refused(home_page, record, official):
    other = CentrePageFactory(parent=home_page, slug="chrzanow")
    elsewhere = Department.objects.create(centre=other, name="Wydział Dróg")
    with pytest.raises(ValidationError):
        update(record, official, department=elsewhere)


@pytest.mark.parametrize("status", [Status.DELAYED, Status.ABANDONED])
def test_a_delay_or_abandonment_needs_a_reason(record, official, status):
    with pytest.raises(ValidationError):
        update(record, official, status=status, reason="  ")


def test_the_database_refuses_a_delay_without_a_reason(record):
    with pytest.raises(IntegrityError), transaction.atomic():
        Implementation.objects.filter(pk=record.pk).update(status=Status.DELAYED, reason="")


@pytest.mark.parametrize("percent", [-1, 101])
def test_percent_done_is_between_0_and_100(record, official, percent):
    with pytest.raises(ValidationError):
        update(record, official, percent_done=percent)


def test_the_database_refuses_more_than_100_percent(record):
    with pytest.raises(IntegrityError), transaction.atomic():
        Implementation.objects.filter(pk=record.pk).update(percent_done=101)


def test_negative_money_is_refused(record, official):
    with pytest.raises(ValidationError):
        update(record, official, money_spent=Decimal("-1"))


def test_every_change_writes_one_dated_public_timeline_entry(record, official):
    before = record.timeline.count()
    entry = update(
        record,
        official,
        status=Status.DELAYED,
        reason="Przetarg unieważniony.",
        percent_done=20,
        now=warsaw(2026, 9, 1, 10),
    )
    assert record.timeline.count() == before + 1
    assert entry.created_at == warsaw(2026, 9, 1, 10)
    assert "Przetarg unieważniony." in entry.text
    assert "20%" in entry.text


def test_a_save_that_changes_nothing_is_refused(record, official):
    with pytest.raises(ValidationError):
        update(record, official)


def test_milestone_dates_change_and_a_new_milestone_is_added(record, official):
    design = record.milestones.get(kind="design")
    changes = [
        services.MilestoneChange(
            milestone=design,
            name=design.name,
            planned_on=warsaw(2026, 5, 1).date(),
            done_on=warsaw(2026, 5, 20).date(),
        ),
        services.MilestoneChange(
            milestone=None, name="Konsultacje z mieszkańcami", planned_on=None, done_on=None
        ),
    ]
    entry = update(record, official, milestones=changes)
    design.refresh_from_db()
    assert design.done_on == warsaw(2026, 5, 20).date()
    assert Milestone.objects.filter(name="Konsultacje z mieszkańcami").exists()
    assert "Konsultacje z mieszkańcami" in entry.text


def test_the_author_and_each_follower_get_one_email_per_change(
    record, official, author, follower, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        update(record, official, status=Status.IN_PROGRESS, percent_done=30)
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([author.email, follower.email])
    assert "30%" in mail.outbox[0].body


def test_a_change_is_emailed_once_however_often_the_task_runs(
    record, official, author, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        entry = update(record, official, percent_done=50)
    mail.outbox.clear()
    services.notify_change.call(entry_id=entry.pk)
    assert mail.outbox == []


def test_a_change_makes_the_anonymous_page_copies_stale(record, official, committed):
    key = cache_versions.consultation_key(record.proposal.consultation_id)
    before = cache_versions.current(key)
    with committed():
        update(record, official, percent_done=40)
    assert cache_versions.current(key) != before


def test_spent_and_planned_are_kept_apart(record, official):
    update(record, official, money_planned=Decimal("100000"), money_spent=Decimal("130000.50"))
    record.refresh_from_db()
    assert record.money_planned == Decimal("100000")
    assert record.money_spent == Decimal("130000.50")
    assert TimelineEntry.objects.filter(text__contains="130").exists()
