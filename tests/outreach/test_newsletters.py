"""Newsletters: who gets them, batches through the worker, never twice, unsubscribing."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client

from initiatives.models import Membership
from outreach import services
from outreach.models import Delivery, Newsletter, OptOut
from tests.factories import UserFactory
from tests.factories_proposals import (
    FollowFactory,
    ProposalFactory,
    confirmed_user,
    open_consultation,
)
from tests.initiatives.helpers import centre_with_index, running

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(home_page):
    return open_consultation(home_page, title="Budżet obywatelski 2027")


@pytest.fixture
def proposal(consultation):
    author = confirmed_user()
    proposal = ProposalFactory(consultation=consultation, author=author)
    FollowFactory(proposal=proposal, user=author)  # as publishing does
    return proposal


def newsletter_for(consultation, **fields):
    return Newsletter.objects.create(
        centre=consultation.centre,
        consultation=consultation,
        subject="Głosowanie rusza w poniedziałek",
        body="<p>Zapraszamy do <b>głosowania</b>.</p>",
        **fields,
    )


def follower(proposal):
    user = confirmed_user()
    FollowFactory(proposal=proposal, user=user)
    return user


def test_followers_of_the_consultations_proposals_get_it(proposal, consultation):
    reader = follower(proposal)
    people = set(services.recipients(newsletter_for(consultation)))
    assert people == {reader, proposal.author}


def test_unconfirmed_addresses_get_nothing(proposal, consultation):
    unconfirmed = UserFactory()
    FollowFactory(proposal=proposal, user=unconfirmed)
    assert unconfirmed not in services.recipients(newsletter_for(consultation))


def test_people_following_nothing_get_nothing(proposal, consultation):
    stranger = confirmed_user()
    assert stranger not in services.recipients(newsletter_for(consultation))


def test_opted_out_followers_get_nothing(proposal, consultation):
    reader = follower(proposal)
    services.opt_out(user=reader, consultation_id=consultation.pk, initiative_id=None)
    assert reader not in services.recipients(newsletter_for(consultation))


def test_follower_of_several_proposals_is_counted_once(proposal, consultation):
    reader = follower(proposal)
    FollowFactory(proposal=ProposalFactory(consultation=consultation), user=reader)
    assert list(services.recipients(newsletter_for(consultation))).count(reader) == 1


def test_sending_emails_everyone_in_batches_and_logs_it(
    proposal, consultation, settings, committed
):
    settings.MAM_NEWSLETTER_BATCH = 2
    readers = [follower(proposal) for _ in range(4)]
    newsletter = newsletter_for(consultation)
    editor = UserFactory()
    with committed():
        services.newsletter_send(newsletter=newsletter, user=editor)
    newsletter.refresh_from_db()
    assert newsletter.state == Newsletter.State.SENT
    assert newsletter.recipients_count == newsletter.sent_count == 5
    assert newsletter.queued_by == editor
    assert newsletter.sent_at is not None
    expected = sorted(u.email for u in [*readers, proposal.author])
    assert sorted(m.to[0] for m in mail.outbox) == expected


def test_email_has_text_html_and_a_one_click_unsubscribe(proposal, consultation, committed):
    newsletter = newsletter_for(consultation)
    with committed():
        services.newsletter_send(newsletter=newsletter, user=UserFactory())
    email = mail.outbox[0]
    assert "głosowania" in email.body
    assert "<b>głosowania</b>" in email.alternatives[0][0]
    assert email.extra_headers["List-Unsubscribe"].startswith("<http://testserver/newsletter/")
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/newsletter/wypisz/" in email.body


def test_a_batch_run_again_sends_nobody_a_second_copy(proposal, consultation, committed):
    follower(proposal)
    newsletter = newsletter_for(consultation)
    with committed():
        services.newsletter_send(newsletter=newsletter, user=UserFactory())
    assert len(mail.outbox) == 2
    # The worker died after sending, before the task was marked done: it runs again.
    Newsletter.objects.filter(pk=newsletter.pk).update(state=Newsletter.State.SENDING)
    services.send_newsletter_batch.call(newsletter_id=newsletter.pk, after=0)
    assert len(mail.outbox) == 2
    assert Delivery.objects.filter(newsletter=newsletter).count() == 2


def test_a_failed_email_is_not_marked_as_sent(proposal, consultation, monkeypatch):
    newsletter = newsletter_for(consultation)

    def broken(self, fail_silently=False):
        raise OSError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", broken)
    Newsletter.objects.filter(pk=newsletter.pk).update(state=Newsletter.State.SENDING)
    with pytest.raises(OSError):
        services.send_newsletter_batch.call(newsletter_id=newsletter.pk, after=0)
    assert not Delivery.objects.exists()


def test_a_sent_newsletter_cannot_be_sent_again(proposal, consultation, committed):
    newsletter = newsletter_for(consultation)
    with committed():
        services.newsletter_send(newsletter=newsletter, user=UserFactory())
    with pytest.raises(ValidationError), committed():
        services.newsletter_send(newsletter=newsletter, user=UserFactory())
    assert len(mail.outbox) == 1


def test_test_send_goes_to_the_editor_only(proposal, consultation, committed):
    editor = UserFactory()
    with committed():  # queued for the worker: sent once the transaction commits
        services.newsletter_send_test(newsletter=newsletter_for(consultation), user=editor)
    assert [m.to for m in mail.outbox] == [[editor.email]]


def test_initiative_members_who_get_emails_receive_it(home_page):
    centre, index = centre_with_index(home_page)
    initiative = running(index)
    quiet = confirmed_user()
    Membership.objects.create(initiative=initiative, user=quiet, kind="supporter", emails=False)
    supporter = confirmed_user()
    Membership.objects.create(initiative=initiative, user=supporter, kind="supporter")
    newsletter = Newsletter.objects.create(
        centre=centre, initiative=initiative, subject="Spotkanie", body="<p>W sobotę.</p>"
    )
    people = set(services.recipients(newsletter))
    assert supporter in people
    assert quiet not in people


def test_token_names_only_what_it_was_made_for(proposal, consultation):
    token = services.unsubscribe_token(newsletter_for(consultation), proposal.author)
    assert services.unsubscribe_unsign(token) == {
        "u": proposal.author.pk,
        "c": consultation.pk,
        "i": None,
    }
    assert services.unsubscribe_unsign(token[:-3] + "abc") is None
    assert services.unsubscribe_unsign("nonsense") is None


def test_unsubscribe_page_asks_first_then_unsubscribes_without_signing_in(
    client, proposal, consultation
):
    url = services.unsubscribe_url(newsletter_for(consultation), proposal.author)
    response = client.get(url)
    assert response.status_code == 200
    assert "Budżet obywatelski 2027" in response.content.decode()
    assert not OptOut.objects.exists()
    response = client.post(url)
    assert response.status_code == 200
    assert OptOut.objects.filter(user=proposal.author, consultation=consultation).exists()


def test_one_click_unsubscribe_works_without_csrf_token(proposal, consultation):
    url = services.unsubscribe_url(newsletter_for(consultation), proposal.author)
    response = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert OptOut.objects.filter(user=proposal.author).count() == 1


def test_unsubscribing_twice_is_once(client, proposal, consultation):
    url = services.unsubscribe_url(newsletter_for(consultation), proposal.author)
    client.post(url)
    client.post(url)
    assert OptOut.objects.count() == 1


def test_broken_unsubscribe_link_is_not_found(client):
    response = client.get("/newsletter/wypisz/broken-token/")
    assert response.status_code == 404
    assert "Ten link nie działa" in response.content.decode()
