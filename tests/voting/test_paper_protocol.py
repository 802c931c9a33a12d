"""The commission's protocol is reconciled with the entered cards before a result is published."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import translation
from wagtail.models import PageLogEntry

from tests.accounts.staff_helpers import html
from tests.voting.paper_helpers import confirm, enter, paper_vote, settle_paper, url
from tests.voting.results_helpers import cast, close_voting, publish
from voting import paper_protocol
from voting.services import results

pytestmark = pytest.mark.django_db

PROTOCOL = "voting_paper:protocol"


def figures(valid=2, invalid=1, unused=3, **changes):
    data = {
        "cards_received": valid + invalid + unused,
        "cards_issued": valid + invalid,
        "cards_unused": unused,
        "cards_valid": valid,
        "invalid_no_mark": invalid,
        "invalid_too_many": 0,
        "invalid_other": 0,
    }
    return data | changes


@pytest.fixture
def counted(home_page):
    """Three confirmed cards (two valid, one invalid), voting closed, no protocol yet."""
    consultation, (first, other, _third), official = paper_vote(home_page)
    enter(consultation, official, 1, [first])
    enter(consultation, official, 2, [other])
    enter(consultation, official, 3, invalid=True)
    confirm(consultation, 1, [first])
    confirm(consultation, 2, [other])
    confirm(consultation, 3, invalid=True)
    close_voting(consultation)
    return consultation, official


def record(consultation, official, **kwargs):
    return paper_protocol.record_protocol(
        consultation=consultation,
        by=official,
        figures=figures(**kwargs),
        members="Anna Kowalska, przewodnicząca\nJan Nowak",
    )


def test_a_protocol_that_agrees_lets_the_result_be_published(counted):
    consultation, official = counted
    record(consultation, official)
    assert paper_protocol.differences(consultation) == []
    snapshot = results.publish_results(consultation=consultation, by=official)
    assert snapshot.figures["turnout"]["paper"] == 3


def test_without_a_protocol_the_result_cannot_be_published(counted):
    consultation, official = counted
    with pytest.raises(ValidationError) as error:
        results.publish_results(consultation=consultation, by=official)
    assert error.value.code == "paper_protocol"


@pytest.mark.parametrize(
    "changes",
    [
        {"valid": 3},  # more valid cards than confirmed
        {"invalid": 0},  # fewer invalid cards than confirmed
        {"cards_issued": 4},  # issued is not valid + invalid
        {"cards_received": 5},  # received is not issued + unused
    ],
)
def test_a_protocol_that_does_not_agree_blocks_publishing(counted, changes):
    consultation, official = counted
    record(consultation, official, **changes)
    assert paper_protocol.differences(consultation)
    with pytest.raises(ValidationError):
        results.publish_results(consultation=consultation, by=official)


def test_an_unconfirmed_card_is_a_difference(home_page):
    consultation, (first, *_rest), official = paper_vote(home_page)
    enter(consultation, official, 1, [first])
    record(consultation, official, valid=0, invalid=0)
    with translation.override("en"):
        found = paper_protocol.differences(consultation)
    assert any("not confirmed" in line for line in found)


def test_an_explanation_lets_a_difference_be_published_and_is_logged(counted):
    consultation, official = counted
    record(consultation, official, valid=3, cards_issued=4, cards_received=7)
    paper_protocol.explain_protocol(
        consultation=consultation, by=official, explanation="Jedna karta zabrana przez wyborcę."
    )
    assert PageLogEntry.objects.filter(action="mam.paper.protocol_explain").exists()
    snapshot = results.publish_results(consultation=consultation, by=official)
    assert snapshot.figures["turnout"]["paper"] == 3


def test_changed_figures_need_a_new_explanation(counted):
    consultation, official = counted
    record(consultation, official, valid=3)
    paper_protocol.explain_protocol(consultation=consultation, by=official, explanation="Powód.")
    record(consultation, official, valid=4)
    assert paper_protocol.publication_blocker(consultation)


def test_the_publish_command_says_why_it_refuses(counted):
    consultation, official = counted
    record(consultation, official, valid=5)
    with pytest.raises(CommandError, match="protok|protocol"):
        call_command(
            "publish_results",
            "--consultation",
            str(consultation.pk),
            "--by",
            official.email,
            stdout=io.StringIO(),
        )


def test_a_consultation_without_paper_cards_publishes_without_a_protocol(home_page):
    consultation, (first, *_rest), _official = paper_vote(home_page)
    cast(consultation, [first])
    snapshot = publish(consultation)
    assert snapshot.figures["turnout"]["online"] == 1


# --- In the admin ------------------------------------------------------------------------


def test_staff_enter_the_protocol_in_the_admin(client, counted):
    consultation, official = counted
    client.force_login(official)
    data = figures() | {"members": "Anna Kowalska\nJan Nowak", "action": "protocol"}
    response = client.post(url(PROTOCOL, consultation), data)
    assert response.status_code == 302
    assert consultation.paper_protocol.cards_valid == 2
    assert PageLogEntry.objects.filter(action="mam.paper.protocol").exists()


def test_the_protocol_page_lists_the_differences(client, counted):
    consultation, official = counted
    record(consultation, official, valid=5)
    client.force_login(official)
    page = html(client.get(url(PROTOCOL, consultation)))
    assert "5 valid cards" in page


def test_staff_explain_a_difference_in_the_admin(client, counted):
    consultation, official = counted
    record(consultation, official, valid=5)
    client.force_login(official)
    response = client.post(
        url(PROTOCOL, consultation), {"action": "explain", "explanation": "Karta zaginęła."}
    )
    assert response.status_code == 302
    consultation.paper_protocol.refresh_from_db()
    assert consultation.paper_protocol.explanation == "Karta zaginęła."


def test_the_publish_page_says_why_publishing_is_blocked(client, counted):
    consultation, official = counted
    client.force_login(official)
    page = html(client.get(url("voting_results:publish", consultation)))
    assert "protocol" in page
    assert "disabled" in page


def test_settled_cards_and_a_matching_protocol_publish(home_page):
    consultation, (first, *_rest), official = paper_vote(home_page)
    enter(consultation, official, 1, [first])
    settle_paper(consultation)
    assert paper_protocol.publication_blocker(consultation) == ""
