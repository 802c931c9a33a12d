"""Without JavaScript the ballot's totals are counted by the server for what was ticked."""

import re

import pytest

from tests.factories_proposals import confirmed_user
from tests.factories_voting import Method, vote_url, voting_consultation
from voting.services import voting

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def budget(home_page):
    return voting_consultation(
        home_page, method=Method.BUDGET, costs=[40000, 7000, 8000], budget=200000
    )


def totals(html) -> list[str]:
    return re.findall(r"data-(?:selected|total)>([^<]*)<", html)


def test_a_budget_ballot_offers_to_count_the_ticked_choices(client, budget):
    consultation, _ = budget
    client.force_login(confirmed_user())
    html = client.get(vote_url(consultation), **EN).content.decode()
    assert 'type="submit" name="recount"' in html


def test_counting_shows_the_totals_of_what_was_ticked_not_the_saved_ballot(client, budget):
    consultation, (a, b, c) = budget
    user = confirmed_user()
    voting.cast_ballot(user=user, consultation=consultation, proposal_ids=[c.pk])
    client.force_login(user)
    response = client.post(
        vote_url(consultation), {"proposals": [a.pk, b.pk], "recount": "1"}, **EN
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert totals(html) == ["47,000.00 zł", "47,000.00 zł"]
    assert f'value="{a.pk}" id="proposal-{a.pk}" checked' in html
    assert f'value="{c.pk}" id="proposal-{c.pk}" checked' not in html
    assert "Your vote is not sent yet" in html


def test_counting_does_not_change_the_saved_ballot(client, budget):
    consultation, (a, b, c) = budget
    user = confirmed_user()
    voting.cast_ballot(user=user, consultation=consultation, proposal_ids=[c.pk])
    client.force_login(user)
    client.post(vote_url(consultation), {"proposals": [a.pk, b.pk], "recount": "1"})
    ballot = voting.own_ballot(user, consultation)
    assert [choice.proposal_id for choice in ballot.choices.all()] == [c.pk]


def test_an_anonymous_visitor_cannot_count_by_post(client, budget):
    consultation, (a, _b, _c) = budget
    response = client.post(vote_url(consultation), {"proposals": [a.pk], "recount": "1"})
    assert response.status_code == 403
