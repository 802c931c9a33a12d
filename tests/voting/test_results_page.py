"""The public results page: nothing before counting, then the result, its rule and its proof."""

import hashlib
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories_proposals import confirmed_user
from tests.factories_voting import Method, voting_consultation
from tests.voting.results_helpers import cast, close_voting, publish, sub_url
from voting.models import ResultSnapshot
from voting.services import voting

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def results_response(client, consultation):
    return client.get(sub_url(consultation, "results"), **EN)


# --- Before publication -------------------------------------------------------------------


def test_results_page_of_a_consultation_without_a_vote_is_not_found(client, home_page):
    consultation, _proposals = voting_consultation(home_page, method="")
    assert results_response(client, consultation).status_code == 404


def test_while_voting_is_open_no_vote_counts_are_shown(client, home_page):
    consultation, (first, second, third) = voting_consultation(home_page, winners=1)
    cast(consultation, [first], [first], [first, second])
    response = results_response(client, consultation)
    assert response.status_code == 200
    text = response.text
    assert "The results are not known yet" in text
    assert "will be published on this page" in text
    assert first.title not in text
    assert "Votes for every proposal" not in text
    assert "chart-votes" not in text


def test_while_voting_is_open_turnout_is_shown_when_the_consultation_allows_it(client, home_page):
    consultation, (first, *_rest) = voting_consultation(home_page, show_turnout=True)
    cast(consultation, [first], [first], [first])
    assert "3 people have voted" in results_response(client, consultation).text


def test_while_voting_is_open_turnout_is_hidden_when_the_consultation_says_so(client, home_page):
    consultation, (first, *_rest) = voting_consultation(home_page, show_turnout=False)
    cast(consultation, [first], [first], [first])
    text = results_response(client, consultation).text
    assert "Turnout so far" not in text
    assert "people have voted" not in text


def test_after_voting_closed_the_page_says_the_votes_are_being_counted(client, home_page):
    consultation, (first, *_rest) = voting_consultation(home_page)
    cast(consultation, [first])
    close_voting(consultation)
    text = results_response(client, consultation).text
    assert "The votes are being counted" in text
    assert first.title not in text


@pytest.mark.parametrize("name", ["ballots_json", "ballots_csv", "tally_program"])
def test_downloads_are_not_found_before_publication(client, home_page, name):
    consultation, (first, *_rest) = voting_consultation(home_page)
    cast(consultation, [first])
    close_voting(consultation)
    assert client.get(sub_url(consultation, name)).status_code == 404


# --- Published ------------------------------------------------------------------------------


@pytest.fixture
def approval(home_page):
    consultation, proposals = voting_consultation(home_page, proposals=3, max_choices=2, winners=2)
    first, second, third = proposals
    cast(consultation, [second], [second, third], [second, first], [third])
    snapshot = publish(consultation)
    return consultation, proposals, snapshot


def test_published_page_lists_the_selected_proposals_first(client, approval):
    consultation, (first, second, third), _snapshot = approval
    text = results_response(client, consultation).text
    winners = text[text.index("Selected proposals") : text.index("Turnout")]
    assert winners.index(second.title) < winners.index(third.title)
    assert first.title not in winners


def test_published_page_gives_every_proposal_its_rank_and_votes(client, approval):
    consultation, (first, second, third), _snapshot = approval
    text = results_response(client, consultation).text
    table = text[text.index("Votes for every proposal") :]
    assert table.index(second.title) < table.index(third.title) < table.index(first.title)
    assert "not selected" in table


def test_published_page_draws_accessible_charts(client, approval):
    consultation, _proposals, _snapshot = approval
    text = results_response(client, consultation).text
    assert 'id="chart-votes-caption"' in text
    assert 'id="chart-turnout-caption"' in text
    assert 'role="img"' in text


def test_the_share_of_a_proposal_is_of_valid_ballots_not_of_all_ticks(client, approval):
    consultation, _proposals, _snapshot = approval
    text = results_response(client, consultation).text
    votes = text[text.index('id="chart-votes-caption"') :]
    # 3 of 4 valid ballots ticked the second proposal (3 of 6 ticks would be 50.0%).
    assert "3 (75.0%)" in votes
    assert "Share of valid ballots" in votes
    assert "The share is of the 4 valid ballots" in votes


def test_a_tie_that_decides_the_winner_is_flagged_with_its_rule(client, home_page):
    consultation, (first, second) = voting_consultation(
        home_page, proposals=2, max_choices=1, winners=1
    )
    cast(consultation, [first], [second], [first], [second])
    publish(consultation)
    text = results_response(client, consultation).text
    ties = text[text.index("A tie decided the result") : text.index("Selected proposals")]
    assert first.title in ties and second.title in ties
    assert "These proposals got 2 votes each" in ties
    assert "the one submitted earlier (with the lower number) comes first" in ties


