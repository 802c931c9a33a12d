"""Publishing reads the ballots outside the lock and once more under the page's row lock: a
paper card confirmed between the first read and the switch is in the published result, and a
card confirmed after the switch is refused (docs/voting.md, "Why publishing reads twice")."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from tests.voting.paper_helpers import confirm, enter, paper_vote
from tests.voting.results_helpers import cast, close_voting
from voting import paper_protocol
from voting.models import Ballot
from voting.services import results


def _card_waiting(home_page):
    """A closed vote: one online ballot for A, paper cards 1 and 2 for B, card 2 not yet
    confirmed (the protocol counts it, with the commission's explanation)."""
    consultation, (a, b, _c), official = paper_vote(home_page, winners=1)
    cast(consultation, [a])
    enter(consultation, official, 1, [b])
    enter(consultation, official, 2, [b])
    confirm(consultation, 1, [b])
    close_voting(consultation)
    figures = {
        "cards_received": 2,
        "cards_issued": 2,
        "cards_unused": 0,
        "cards_valid": 2,
        "invalid_no_mark": 0,
        "invalid_too_many": 0,
        "invalid_other": 0,
    }
    paper_protocol.record_protocol(
        consultation=consultation, by=official, figures=figures, members="Anna Kowalska"
    )
    paper_protocol.explain_protocol(
        consultation=consultation, by=official, explanation="Karta 2 jest w trakcie potwierdzania."
    )
    return consultation, official, (a, b)


@pytest.fixture
def card_waiting(home_page):
    return _card_waiting(home_page)


@pytest.mark.django_db
def test_a_card_confirmed_between_the_count_and_the_switch_is_in_the_result(card_waiting):
    consultation, official, (a, b) = card_waiting

    def confirm_card_two_once_counted(step: int) -> None:
        if step == 4:  # counted and files written outside the lock; the switch comes next
            confirm(consultation, 2, [b])

    snapshot = results.publish_results(
        consultation=consultation, by=official, progress=confirm_card_two_once_counted
    )
    assert len(snapshot.ballots["ballots"]) == 3
    votes = {row["id"]: (row["votes"], row["selected"]) for row in snapshot.figures["options"]}
    assert (votes[a.pk], votes[b.pk]) == ((1, False), (2, True))
    assert results.ballots_json(snapshot.ballots) == bytes(
        snapshot.files.get(format="json").content
    )


@pytest.mark.django_db
def test_a_card_confirmed_after_the_switch_is_refused(card_waiting):
    consultation, official, (_a, b) = card_waiting
    snapshot = results.publish_results(consultation=consultation, by=official)
    with pytest.raises(ValidationError):
        confirm(consultation, 2, [b])
    assert len(snapshot.ballots["ballots"]) == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_card_confirmed_while_the_result_is_switched_on_waits_and_is_refused(
    page_tree, monkeypatch
):
    """The confirmation takes the page's row lock, as publishing does: one that starts while
    the result is being switched on waits for it and is refused, instead of checking "not
    published yet" before the switch and committing a counted card after it."""
    consultation, official, (_a, b) = _card_waiting(page_tree)
    switching, confirmed = threading.Event(), threading.Event()
    switch_on = results._switch_on

    def slow_switch_on(*args, **kwargs):
        switching.set()  # under the lock, the ballots read again
        confirmed.wait(timeout=3)  # a confirmation that does not wait for the lock ends here
        return switch_on(*args, **kwargs)

    monkeypatch.setattr(results, "_switch_on", slow_switch_on)
    outcome: dict = {}

    def publish():
        try:
            outcome["snapshot"] = results.publish_results(consultation=consultation, by=official)
        finally:
            connection.close()

    def confirm_card_two():
        try:
            switching.wait(timeout=30)
            confirm(consultation, 2, [b])
            outcome["confirm"] = "confirmed"
        except ValidationError:
            outcome["confirm"] = "refused"
        finally:
            confirmed.set()
            connection.close()

    threads = [threading.Thread(target=publish), threading.Thread(target=confirm_card_two)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    snapshot = outcome["snapshot"]
    assert outcome["confirm"] == "refused"
    assert len(snapshot.ballots["ballots"]) == 2
    card = Ballot.objects.get(consultation=consultation, paper_number=2)
    assert card.confirmed_at is None
