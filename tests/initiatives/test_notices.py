"""Emails about the town's answers and art. 41a committee invitations: who gets them, once."""

import datetime
from urllib.parse import urlparse

import pytest
from django.core import mail

from initiatives.models import CommitteeMember, Membership
from initiatives.services import local_initiative as local
from initiatives.services import membership, notices, petitions, updates
from tests.factories_proposals import confirmed_user
from tests.initiatives.helpers import centre_with_index, organiser, running
from tests.initiatives.local_helpers import criteria, ready
from tests.initiatives.petition_helpers import draft, signed_resolution

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return centre_with_index(home_page)[1]


def invite(initiative, person, capture):
    membership.initiative_join(initiative=initiative, user=person, kind="member")
    seat = Membership.objects.get(initiative=initiative, user=person)
    with capture(execute=True):
        return petitions.committee_invite(
            initiative=initiative, coordinator=initiative.started_by, member=seat
        )


def test_an_invited_member_gets_an_email_with_the_consent_link(
    index, django_capture_on_commit_callbacks
):
    initiative = running(index)
    draft(initiative)
    person = confirmed_user()
    mail.outbox.clear()
    invite(initiative, person, django_capture_on_commit_callbacks)
    assert [m.to[0] for m in mail.outbox] == [person.email]
    link = next(word for word in mail.outbox[0].body.split() if "?t=" in word)
    assert urlparse(link).path == index.sub_url("committee_consent", pk=initiative.pk)


def test_the_consent_link_shows_the_consent_form_without_sign_in(
    client, index, django_capture_on_commit_callbacks
):
    initiative = running(index)
    person = confirmed_user()
    seat = invite(initiative, person, django_capture_on_commit_callbacks)
    parts = urlparse(notices.consent_url(seat))
    page = client.get(f"{parts.path}?{parts.query}").content.decode()
    assert 'name="full_name"' in page


def test_an_invitation_task_run_again_sends_no_second_email(
    index, django_capture_on_commit_callbacks
):
    initiative = running(index)
    seat = invite(initiative, confirmed_user(), django_capture_on_commit_callbacks)
    mail.outbox.clear()
    assert notices.send_committee_invitation.call(seat_id=seat.pk) is False
    assert mail.outbox == []


def test_an_invitation_after_consent_sends_nothing(index):
    initiative = running(index)
    person = confirmed_user()
    membership.initiative_join(initiative=initiative, user=person, kind="member")
    seat = petitions.committee_invite(
        initiative=initiative,
        coordinator=initiative.started_by,
        member=Membership.objects.get(user=person, initiative=initiative),
    )
    petitions.committee_consent(initiative=initiative, user=person, full_name="Jan Kowalski")
    mail.outbox.clear()
    assert notices.send_committee_invitation.call(seat_id=seat.pk) is False
    assert mail.outbox == []


def test_the_coordinator_inviting_themselves_gets_no_email(
    index, django_capture_on_commit_callbacks
):
    initiative = running(index)
    seat = Membership.objects.get(initiative=initiative, user=initiative.started_by)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        petitions.committee_invite(
            initiative=initiative, coordinator=initiative.started_by, member=seat
        )
    assert CommitteeMember.objects.filter(user=initiative.started_by).exists()
    assert mail.outbox == []


def decide(petition, capture, **kwargs):
    with capture(execute=True):
        return petitions.petition_decide(
            petition=petition,
            staff=organiser(petition.centre),
            decision="adopted",
            decided_on=datetime.date(2026, 3, 20),
            resolution_url="https://bip.example.org/uchwala-123",
            **kwargs,
        )


def filed(index):
    petition = signed_resolution(index)
    return petitions.petition_file(
        petition=petition, staff=organiser(index.centre), filed_on=datetime.date(2026, 1, 5)
    )


def test_the_councils_decision_is_emailed_to_members_and_supporters(
    index, django_capture_on_commit_callbacks
):
    petition = filed(index)
    supporter = confirmed_user()
    membership.initiative_join(initiative=petition.initiative, user=supporter, kind="supporter")
    people = set(
        Membership.objects.filter(initiative=petition.initiative).values_list(
            "user__email", flat=True
        )
    )
    mail.outbox.clear()
    decide(petition, django_capture_on_commit_callbacks)
    assert {m.to[0] for m in mail.outbox} == people
    body = mail.outbox[0].body
    assert "https://bip.example.org/uchwala-123" in body
    assert "/inicjatywy/wypisz/" in body


def test_a_decision_task_run_again_sends_no_second_email(index, django_capture_on_commit_callbacks):
    petition = decide(filed(index), django_capture_on_commit_callbacks)
    sent = len(mail.outbox)
    assert sent > 0
    assert notices.send_decision_emails.call(kind="petition", object_id=petition.pk) == 0
    assert len(mail.outbox) == sent


def test_people_who_stopped_the_emails_get_no_decision(index, django_capture_on_commit_callbacks):
    petition = filed(index)
    for seat in Membership.objects.filter(initiative=petition.initiative):
        updates.emails_stop(initiative=petition.initiative, user=seat.user)
    mail.outbox.clear()
    decide(petition, django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_the_local_initiative_decision_is_emailed_to_the_group(
    index, django_capture_on_commit_callbacks
):
    initiative = running(index)
    supporter = confirmed_user()
    membership.initiative_join(initiative=initiative, user=supporter, kind="supporter")
    application = ready(initiative)
    staff = organiser(index.centre)
    scores = {c.pk: (c.max_score, "") for c in criteria(index.centre)}
    local.evaluation_record(application=application, staff=staff, scores=scores)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        local.decision_record(
            application=application,
            staff=staff,
            accepted=True,
            reasons="Zadanie służy mieszkańcom.",
            decided_on=datetime.date(2027, 3, 1),
        )
    assert supporter.email in {m.to[0] for m in mail.outbox}
    assert "Zadanie służy mieszkańcom." in mail.outbox[0].body


def test_an_invitation_sent_before_the_draft_exists_links_a_page_that_opens(
    client, index, django_capture_on_commit_callbacks
):
    initiative = running(index)
    person = confirmed_user()
    seat = invite(initiative, person, django_capture_on_commit_callbacks)
    client.force_login(person)
    parts = urlparse(notices.consent_url(seat))
    assert parts.path == index.sub_url("committee_consent", pk=initiative.pk)
    assert client.get(f"{parts.path}?{parts.query}").status_code == 200


def test_an_invitation_sent_before_the_draft_exists_says_the_draft_is_not_ready(
    index, django_capture_on_commit_callbacks
):
    initiative = running(index)
    mail.outbox.clear()
    invite(initiative, confirmed_user(), django_capture_on_commit_callbacks)
    body = mail.outbox[0].body
    assert "nie przygotował jeszcze projektu" in body or "not prepared the draft yet" in body
