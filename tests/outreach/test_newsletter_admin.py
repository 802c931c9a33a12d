"""Newsletters in the admin: editors of a centre write, preview, test and send their own."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry

from accounts import roles
from outreach.models import Newsletter
from tests.factories import UserFactory
from tests.factories_proposals import (
    FollowFactory,
    ProposalFactory,
    confirmed_user,
    open_consultation,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(home_page):
    consultation = open_consultation(home_page, title="Budżet obywatelski 2027")
    proposal = ProposalFactory(consultation=consultation)
    FollowFactory(proposal=proposal, user=confirmed_user())
    return consultation


@pytest.fixture
def other(home_page):
    return open_consultation(home_page, title="Cudza konsultacja")


def editor_of(centre):
    user = UserFactory()
    user.groups.add(roles.centre_groups_ensure(centre)[roles.EDITOR])
    return user


def newsletter_for(consultation, **fields):
    return Newsletter.objects.create(
        centre=consultation.centre,
        consultation=consultation,
        subject=fields.pop("subject", "Głosowanie rusza"),
        body="<p>Zapraszamy.</p>",
        **fields,
    )


def test_editor_writes_a_newsletter_to_their_consultation(client, consultation):
    editor = editor_of(consultation.centre)
    client.force_login(editor)
    response = client.post(
        reverse("mam_newsletters:add"),
        {
            "consultation": consultation.pk,
            "subject": "Głosowanie rusza",
            "body": '{"blocks": [{"key": "a", "type": "unstyled", "text": "Zapraszamy", '
            '"depth": 0, "inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    newsletter = Newsletter.objects.get()
    assert newsletter.centre.pk == consultation.centre.pk
    assert newsletter.created_by == editor


def test_another_centres_consultation_is_not_offered(client, consultation, other):
    client.force_login(editor_of(consultation.centre))
    page = client.get(reverse("mam_newsletters:add")).content.decode()
    assert "Budżet obywatelski 2027" in page
    assert "Cudza konsultacja" not in page


def test_listing_shows_only_the_editors_centres(client, consultation, other):
    newsletter_for(consultation, subject="Nasz newsletter")
    newsletter_for(other, subject="Cudzy newsletter")
    client.force_login(editor_of(consultation.centre))
    page = client.get(reverse("mam_newsletters:index")).content.decode()
    assert "Nasz newsletter" in page
    assert "Cudzy newsletter" not in page


def test_another_centres_newsletter_is_not_found(client, consultation, other):
    newsletter = newsletter_for(other)
    client.force_login(editor_of(consultation.centre))
    assert client.get(reverse("mam_newsletters:preview", args=[newsletter.pk])).status_code == 404
    assert client.get(reverse("mam_newsletters:edit", args=[newsletter.pk])).status_code == 404


def test_preview_shows_the_rendered_email(client, consultation):
    newsletter = newsletter_for(consultation)
    client.force_login(editor_of(consultation.centre))
    page = client.get(reverse("mam_newsletters:preview", args=[newsletter.pk])).content.decode()
    assert "Zapraszamy." in page
    assert "srcdoc=" in page


def test_send_me_a_test_emails_only_the_editor(client, consultation, committed):
    newsletter = newsletter_for(consultation)
    editor = editor_of(consultation.centre)
    client.force_login(editor)
    with committed():
        response = client.post(reverse("mam_newsletters:test", args=[newsletter.pk]))
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[editor.email]]
    assert Newsletter.objects.get().state == Newsletter.State.DRAFT


def test_send_me_a_test_is_queued_for_the_worker_not_sent_in_the_request(client, consultation):
    newsletter = newsletter_for(consultation)
    editor = editor_of(consultation.centre)
    client.force_login(editor)
    response = client.post(reverse("mam_newsletters:test", args=[newsletter.pk]), follow=True)
    assert mail.outbox == []  # the transaction has not committed: nothing was handed over yet
    shown = [str(m) for m in response.context["messages"]]
    assert any(editor.email in text and "kolejce" in text for text in shown)


def test_sending_from_the_preview_reaches_the_followers_and_logs_it(
    client, consultation, committed
):
    newsletter = newsletter_for(consultation)
    editor = editor_of(consultation.centre)
    client.force_login(editor)
    with committed():
        response = client.post(reverse("mam_newsletters:preview", args=[newsletter.pk]))
    assert response.status_code == 302
    newsletter.refresh_from_db()
    assert newsletter.state == Newsletter.State.SENT
    assert (newsletter.recipients_count, newsletter.sent_count) == (1, 1)
    assert newsletter.queued_by == editor
    assert len(mail.outbox) == 1


def test_a_sent_newsletter_cannot_be_edited(client, consultation):
    newsletter = newsletter_for(consultation, state=Newsletter.State.SENT)
    client.force_login(editor_of(consultation.centre))
    assert client.get(reverse("mam_newsletters:edit", args=[newsletter.pk])).status_code == 404


def test_residents_cannot_open_the_newsletters(client, consultation):
    client.force_login(confirmed_user())
    response = client.get(reverse("mam_newsletters:index"))
    assert response.status_code in (302, 403)


def test_a_send_is_logged_when_it_starts_and_finishes(client, consultation, committed):
    newsletter = newsletter_for(consultation)
    editor = editor_of(consultation.centre)
    client.force_login(editor)
    with committed():
        client.post(reverse("mam_newsletters:preview", args=[newsletter.pk]))
    entries = ModelLogEntry.objects.for_instance(newsletter).order_by("timestamp", "pk")
    actions = [(entry.action, entry.user_id) for entry in entries]
    assert ("mam.newsletter.send_started", editor.pk) in actions
    assert actions[-1] == ("mam.newsletter.send_finished", None)


def test_the_newsletters_history_shows_its_send(client, consultation, committed):
    newsletter = newsletter_for(consultation)
    client.force_login(editor_of(consultation.centre))
    with committed():
        client.post(reverse("mam_newsletters:preview", args=[newsletter.pk]))
    page = client.get(reverse("mam_newsletters:history", args=[newsletter.pk])).content.decode()
    assert "Rozpoczęto wysyłkę do 1 osoby" in page
    assert "Zakończono wysyłkę: wysłano 1 z 1 e-maili" in page


def test_another_centres_newsletter_history_is_not_found(client, consultation, other):
    newsletter = newsletter_for(other)
    client.force_login(editor_of(consultation.centre))
    response = client.get(reverse("mam_newsletters:history", args=[newsletter.pk]))
    assert response.status_code == 404
