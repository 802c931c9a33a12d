"""The cluster check's Django side (ops/state.py) runs against the seeded demo and bench data."""

import pytest
from django.core.management import call_command
from django.db import transaction

from bench.generate import generate
from ops import state


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", verbosity=0)
        generate(proposals=6, comments=0, supports=0, ballots=0, users=3, seed=5)
        yield
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_prepare_names_the_ballot_and_a_consultation_taking_proposals(seeded):
    plan = state.prepare()
    assert plan["options"]
    assert plan["vote_path"].endswith("/glosowanie/")
    assert plan["proposal_create_path"].endswith("/propozycje/nowa/")
