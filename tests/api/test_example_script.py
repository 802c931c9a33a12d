"""docs/api-example.py reads a consultation's results through the API of a running server."""

import importlib.util
from pathlib import Path

import pytest
from django.utils import timezone

from accounts import roles
from consultations.models import Phase
from tests.factories_proposals import confirmed_user
from tests.factories_voting import voting_consultation
from voting.services.results import publish_results
from voting.services.voting import cast_ballot

SCRIPT = Path(__file__).resolve().parents[2] / "docs" / "api-example.py"


def load_script():
    spec = importlib.util.spec_from_file_location("api_example", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.django_db(transaction=True)
def test_script_reads_results_and_verifies_the_ballots(page_tree, live_server, settings):
    # The API's links (ballots_url) are at the site's address: here, the live server.
    settings.MAM_SITE_URL = live_server.url
    consultation, proposals = voting_consultation(page_tree)
    for choice in (proposals[:1], proposals[:2], proposals[1:2]):
        ids = [proposal.pk for proposal in choice]
        cast_ballot(user=confirmed_user(), consultation=consultation, proposal_ids=ids)
    Phase.objects.filter(consultation=consultation, kind="voting").update(
        closed_early_at=timezone.now()
    )
    official = confirmed_user()
    official.groups.add(roles.centre_groups_ensure(consultation.centre)[roles.OFFICIAL])
    publish_results(consultation=consultation, by=official)

    result = load_script().read_results(live_server.url, consultation.pk)

    assert result["ballots_verified"] is True
    assert result["ballots_count"] == 3
    assert result["method"] == "approval"
    votes = {row["id"]: row["votes"] for row in result["figures"]["options"]}
    assert votes[proposals[0].pk] == 2
    assert votes[proposals[1].pk] == 2


@pytest.mark.django_db(transaction=True)
def test_script_says_when_results_are_not_published(page_tree, live_server, capsys):
    consultation, _proposals = voting_consultation(page_tree)
    assert load_script().main([live_server.url, str(consultation.pk)]) == 1
    assert "404" in capsys.readouterr().err
