"""Casting, changing and counting ballots through the services (the rules, not the pages)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.factories_proposals import confirmed_user
from tests.factories_voting import Method, voting_consultation
from voting.models import Ballot, Participation
from voting.services import results, voting
from voting.tally import tally

pytestmark = pytest.mark.django_db


def test_a_ballot_is_cast_once_and_changed_in_place(home_page):
    consultation, (first, second, _third) = voting_consultation(home_page)
    voter = confirmed_user()
    voting.cast_ballot(user=voter, consultation=consultation, proposal_ids=[first.pk])
    ballot = voting.cast_ballot(user=voter, consultation=consultation, proposal_ids=[second.pk])
    assert Ballot.objects.count() == 1
    assert Participation.objects.count() == 1
    assert [c.proposal_id for c in ballot.choices.all()] == [second.pk]


def test_the_ballot_row_names_no_user(home_page):
    consultation, (first, *_rest) = voting_consultation(home_page)
    voter = confirmed_user()
    ballot = voting.cast_ballot(user=voter, consultation=consultation, proposal_ids=[first.pk])
    assert ballot.voter_key == voting.voter_key(voter, consultation)
    assert {f.name for f in Ballot._meta.concrete_fields} == {
        "id",
        "consultation",
        "voter_key",
        "channel",
        "paper_number",
        "void_reason",
        "entered_by",
        "confirmed_at",  # staff, never the voter (two-person entry of paper cards)
        "confirmed_by",
    }


def test_final_ballots_cannot_be_changed(home_page):
    consultation, (first, second, _t) = voting_consultation(home_page, ballots_final=True)
    voter = confirmed_user()
    voting.cast_ballot(user=voter, consultation=consultation, proposal_ids=[first.pk])
    with pytest.raises(ValidationError):
        voting.cast_ballot(user=voter, consultation=consultation, proposal_ids=[second.pk])


def test_a_budget_ballot_over_the_amount_is_refused(home_page):
    consultation, (a, b, c) = voting_consultation(
        home_page, method=Method.BUDGET, costs=[600, 500, 300], budget=1000
    )
    with pytest.raises(ValidationError) as error:
        voting.cast_ballot(
            user=confirmed_user(), consultation=consultation, proposal_ids=[a.pk, b.pk]
        )
    assert error.value.code == "over_budget"
    assert not Ballot.objects.exists()


def test_published_budget_result_funds_by_votes_and_skips_what_does_not_fit(home_page):
    consultation, (a, b, c) = voting_consultation(
        home_page, method=Method.BUDGET, costs=[600, 500, 300], budget=1000
    )
    for ids in ([a.pk], [a.pk], [a.pk, c.pk], [b.pk], [b.pk, c.pk]):
        voting.cast_ballot(user=confirmed_user(), consultation=consultation, proposal_ids=ids)
    close_voting(consultation)
    official = results_official(consultation)
    snapshot = results.publish_results(consultation=consultation, by=official)
    funded = [row["id"] for row in snapshot.figures["options"] if row["funded"]]
    assert funded == [a.pk, c.pk]  # a: 3 votes (600), b: 2 (500, does not fit), c: 2 (300)
    assert not Ballot.objects.exclude(voter_key=None).exists()
    assert tally(snapshot.ballots) == snapshot.figures
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, b.status) == ("selected", "not_selected")


def close_voting(consultation):
    voting_phase = consultation.phases.get(kind="voting")
    voting_phase.closed_early_at = timezone.now()
    voting_phase.save()


def results_official(consultation):
    from accounts import roles

    official = confirmed_user()
    official.groups.add(roles.centre_groups_ensure(consultation.centre)[roles.OFFICIAL])
    return official


def test_a_voters_data_download_says_they_voted_but_not_what(home_page):
    from accounts.services.privacy import user_data_export

    consultation, (first, *_rest) = voting_consultation(home_page)
    voter = confirmed_user()
    voting.cast_ballot(user=voter, consultation=consultation, proposal_ids=[first.pk])
    data = user_data_export(voter)
    assert [vote["channel"] for vote in data["votes"]] == ["online"]
    assert first.title not in str(data)
