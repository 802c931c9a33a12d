"""Consenting to (or declining) the committee from the petition's page brings the person back
to the petition's page with the message; from the emailed link they stay on the consent page.
Only a `next` on this site is followed."""

import pytest
from django.contrib.messages import get_messages

from initiatives.models import CommitteeMember, Membership
from initiatives.services import membership, petitions
from tests.factories_proposals import confirmed_user
from tests.initiatives.helpers import running
from tests.initiatives.petition_helpers import draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiative(index):
    found = running(index)
    draft(found)
    return found


@pytest.fixture
def person(client, initiative):
    """A member of the group invited to the committee, signed in."""
    user = confirmed_user()
    membership.initiative_join(initiative=initiative, user=user, kind="member")
    petitions.committee_invite(
        initiative=initiative,
        coordinator=initiative.started_by,
        member=Membership.objects.get(initiative=initiative, user=user),
    )
    client.force_login(user)
    return user


def urls(initiative):
    index = initiative.index
    return (
        index.sub_url("petition", pk=initiative.pk),
        index.sub_url("committee_consent", pk=initiative.pk),
    )


def test_the_petition_pages_consent_form_asks_to_come_back_to_it(client, initiative, person):
    petition_url, consent_url = urls(initiative)
    text = client.get(petition_url).content.decode()
    consent_form = text.split(f'action="{consent_url}"', 1)[1].split("</form>", 1)[0]
    assert f'<input type="hidden" name="next" value="{petition_url}">' in consent_form


def test_consenting_from_the_petition_page_returns_to_it_with_the_message(
    client, initiative, person
):
    petition_url, consent_url = urls(initiative)
    response = client.post(
        consent_url, {"full_name": "Józef Zgodny", "next": petition_url}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 302 and response["Location"] == petition_url
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Thank you: you are a member of the initiative committee."
    ]
    assert CommitteeMember.objects.get(user=person).consented_at is not None


def test_declining_from_the_petition_page_returns_to_it(client, initiative, person):
    petition_url, consent_url = urls(initiative)
    response = client.post(consent_url, {"action": "leave", "next": petition_url})
    assert response.status_code == 302 and response["Location"] == petition_url
    assert not CommitteeMember.objects.filter(user=person).exists()


def test_consenting_without_next_stays_on_the_consent_page(client, initiative, person):
    _petition_url, consent_url = urls(initiative)
    response = client.post(consent_url, {"full_name": "Józef Zgodny"})
    assert response.status_code == 302 and response["Location"] == consent_url


def test_a_next_to_another_site_is_not_followed(client, initiative, person):
    _petition_url, consent_url = urls(initiative)
    response = client.post(
        consent_url, {"full_name": "Józef Zgodny", "next": "https://evil.example/petycja/"}
    )
    assert response.status_code == 302 and response["Location"] == consent_url


def test_a_consent_with_an_error_keeps_the_way_back_for_the_next_try(client, initiative, person):
    petition_url, consent_url = urls(initiative)
    response = client.post(consent_url, {"full_name": "  ", "next": petition_url})
    assert response.status_code == 200
    assert f'<input type="hidden" name="next" value="{petition_url}">' in response.content.decode()
