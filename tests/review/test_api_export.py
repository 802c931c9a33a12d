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


def test_the_review_step_is_looked_up_a_fixed_number_of_times_per_export(
    refused, proposal, django_assert_num_queries
):
    """Whether the consultation has a review step is asked per export (for its columns and its
    rows), never per row: the export's queries and the look-ups stay the same with more rows."""
    from unittest import mock

    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from review import selectors
    from tests.factories_proposals import ProposalFactory

    export, consultation = get("proposals"), proposal.consultation

    def run():
        cache.clear()  # cold: the review step's look-up is a query each time
        with mock.patch.object(
            selectors, "has_review_step", wraps=selectors.has_review_step
        ) as looked_up:
            export.columns(consultation, Options())
            rows = list(export.rows(consultation, Options()))
        return looked_up.call_count, len(rows)

    run()  # warms what is read once per process (content types, URL patterns)
    with CaptureQueriesContext(connection) as few:
        calls_few, rows_few = run()
    ProposalFactory.create_batch(8, consultation=consultation)
    with django_assert_num_queries(len(few)):
        calls_many, rows_many = run()
    assert rows_many == rows_few + 8
    assert calls_many == calls_few <= 2
