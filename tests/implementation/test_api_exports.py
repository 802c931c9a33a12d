"""The API serves implementation records; the consultation's exports include them."""

import pytest

from implementation.models import Status
from outcomes.exports import get
from outcomes.exports.base import Options
from tests.implementation.conftest import update

pytestmark = pytest.mark.django_db


def test_the_api_lists_records_filtered_by_consultation_and_status(
    client, record, official, consultation
):
    update(record, official, status=Status.IN_PROGRESS, percent_done=10)
    found = client.get(f"/api/v1/implementation/?consultation={consultation.pk}").json()
    assert [r["id"] for r in found["results"]] == [record.pk]
    empty = client.get("/api/v1/implementation/?status=done").json()
    assert empty["results"] == []


def test_the_api_detail_has_milestones_and_timeline(client, record):
    data = client.get(f"/api/v1/implementation/{record.pk}/").json()
    assert [m["kind"] for m in data["milestones"]][0] == "design"
    assert len(data["timeline"]) == 1


def test_the_api_refuses_a_bad_status_with_400(client, record):
    assert client.get("/api/v1/implementation/?status=nonsense").status_code == 400


def test_the_implementation_export_has_a_row_per_record(record, official):
    update(record, official, status=Status.DELAYED, reason="Brak wykonawcy.")
    export = get("implementation")
    rows = list(export.rows(record.proposal.consultation, Options()))
    assert rows[0]["title"] == "Plac zabaw przy Lwowskiej"
    assert rows[0]["reason"] == "Brak wykonawcy."
    assert {c.key for c in export.columns(record.proposal.consultation, Options())} >= {
        "money_planned",
        "money_spent",
        "milestones",
        "timeline",
    }
