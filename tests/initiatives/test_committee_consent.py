"""The art. 41a committee invitation: consent or decline from the emailed link, before the
draft exists, with or without signing in; consent dated; names public only with consent."""

import datetime
from urllib.parse import parse_qs, urlparse

import pytest
from django.core import mail

from consultations.participation import NotAllowed
from initiatives.models import CommitteeMember, Membership, Petition
from initiatives.services import membership, notices, petitions
from initiatives.services.committee_tokens import committee_seat, committee_token
from tests.factories_proposals import confirmed_user
from tests.initiatives.helpers import running
from tests.initiatives.petition_helpers import committee, draft, signed_resolution

pytestmark = pytest.mark.django_db


def invited(initiative):
    person = confirmed_user()
    membership.initiative_join(initiative=initiative, user=person, kind="member")
    seat = petitions.committee_invite(
        initiative=initiative,
        coordinator=initiative.started_by,
        member=Membership.objects.get(initiative=initiative, user=person),
    )
    return person, seat


def link(seat) -> str:
    """The invitation's link as the email gives it, without the scheme and host."""
    parts = urlparse(notices.consent_url(seat))
    return f"{parts.path}?{parts.query}"


def test_the_invitation_link_opens_the_consent_form_before_the_draft_exists(client, index):
    initiative = running(index)
    _person, seat = invited(initiative)
    response = client.get(link(seat))
    assert response.status_code == 200
    assert 'name="full_name"' in response.content.decode()


def test_the_invited_person_consents_from_the_link_without_signing_in(client, index):
    initiative = running(index)
    _person, seat = invited(initiative)
    token = parse_qs(urlparse(notices.consent_url(seat)).query)["t"][0]
    url = index.sub_url("committee_consent", pk=initiative.pk)
    client.post(url, {"token": token, "full_name": "Józef Zgodny"})
    seat.refresh_from_db()
    assert seat.full_name == "Józef Zgodny"
    assert seat.consented_at is not None


def test_consent_records_the_date_it_was_given(index):
    initiative = running(index)
    person, _seat = invited(initiative)
    when = datetime.datetime(2027, 1, 12, 10, 0, tzinfo=datetime.UTC)
    seat = petitions.committee_consent(
        initiative=initiative, user=person, full_name="Jan Kowalski", now=when
    )
    assert seat.consented_at == when


def test_the_invited_person_declines_from_the_link_and_the_link_then_stops_working(client, index):
    initiative = running(index)
    _person, seat = invited(initiative)
    address = link(seat)
    client.post(address.split("?")[0], {"token": committee_token(seat), "action": "leave"})
    assert not CommitteeMember.objects.filter(pk=seat.pk).exists()
    assert client.get(address).status_code == 302  # to sign-in: the token is spent


def test_a_signed_in_invited_person_consents_without_a_token_before_the_draft_exists(client, index):
    initiative = running(index)
    person, seat = invited(initiative)
    client.force_login(person)
    url = index.sub_url("committee_consent", pk=initiative.pk)
    assert client.get(url).status_code == 200
    client.post(url, {"full_name": "Anna Nowak", "show_name": "on"})
    seat.refresh_from_db()
    assert seat.consented_at is not None and seat.show_name


def test_a_tampered_token_is_not_accepted(client, index):
    initiative = running(index)
    _person, seat = invited(initiative)
    url = index.sub_url("committee_consent", pk=initiative.pk)
    client.post(url, {"token": committee_token(seat) + "x", "full_name": "Ktoś Obcy"})
    seat.refresh_from_db()
    assert seat.consented_at is None


def test_a_token_for_another_initiative_finds_no_seat(index):
    initiative = running(index)
    _person, seat = invited(initiative)
    other = running(index)
    assert committee_seat(committee_token(seat), initiative_id=other.pk) is None


def test_someone_not_invited_cannot_open_the_consent_page(client, index):
    initiative = running(index)
    client.force_login(confirmed_user())
    url = index.sub_url("committee_consent", pk=initiative.pk)
    assert client.get(url).status_code == 403


def test_a_name_given_without_consent_to_show_it_stays_off_the_pages(client, index):
    initiative = running(index)
    committee(initiative, size=4)
    person, seat = invited(initiative)
    url = index.sub_url("committee_consent", pk=initiative.pk)
    client.post(url, {"token": committee_token(seat), "full_name": "Zofia Ukryta"})
    petition = draft(initiative)
    petitions.petition_publish(petition=petition, user=initiative.started_by)
    page = client.get(index.sub_url("petition", pk=initiative.pk)).content.decode()
    assert "Zofia Ukryta" not in page


def test_consent_after_the_draft_is_filed_is_refused(index):
    petition = signed_resolution(index)
    initiative = petition.initiative
    person, _seat = invited(initiative)
    Petition.objects.filter(pk=petition.pk).update(state=Petition.State.FILED)
    with pytest.raises(NotAllowed):
        petitions.committee_consent(initiative=initiative, user=person, full_name="Za Późno")


def test_the_invitation_email_carries_the_token_link(index, django_capture_on_commit_callbacks):
    initiative = running(index)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _person, seat = invited(initiative)
    body = mail.outbox[0].body
    assert notices.consent_url(seat) in body


def test_the_initiative_page_links_a_signed_in_invited_member_to_the_invitation(client, index):
    initiative = running(index)
    person, _seat = invited(initiative)
    client.force_login(person)
    page = client.get(index.sub_url("detail", pk=initiative.pk)).content.decode()
    assert index.sub_url("committee_consent", pk=initiative.pk) in page
