"""After voting, the consultation page says so and until when the vote may change."""

import pytest

from tests.factories_proposals import confirmed_user
from tests.factories_voting import voting_consultation
from voting.services import voting

pytestmark = pytest.mark.django_db
PL = {"HTTP_ACCEPT_LANGUAGE": "pl"}


def cast(consultation, proposals):
    user = confirmed_user()
    voting.cast_ballot(user=user, consultation=consultation, proposal_ids=[proposals[0].pk])
    return user


def test_a_voter_is_told_they_voted_and_until_when_they_may_change_it(client, home_page):
    consultation, proposals = voting_consultation(home_page)
    client.force_login(cast(consultation, proposals))
    html = client.get(consultation.url, **PL).content.decode()
    assert "Twój głos został oddany " in html
    assert "Możesz zmienić swój głos do " in html
    assert ">Głosuj<" not in html


def test_a_final_ballot_is_said_to_be_final(client, home_page):
    consultation, proposals = voting_consultation(home_page, ballots_final=True)
    client.force_login(cast(consultation, proposals))
    html = client.get(consultation.url, **PL).content.decode()
    assert "oddanego głosu nie można zmienić" in html
    assert "Możesz zmienić swój głos" not in html


def test_someone_who_has_not_voted_is_called_to_vote(client, home_page):
    consultation, _ = voting_consultation(home_page)
    client.force_login(confirmed_user())
    html = client.get(consultation.url, **PL).content.decode()
    assert ">Głosuj<" in html