def test_no_tie_is_flagged_when_the_tie_decides_nothing(client, approval):
    consultation, _proposals, _snapshot = approval
    assert "A tie decided" not in results_response(client, consultation).text


def test_published_page_states_the_rule_and_its_tie_break(client, approval):
    consultation, _proposals, _snapshot = approval
    text = results_response(client, consultation).text
    assert "The first 2 proposals on the list are selected" in text
    assert "the one submitted earlier (with the lower number) comes first" in text


def test_published_page_shows_turnout_by_validity_and_channel(client, approval):
    consultation, _proposals, _snapshot = approval
    text = results_response(client, consultation).text
    assert "4 ballots were cast: 4 valid and 0 void; 4 online and 0 on paper." in text


def test_published_page_gives_the_files_their_checksums_and_how_to_recount(client, approval):
    consultation, _proposals, snapshot = approval
    text = results_response(client, consultation).text
    assert "Open data: check the result yourself" in text
    assert snapshot.ballots_checksum in text
    assert snapshot.csv_checksum in text
    assert snapshot.code_version in text
    assert f"python tally.py karty-{consultation.slug}.json" in text
    assert "manage.py recompute_results" in text


def test_budget_results_show_funded_proposals_and_the_money_left(client, home_page):
    consultation, (a, b, c) = voting_consultation(
        home_page, method=Method.BUDGET, costs=[600, 500, 300], budget=1000
    )
    cast(consultation, [a], [a], [a, c], [b], [b, c])
    publish(consultation)
    text = results_response(client, consultation).text
    funded = text[text.index("Funded proposals") : text.index("The money")]
    assert a.title in funded and c.title in funded
    assert b.title not in funded
    assert "100.00 zł" in text  # left of 1,000.00 after 600 + 300
    assert "the cheaper one comes first" in text


def test_question_results_show_each_outcome_in_words(client, home_page):
    consultation, _proposals = voting_consultation(
        home_page, method=Method.QUESTION, proposals=0, questions=["Czy park?", "Czy most?"]
    )
    park, bridge = consultation.questions.order_by("sort_order")
    cast(
        consultation,
        answers=[
            {park.pk: "yes", bridge.pk: "no"},
            {park.pk: "yes", bridge.pk: "yes"},
            {park.pk: "abstain", bridge.pk: "abstain"},
        ],
    )
    publish(consultation)
    text = results_response(client, consultation).text
    assert "Answer: yes" in text
    assert "Tie: as many yes as no" in text
    assert "Yes: 2, no: 0, abstained: 1." in text


def test_results_page_query_count_does_not_grow_with_proposals(
    client, home_page, django_assert_num_queries
):
    def published_with(count):
        consultation, proposals = voting_consultation(
            home_page, proposals=count, max_choices=count, winners=count
        )
        cast(consultation, proposals, proposals[:1])
        publish(consultation)
        return consultation

    one = published_with(1)
    twenty = published_with(20)
    results_response(client, one)  # warm caches (site, routes, menu, content types, the figures)
    results_response(client, twenty)
    with CaptureQueriesContext(connection) as first:
        results_response(client, one)
    with django_assert_num_queries(len(first.captured_queries)):
        response = results_response(client, twenty)
    assert response.text.count("results-table__number") == 20


# --- The files ---------------------------------------------------------------------------------


def test_downloads_are_the_bytes_of_their_published_checksums(client, approval):
    consultation, _proposals, snapshot = approval
    as_json = client.get(sub_url(consultation, "ballots_json"))
    as_csv = client.get(sub_url(consultation, "ballots_csv"))
    assert hashlib.sha256(as_json.getvalue()).hexdigest() == snapshot.ballots_checksum
    assert hashlib.sha256(as_csv.getvalue()).hexdigest() == snapshot.csv_checksum


def test_downloads_are_attachments_with_their_content_types(client, approval):
    consultation, _proposals, _snapshot = approval
    as_json = client.get(sub_url(consultation, "ballots_json"))
    as_csv = client.get(sub_url(consultation, "ballots_csv"))
    assert as_json["Content-Type"] == "application/json"
    assert as_csv["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        as_json["Content-Disposition"] == f'attachment; filename="karty-{consultation.slug}.json"'
    )
    assert as_csv["Content-Disposition"] == f'attachment; filename="karty-{consultation.slug}.csv"'


