"""Notification emails through the database queue: queued with the change (a rolled-back change
queues nothing), fanned out by the worker, and once however often the task runs."""

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from accounts import roles
from proposals.services import discussion, engagement, status
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_consultations import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    with_phases,
)
from tests.factories_proposals import ProposalFactory
from tests.jobs.helpers import database_queue, run_worker  # noqa: F401  (a fixture)
from tests.proposals.test_notifications import resident

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("database_queue")]
NOTIFY = "proposals.services.status.notify_status_change"


@pytest.fixture
def proposal(home_page):
    index = ConsultationIndexPageFactory(parent=CentrePageFactory(parent=home_page))
    consultation = with_phases(ConsultationPageFactory(parent=index), current="discussion")
    return ProposalFactory(consultation=consultation)


@pytest.fixture
def official(proposal):
    user = UserFactory()
    user.groups.add(roles.centre_groups_ensure(proposal.consultation.centre)[roles.OFFICIAL])
    return user


def test_a_status_change_queues_its_emails_for_the_worker(proposal, official, mailoutbox):
    follower = resident()
    engagement.follow(proposal=proposal, user=follower)
    status.status_change(proposal=proposal, status="under_review", answer="Tak.", by=official)
    assert not mailoutbox
    assert DBTaskResult.objects.filter(task_path=NOTIFY).count() == 1
    run_worker()
    assert follower.email in {message.to[0] for message in mailoutbox}


def test_a_status_change_rolled_back_queues_nothing(proposal, official):
    with pytest.raises(RuntimeError), transaction.atomic():
        status.status_change(proposal=proposal, status="under_review", answer="Tak.", by=official)
        raise RuntimeError
    assert not DBTaskResult.objects.filter(task_path=NOTIFY).exists()


def test_a_notification_task_run_twice_sends_its_emails_once(proposal, official, mailoutbox):
    follower = resident()
    engagement.follow(proposal=proposal, user=follower)
    status.status_change(proposal=proposal, status="under_review", answer="Tak.", by=official)
    run_worker()
    sent = len(mailoutbox)
    DBTaskResult.objects.filter(task_path=NOTIFY).update(status="READY")  # as a recovery would
    run_worker()
    assert sent >= 1
    assert len(mailoutbox) == sent


def test_a_comment_notifies_followers_from_the_worker(proposal, mailoutbox):
    follower = resident()
    engagement.follow(proposal=proposal, user=follower)
    discussion.comment_add(proposal=proposal, author=resident(), body="Dobry pomysł.")
    assert not mailoutbox
    run_worker()
    assert [message.to for message in mailoutbox] == [[follower.email]]
