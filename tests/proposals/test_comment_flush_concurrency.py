"""Comment-email flushes run at once on PostgreSQL: each batch is sent exactly once."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import timezone

from proposals.models import Comment, Follow
from proposals.services import status
from tests.concurrency import run_in_threads
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_consultations import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    with_phases,
)
from tests.factories_proposals import ProposalFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_parallel_flushes_send_each_batch_once(page_tree):
    centre = CentrePageFactory(parent=page_tree, title="MAM Nowy Sącz", slug="nowy-sacz")
    index = ConsultationIndexPageFactory(parent=centre)
    consultation = with_phases(ConsultationPageFactory(parent=index), current="discussion")
    proposal = ProposalFactory(consultation=consultation)
    followers = UserFactory.create_batch(5)
    for user in followers:
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        Follow.objects.create(proposal=proposal, user=user)
    comment = Comment.objects.create(
        proposal=proposal, author=UserFactory(), body="Nowy komentarz."
    )
    status.comments_pending_mark(comment=comment)
    mail.outbox.clear()
    later = timezone.now() + datetime.timedelta(minutes=1)

    errors = run_in_threads([lambda: status.flush_comment_notifications(now=later)] * 8, workers=8)

    assert errors == []
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in followers)
    assert not Follow.objects.filter(comments_pending_since__isnull=False).exists()
