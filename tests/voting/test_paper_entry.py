"""Two-person entry of paper cards: a card counts once a second staff member types the same."""

import importlib

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from wagtail.models import ModelLogEntry

from accounts import roles
from tests.accounts.staff_helpers import html, staff
from tests.voting.paper_helpers import confirm, enter, paper_vote, query_count, url
from tests.voting.results_helpers import close_voting, official_of, publish
from voting import paper_entry, paper_protocol
from voting.models import Ballot, PaperEntry
from voting.services import results, voting

pytestmark = pytest.mark.django_db

CONFIRM = "voting_paper:confirm"


@pytest.fixture
def vote(home_page):
    return paper_vote(home_page)


def second(consultation):
    return staff(consultation.centre, roles.OFFICIAL)


def test_a_card_entered_once_counts_neither_in_turnout_nor_in_the_result(vote):
    consultation, (first, *_rest), official = vote
    enter(consultation, official, 1, [first])
    assert voting.turnout(consultation)["paper"] == 0
    document = results.open_data(consultation)
    assert document["ballots"] == []


def test_a_second_person_typing_the_same_marks_confirms_the_card(vote):
    consultation, (first, *_rest), official = vote
    enter(consultation, official, 1, [first])
    clerk = second(consultation)
    ballot, outcome = confirm(consultation, 1, [first], by=clerk)
    assert outcome == paper_entry.CONFIRMED
    ballot.refresh_from_db()
    assert ballot.confirmed_by == clerk
    assert voting.turnout(consultation)["paper"] == 1
    assert len(results.open_data(consultation)["ballots"]) == 1


def test_the_person_who_entered_a_card_cannot_confirm_it(vote):
    consultation, (first, *_rest), official = vote
    enter(consultation, official, 1, [first])
    with pytest.raises(ValidationError) as error:
        confirm(consultation, 1, [first], by=official)
    assert error.value.code == "same_person"
    assert Ballot.objects.get(paper_number=1).confirmed_at is None


def test_a_different_second_typing_is_a_mismatch_and_does_not_count(vote):
    consultation, (first, other, _third), official = vote
    enter(consultation, official, 1, [first])
    _ballot, outcome = confirm(consultation, 1, [other])
    assert outcome == paper_entry.MISMATCH
    cards = paper_entry.unconfirmed_cards(consultation)
    assert [card.is_mismatch for card in cards] == [True]
    assert voting.turnout(consultation)["paper"] == 0


def test_a_third_typing_settles_a_mismatch_with_the_marks_two_people_agree_on(vote):
    consultation, (first, other, _third), official = vote
    enter(consultation, official, 1, [first])
    confirm(consultation, 1, [other])
    ballot, outcome = confirm(consultation, 1, [other])  # a third person agrees with the second
    assert outcome == paper_entry.CONFIRMED
    assert [c.proposal_id for c in ballot.choices.all()] == [other.pk]


def test_the_two_can_settle_a_mismatch_by_agreeing(vote):
    consultation, (first, other, _third), official = vote
    enter(consultation, official, 1, [first])
    clerk = second(consultation)
    confirm(consultation, 1, [other], by=clerk)
    _ballot, outcome = confirm(consultation, 1, [first], by=clerk)  # looked at the card again
    assert outcome == paper_entry.CONFIRMED
    assert PaperEntry.objects.filter(ballot__paper_number=1).count() == 3


def test_a_confirmed_card_cannot_be_confirmed_again(vote):
    consultation, (first, *_rest), official = vote
    enter(consultation, official, 1, [first])
    confirm(consultation, 1, [first])
    with pytest.raises(ValidationError) as error:
        confirm(consultation, 1, [first])
    assert error.value.code == "confirmed"


def test_a_correction_needs_a_second_person_again(vote):
    consultation, (first, other, _third), official = vote
    ballot = enter(consultation, official, 1, [first])
    confirm(consultation, 1, [first])
    voting.correct_paper_ballot(
        ballot=ballot, by=official, reason="zły wiersz", proposal_ids=[other.pk]
    )
    assert Ballot.objects.get(pk=ballot.pk).confirmed_at is None
    _ballot, outcome = confirm(consultation, 1, [other])
    assert outcome == paper_entry.CONFIRMED


