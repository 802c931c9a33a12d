"""Correcting a paper card against publishing the result: the correction takes the page's
row lock before the card's, as publishing and confirming do, and is refused once the result
is published. A correction is either in the published file or refused, never committed but
missing from it, and the two never deadlock.

The race tests run real threads, each with its own connection, in real transactions
(PostgreSQL).
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from tests.concurrency import run_in_threads
from tests.voting.test_publish_recount import _card_waiting
from voting.models import Ballot, BallotCorrection
from voting.services import results, voting


def _correct_card_one(consultation, official, proposal):
    card = Ballot.objects.get(consultation=consultation, paper_number=1)
    return voting.correct_paper_ballot(
        ballot=card, by=official, reason="Źle przepisana karta", proposal_ids=[proposal.pk]
    )


def _ballots_now(consultation) -> list[dict]:
    """The counted ballots as the database holds them now (the options change on publishing:
    the selected proposals leave the ballot paper)."""
    return results.open_data(consultation)["ballots"]


@pytest.mark.django_db
def test_a_correction_after_the_result_is_published_is_refused(home_page):
    consultation, official, (a, _b) = _card_waiting(home_page)
    snapshot = results.publish_results(consultation=consultation, by=official)
    with pytest.raises(ValidationError) as refused:
        _correct_card_one(consultation, official, a)
    assert refused.value.code == "published"
    assert not BallotCorrection.objects.exists()
    assert _ballots_now(consultation) == snapshot.ballots["ballots"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_correction_while_the_result_is_switched_on_waits_and_is_refused(page_tree, monkeypatch):
    """Publishing holds the page's lock, has read the ballots again and is switching on:
    a correction starting now waits for the page's lock and then finds the result
    published (it used to lock only the card, commit, and be missing from the file)."""
    consultation, official, (a, _b) = _card_waiting(page_tree)
    switching, corrected = threading.Event(), threading.Event()
    switch_on = results._switch_on

    def slow_switch_on(*args, **kwargs):
        switching.set()
        corrected.wait(timeout=3)  # a correction that does not wait for the lock ends here
        return switch_on(*args, **kwargs)

    monkeypatch.setattr(results, "_switch_on", slow_switch_on)
    outcome: dict = {}

    def publish():
        try:
            outcome["snapshot"] = results.publish_results(consultation=consultation, by=official)
        finally:
            connection.close()

    def correct():
        try:
            switching.wait(timeout=30)
            _correct_card_one(consultation, official, a)
            outcome["correct"] = "corrected"
        except ValidationError as error:
            outcome["correct"] = error.code
        finally:
            corrected.set()
            connection.close()

    threads = [threading.Thread(target=publish), threading.Thread(target=correct)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert outcome["correct"] == "published"
    assert not BallotCorrection.objects.exists()
    assert _ballots_now(consultation) == outcome["snapshot"].ballots["ballots"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_correction_racing_publishing_is_in_the_file_or_refused_without_deadlock(page_tree):
    """Started together, several times: whichever wins, the published file holds exactly
    what the database holds, and nothing but refusals is raised (no deadlock, no timeout)."""
    for _round in range(4):
        consultation, official, (a, _b) = _card_waiting(page_tree)
        published: list = []
        calls = [
            lambda c=consultation, o=official, out=published: out.append(
                results.publish_results(consultation=c, by=o)
            ),
            lambda c=consultation, o=official, p=a: _correct_card_one(c, o, p),
        ]
        errors = run_in_threads(calls, workers=2)
        assert all(isinstance(error, ValidationError) for error in errors), errors
        assert len(published) == 1, errors
        corrected = BallotCorrection.objects.filter(ballot__consultation=consultation).exists()
        assert corrected != bool(errors)  # refused exactly when it was not stored
        assert _ballots_now(consultation) == published[0].ballots["ballots"]
