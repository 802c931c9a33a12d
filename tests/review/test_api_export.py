"""The review's outcome in the API's proposal detail and in the proposals export (hooks)."""

import pytest

from outcomes.exports import get
from outcomes.exports.base import Options

pytestmark = pytest.mark.django_db


def test_the_api_proposal_detail_has_the_review_outcome(client, refused, proposal):
    data = client.get(f"/api/v1/proposals/{proposal.pk}/").json()
    assert data["details"]["review"]["outcome"] == "not_admitted"
    assert data["details"]["review"]["appeal_until"] == "2026-03-17"


def test_the_api_detail_has_no_review_without_a_review_step(client, proposal):
    data = client.get(f"/api/v1/proposals/{proposal.pk}/").json()
    assert data["details"] == {}


def test_the_proposals_export_has_the_review_columns(refused, proposal):
    export = get("proposals")
    keys = [c.key for c in export.columns(proposal.consultation, Options())]
    assert "review_outcome" in keys
    row = next(r for r in export.rows(proposal.consultation, Options()) if r["id"] == proposal.pk)
    assert row["review_decided_on"].isoformat() == "2026-03-10"
    assert row["review_outcome"]


def test_the_proposals_export_has_no_review_columns_without_a_review_step(proposal):
    keys = [c.key for c in get("proposals").columns(proposal.consultation, Options())]
    assert "review_outcome" not in keys
