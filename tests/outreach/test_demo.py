"""The demo's newsletters: one sent newsletter in each centre's log, and no email at seed time."""

import pytest
from django.core import mail

from demo.newsletters import ensure_newsletters
from outreach.models import Delivery, Newsletter
from tests.factories import UserFactory
from tests.factories_proposals import (
    FollowFactory,
    ProposalFactory,
    confirmed_user,
    open_consultation,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultations(home_page):
    found = [open_consultation(home_page), open_consultation(home_page)]
    for consultation in found:
        FollowFactory(proposal=ProposalFactory(consultation=consultation), user=confirmed_user())
    return found


def test_each_centre_logs_one_sent_newsletter_without_emailing(consultations, committed):
    with committed():
        assert ensure_newsletters(UserFactory(is_superuser=True)) == 2
    for consultation in consultations:
        newsletter = Newsletter.objects.get(centre=consultation.centre)
        assert newsletter.state == Newsletter.State.SENT
        assert newsletter.consultation.pk == consultation.pk
        assert (newsletter.recipients_count, newsletter.sent_count) == (1, 1)
    assert Delivery.objects.count() == 2
    assert mail.outbox == []


def test_seeding_again_adds_no_newsletter(consultations):
    admin = UserFactory(is_superuser=True)
    ensure_newsletters(admin)
    assert ensure_newsletters(admin) == 0
    assert Newsletter.objects.count() == 2
