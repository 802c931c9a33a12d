"""Emails about comments (at most one an hour per proposal and follower) and unsubscribing."""

import datetime
import os
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import include, path
from django.utils import timezone

from config import urls as site_urls
from proposals.models import Follow
from proposals.services import discussion, engagement, status
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_consultations import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    with_phases,
)
from tests.factories_proposals import ProposalFactory

# Until config/urls.py includes proposals.urls, route it here (before Wagtail's catch-all).
urlpatterns = [path("propozycje/", include("proposals.urls")), *site_urls.urlpatterns]
pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


@pytest.fixture
def proposal(home_page):
    centre = CentrePageFactory(parent=home_page, title="MAM Nowy Sącz", slug="nowy-sacz")
    index = ConsultationIndexPageFactory(parent=centre)
    consultation = with_phases(ConsultationPageFactory(parent=index), current="discussion")
    return ProposalFactory(consultation=consultation)


def resident():
    user = UserFactory()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def follower(proposal):
    user = resident()
    engagement.follow(proposal=proposal, user=user)
    return user


@pytest.fixture
def emails(monkeypatch):
    """The outbox, with on-commit work (the emails) run at once, as if each call committed."""
    monkeypatch.setattr(
        "django.db.transaction.on_commit", lambda func, using=None, robust=False: func()
    )
    return mail.outbox


def comment_at(proposal, minutes, body="Komentarz."):
    moment = timezone.now() + datetime.timedelta(minutes=minutes)
    return discussion.comment_add(proposal=proposal, author=resident(), body=body, now=moment)


def test_a_new_comment_emails_the_followers(proposal, follower, emails):
    comment_at(proposal, 0, "Też tak uważam.")
    assert [m.to[0] for m in emails] == [follower.email]
    assert "Też tak uważam." in emails[0].body


def test_comments_within_the_hour_send_no_second_email(proposal, follower, emails):
    comment_at(proposal, 0)
    comment_at(proposal, 10)
    comment_at(proposal, 59)
    assert len(emails) == 1


def test_after_an_hour_the_next_email_counts_what_was_missed(proposal, follower, emails):
    comment_at(proposal, 0)
    comment_at(proposal, 10)
    comment_at(proposal, 20)
    comment_at(proposal, 61, "Najnowszy.")
    assert len(emails) == 2
    assert "3" in emails[1].body  # three comments since the first email
    assert "Najnowszy." in emails[1].body


def test_the_author_of_a_comment_is_not_emailed_about_it(proposal, follower, emails):
    discussion.comment_add(proposal=proposal, author=follower, body="Mój komentarz.")
    assert not emails


def test_comment_emails_respect_the_preference(proposal, follower, emails):
    follower.notify_comments = False
    follower.save()
    comment_at(proposal, 0)
    assert not emails


def unsubscribe_link(email) -> str:
    return re.search(r"http://testserver(/\S+/wypisz/\S+/)", email.body).group(1)


def test_unsubscribe_link_works_without_signing_in(client, proposal, follower, emails):
    comment_at(proposal, 0)
    link = unsubscribe_link(emails[0])
    page = client.get(link)
    assert page.status_code == 200
    assert Follow.objects.filter(user=follower).exists()  # opening the link changes nothing
    client.post(link)
    assert not Follow.objects.filter(user=follower).exists()


def test_a_tampered_unsubscribe_link_is_refused(client, proposal, follower):
    token = status.unsubscribe_token(proposal, follower)
    response = client.post(f"/propozycje/wypisz/{token[:-2]}xx/")
    assert response.status_code == 400
    assert Follow.objects.filter(user=follower).exists()


def test_status_emails_carry_the_unsubscribe_link(proposal, follower, emails):
    from accounts import roles

    official = UserFactory()
    centre = proposal.consultation.centre
    official.groups.add(roles.centre_groups_ensure(centre)[roles.OFFICIAL])
    status.status_change(proposal=proposal, status="under_review", answer="Tak.", by=official)
    to_follower = next(m for m in emails if m.to == [follower.email])
    assert "/wypisz/" in to_follower.body


# The flush: comments within the hour are sent once the hour is up, whatever comes next


def flush_at(minutes):
    return status.flush_comment_notifications(
        now=timezone.now() + datetime.timedelta(minutes=minutes)
    )


def test_a_comment_within_the_hour_is_sent_by_the_flush_after_the_hour(proposal, follower, emails):
    comment_at(proposal, 0)
    comment_at(proposal, 1, "Drugi, minutę później.")
    assert len(emails) == 1
    assert flush_at(30) == 0  # the hour is not up yet
    assert flush_at(61) == 1
    assert len(emails) == 2
    assert "Drugi, minutę później." in emails[1].body


def test_flushing_again_sends_no_batch_twice(proposal, follower, emails):
    comment_at(proposal, 0)
    comment_at(proposal, 1)
    assert flush_at(61) == 1
    assert flush_at(62) == 0
    assert flush_at(200) == 0
    assert len(emails) == 2


def test_a_comment_hidden_before_the_flush_is_not_emailed(proposal, follower, emails):
    comment_at(proposal, 0)
    hidden = comment_at(proposal, 1, "Obraźliwy.")
    hidden.hidden_at = timezone.now()
    hidden.save(update_fields=["hidden_at"])
    assert flush_at(61) == 0
    assert len(emails) == 1


def test_the_flush_command_sends_what_is_due(proposal, follower, emails):
    from django.core.management import call_command

    comment_at(proposal, -120)
    comment_at(proposal, -119, "Czekał na wysłanie.")
    call_command("flush_comment_notifications", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert len(emails) == 2
    assert "Czekał na wysłanie." in emails[1].body


def test_migration_marks_comments_the_old_batching_never_reported(proposal, follower, emails):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("proposals.migrations.0007_follow_comments_pending")
    comment_at(proposal, -30)  # emailed at once
    lost = comment_at(proposal, -29, "Zgubiony komentarz.")
    Follow.objects.update(comments_pending_since=None)  # as the old code left it
    migration.mark_unreported(apps, None)
    assert Follow.objects.get(user=follower).comments_pending_since == lost.created_at
    assert flush_at(31) == 1
    assert "Zgubiony komentarz." in emails[-1].body