def test_an_unconfirmed_card_is_not_in_the_published_result(vote):
    consultation, (first, other, _third), official = vote
    enter(consultation, official, 1, [first])
    enter(consultation, official, 2, [other])
    confirm(consultation, 1, [first])
    close_voting(consultation)
    # The commission counted two cards; staff explain why only one is confirmed.
    paper_protocol.record_protocol(
        consultation=consultation,
        by=official,
        figures={
            "cards_received": 2,
            "cards_issued": 2,
            "cards_unused": 0,
            "cards_valid": 2,
            "invalid_no_mark": 0,
            "invalid_too_many": 0,
            "invalid_other": 0,
        },
        members="Anna Kowalska",
    )
    paper_protocol.explain_protocol(
        consultation=consultation, by=official, explanation="Karta 2 nieczytelna w systemie."
    )
    snapshot = results.publish_results(consultation=consultation, by=official_of(consultation))
    assert snapshot.figures["turnout"]["paper"] == 1


# --- In the admin ------------------------------------------------------------------------


def test_the_confirm_form_confirms_a_card_and_logs_it(client, vote):
    consultation, (first, *_rest), official = vote
    ballot = enter(consultation, official, 7, [first])
    client.force_login(second(consultation))
    response = client.post(url(CONFIRM, consultation), {"paper_number": 7, "proposals": [first.pk]})
    assert response.status_code == 302
    assert Ballot.objects.get(pk=ballot.pk).confirmed_at is not None
    assert ModelLogEntry.objects.filter(action="mam.paper.confirm").exists()


def test_the_confirm_form_refuses_the_first_typist_beside_the_number(client, vote):
    consultation, (first, *_rest), official = vote
    enter(consultation, official, 7, [first])
    client.force_login(official)
    response = client.post(url(CONFIRM, consultation), {"paper_number": 7, "proposals": [first.pk]})
    assert response.status_code == 400
    assert "another staff member" in html(response) or "inny pracownik" in html(response)


def test_a_mismatch_is_listed_and_logged(client, vote):
    consultation, (first, other, _third), official = vote
    enter(consultation, official, 8, [first])
    client.force_login(second(consultation))
    client.post(url(CONFIRM, consultation), {"paper_number": 8, "proposals": [other.pk]})
    assert ModelLogEntry.objects.filter(action="mam.paper.mismatch").exists()
    page = html(client.get(url("voting_paper:unconfirmed", consultation)))
    assert f"{url(CONFIRM, consultation)}?number=8" in page


def test_the_second_typist_does_not_see_the_first_typing(client, vote):
    consultation, (first, *_rest), official = vote
    ballot = enter(consultation, official, 9, [first])
    client.force_login(second(consultation))
    for address in (
        url("voting_paper:ballots", consultation),
        url("voting_paper:ballot", consultation, ballot.pk),
        url("voting_paper:unconfirmed", consultation),
    ):
        assert first.title not in html(client.get(address)), address
    # The form lists every option, none ticked.
    assert "checked" not in html(client.get(url(CONFIRM, consultation) + "?number=9"))


def test_the_first_typist_still_sees_their_own_unconfirmed_card(client, vote):
    consultation, (first, *_rest), official = vote
    ballot = enter(consultation, official, 9, [first])
    client.force_login(official)
    assert first.title in html(client.get(url("voting_paper:ballot", consultation, ballot.pk)))


def test_the_list_of_cards_to_confirm_has_a_constant_query_count(client, home_page):
    small, (a1, *_r1), official_small = paper_vote(home_page)
    large, (a2, b2, _c2), official_large = paper_vote(home_page)
    enter(small, official_small, 1, [a1])
    for number in range(1, 21):
        enter(large, official_large, number, [a2])
        if number % 2:
            confirm(large, number, [b2])  # typed differently: listed to resolve
    client.force_login(official_small)
    one = query_count(client, url("voting_paper:unconfirmed", small))
    client.force_login(official_large)
    twenty = query_count(client, url("voting_paper:unconfirmed", large))
    assert one == twenty


def test_publishing_with_settled_paper_cards_counts_them(vote):
    consultation, (first, *_rest), official = vote
    enter(consultation, official, 1, [first])
    snapshot = publish(consultation)
    assert snapshot.figures["turnout"]["paper"] == 1


def test_paper_cards_entered_before_two_person_entry_count_as_confirmed(vote):
    consultation, (first, *_rest), official = vote
    ballot = enter(consultation, official, 1, [first])
    PaperEntry.objects.all().delete()  # as the cards typed in before the change
    migration = importlib.import_module(
        "consultations.migrations.0008_paper_two_person_entry_and_protocol"
    )
    # The migration ran before the vote's models left consultations: its historical models.
    before_split = MigrationLoader(connection).project_state(
        ("consultations", "0008_paper_two_person_entry_and_protocol")
    )
    migration.confirm_earlier_paper_ballots(before_split.apps, None)
    ballot.refresh_from_db()
    assert ballot.confirmed_at is not None
    assert PaperEntry.objects.get(ballot=ballot).content["proposals"] == [first.pk]
    assert voting.turnout(consultation)["paper"] == 1
