"""Officials' status workflow: allowed steps, required answers, the timeline, the log, emails."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import ModelLogEntry

from accounts import roles
from proposals.models import Proposal, StatusChange
from proposals.services import engagement, status
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_consultations import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    with_phases,
)
from tests.factories_proposals import ProposalFactory

pytestmark = pytest.mark.django_db
Status = Proposal.Status


@pytest.fixture
def centre(home_page):
    return CentrePageFactory(parent=home_page, title="MAM Nowy Sącz", slug="nowy-sacz")


@pytest.fixture
def consultation(centre):
    index = ConsultationIndexPageFactory(parent=centre)
    return with_phases(ConsultationPageFactory(parent=index), current="discussion")


@pytest.fixture
def proposal(consultation):
    return ProposalFactory(consultation=consultation)


@pytest.fixture
def official(centre):
    user = UserFactory()
    user.groups.add(roles.centre_groups_ensure(centre)[roles.OFFICIAL])
    return user


@pytest.fixture
def emails(monkeypatch):
    """The outbox, with on-commit work (the emails) run at once, as if each call committed."""
    monkeypatch.setattr(
        "django.db.transaction.on_commit", lambda func, using=None, robust=False: func()
    )
    return mail.outbox


def change(proposal, official, new, answer="Odpowiedź urzędu.", **kwargs):
    return status.status_change(proposal=proposal, status=new, answer=answer, by=official, **kwargs)


def test_the_whole_workflow_builds_a_dated_timeline(proposal, official):
    for new in [
        Status.UNDER_REVIEW,
        Status.ACCEPTED,
        Status.SELECTED,
        Status.IN_PROGRESS,
        Status.IMPLEMENTED,
    ]:
        change(proposal, official, new)
    proposal.refresh_from_db()
    assert proposal.status == Status.IMPLEMENTED
    steps = list(StatusChange.objects.filter(proposal=proposal).values_list("status", flat=True))
    assert steps == [
        Status.UNDER_REVIEW,
        Status.ACCEPTED,
        Status.SELECTED,
        Status.IN_PROGRESS,
        Status.IMPLEMENTED,
    ]


def test_a_step_cannot_be_skipped(proposal, official):
    with pytest.raises(ValidationError):
        change(proposal, official, Status.IMPLEMENTED)
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED
    assert not StatusChange.objects.exists()


def test_officials_cannot_withdraw_a_proposal(proposal, official):
    with pytest.raises(ValidationError):
        change(proposal, official, Status.WITHDRAWN)


def test_rejecting_needs_a_reason(proposal, official):
    change(proposal, official, Status.UNDER_REVIEW)
    with pytest.raises(ValidationError):
        change(proposal, official, Status.REJECTED, answer="  ")
    change(proposal, official, Status.REJECTED, answer="To teren prywatny.")
    proposal.refresh_from_db()
    assert proposal.status == Status.REJECTED


def test_merging_needs_a_proposal_of_the_same_consultation(
    centre, consultation, proposal, official
):
    index = ConsultationIndexPageFactory(parent=centre)
    elsewhere = ProposalFactory(consultation=ConsultationPageFactory(parent=index))
    with pytest.raises(ValidationError):
        change(proposal, official, Status.MERGED)
    with pytest.raises(ValidationError):
        change(proposal, official, Status.MERGED, merged_into=elsewhere)
    target = ProposalFactory(consultation=consultation)
    change(proposal, official, Status.MERGED, merged_into=target)
    proposal.refresh_from_db()
    assert proposal.merged_into == target


def test_officials_of_another_centre_cannot_change_the_status(home_page, proposal):
    other = CentrePageFactory(parent=home_page, title="MAM Chrzanów", slug="chrzanow")
    stranger = UserFactory()
    stranger.groups.add(roles.centre_groups_ensure(other)[roles.OFFICIAL])
    with pytest.raises(ValidationError):
        change(proposal, stranger, Status.UNDER_REVIEW)


def test_status_change_is_in_the_admin_history(proposal, official):
    change(proposal, official, Status.UNDER_REVIEW)
    entry = ModelLogEntry.objects.get(action="mam.proposal.status")
    assert entry.user == official
    assert entry.object_id == str(proposal.pk)


def test_author_and_followers_are_emailed_about_a_status_change(proposal, official, emails):
    follower = UserFactory()
    engagement.follow(proposal=proposal, user=follower)
    change(proposal, official, Status.UNDER_REVIEW, answer="Sprawdzamy teren.")
    assert sorted(m.to[0] for m in emails) == sorted([proposal.author.email, follower.email])
    assert "Sprawdzamy teren." in emails[0].body
    assert proposal.title in emails[0].subject


def test_status_emails_respect_the_preference(proposal, official, emails):
    proposal.author.notify_status_changes = False
    proposal.author.save()
    change(proposal, official, Status.UNDER_REVIEW)
    assert not emails


def test_forwarding_shows_the_body_and_becomes_overdue(proposal, official, emails):
    due = timezone.localdate() + datetime.timedelta(days=14)
    status.forward_to_body(
        proposal=proposal, body_name="MPK Nowy Sącz", answer_due=due, by=official
    )
    proposal.refresh_from_db()
    assert proposal.forwarded_to == "MPK Nowy Sącz"
    assert not status.is_overdue(proposal)
    assert status.is_overdue(proposal, today=due + datetime.timedelta(days=1))
    assert "MPK Nowy Sącz" in emails[0].body


def test_an_outside_answer_ends_the_wait(proposal, official, emails):
    due = timezone.localdate() + datetime.timedelta(days=3)
    status.forward_to_body(proposal=proposal, body_name="Sanepid", answer_due=due, by=official)
    status.record_outside_answer(proposal=proposal, answer="Kontrola w maju.", by=official)
    proposal.refresh_from_db()
    assert not status.is_overdue(proposal, today=due + datetime.timedelta(days=10))
    last = StatusChange.objects.filter(proposal=proposal).last()
    assert last.answer == "Kontrola w maju."
    assert last.forwarded_to == "Sanepid"
    assert "Kontrola w maju." in emails[-1].body


def test_an_answer_cannot_be_recorded_for_a_proposal_never_forwarded(proposal, official):
    with pytest.raises(ValidationError):
        status.record_outside_answer(proposal=proposal, answer="?", by=official)