def test_the_counting_program_is_served_and_counts_the_served_file(client, approval, tmp_path):
    import subprocess
    import sys

    consultation, _proposals, snapshot = approval
    program = tmp_path / "tally.py"
    program.write_bytes(client.get(sub_url(consultation, "tally_program")).content)
    ballots = tmp_path / "karty.json"
    ballots.write_bytes(client.get(sub_url(consultation, "ballots_json")).getvalue())
    done = subprocess.run(  # noqa: S603 (our own file, run by this Python)
        [sys.executable, "-I", str(program), str(ballots)], capture_output=True, check=True
    )
    assert json.loads(done.stdout) == snapshot.figures


def test_files_say_nothing_about_who_voted(client, home_page):
    consultation, (first, second, _third) = voting_consultation(home_page)
    voter = confirmed_user(email="tajny.wyborca@example.org", display_name="Tajna Wyborczyni")
    voting.cast_ballot(user=voter, consultation=consultation, proposal_ids=[first.pk])
    clerk = confirmed_user(email="urzedniczka@example.org", display_name="Pani z Biura")
    voting.enter_paper_ballot(
        consultation=consultation,
        paper_number=987654,
        by=clerk,
        proposal_ids=[second.pk],
        voter_name="Janina Kowalska-Nowak",
        voter_address="ul. Długa 77, Nowy Sącz",
    )
    publish(consultation)
    files = [
        client.get(sub_url(consultation, "ballots_json")).getvalue().decode("utf-8"),
        client.get(sub_url(consultation, "ballots_csv")).getvalue().decode("utf-8-sig"),
    ]
    secrets = [
        "tajny.wyborca",
        "Tajna Wyborczyni",
        "urzedniczka",
        "Pani z Biura",
        "Janina",
        "Kowalska",
        "Długa 77",
        "987654",
    ]
    for text in files:
        for secret in secrets:
            assert secret not in text
    document = json.loads(files[0])
    for ballot in document["ballots"]:
        assert set(ballot) == {"id", "channel", "void", "choices"}
        assert str(voter.pk) != ballot["id"]
    assert set(document["consultation"]) == {"id", "title", "url"}
    header = files[1].splitlines()[0].split(",")
    assert header == ["ballot_id", "channel", "void", "proposal_id", "question_id", "answer"]


def test_snapshot_is_stored_once(approval):
    consultation, _proposals, _snapshot = approval
    assert ResultSnapshot.objects.filter(consultation=consultation).count() == 1


# --- Links to the result -------------------------------------------------------------


def test_consultation_page_links_to_the_published_results(client, approval):
    consultation, _proposals, _snapshot = approval
    text = client.get(consultation.url, **EN).text
    assert f'href="{sub_url(consultation, "results")}"' in text


def test_consultation_page_has_no_results_link_before_publication(client, home_page):
    consultation, (first, *_rest) = voting_consultation(home_page)
    cast(consultation, [first])
    close_voting(consultation)
    assert sub_url(consultation, "results") not in client.get(consultation.url, **EN).text


def test_proposal_page_gives_its_votes_rank_and_selection(client, approval):
    consultation, (first, second, third), _snapshot = approval
    selected = client.get(sub_url(consultation, "proposal_detail", pk=second.pk), **EN).text
    assert "Result of the vote" in selected
    assert "proposal-status--selected" in selected
    assert "3 votes," in selected and "place 1 of 3" in selected
    assert sub_url(consultation, "results") in selected
    beaten = client.get(sub_url(consultation, "proposal_detail", pk=first.pk), **EN).text
    assert "Not selected" in beaten
    assert "1 vote," in beaten and "place 3 of 3" in beaten


def test_proposal_page_says_nothing_about_votes_while_voting(client, home_page):
    consultation, (first, *_rest) = voting_consultation(home_page)
    cast(consultation, [first])
    text = client.get(sub_url(consultation, "proposal_detail", pk=first.pk), **EN).text
    assert "Result of the vote" not in text


def test_polish_results_page_uses_the_plural_forms_of_five(client, home_page):
    consultation, proposals = voting_consultation(home_page, proposals=5, max_choices=5, winners=5)
    cast(consultation, proposals, proposals[:1])
    publish(consultation)
    text = client.get(sub_url(consultation, "results"), HTTP_ACCEPT_LANGUAGE="pl").text
    assert "najwyżej 5 propozycji" in text
    assert "pierwszych 5 propozycji" in text
    assert "5 propozycje" not in text
    assert "Odsetek ważnych kart" in text
    assert "Odsetek liczony od 2 ważnych kart" in text
