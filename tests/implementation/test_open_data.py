"""The implementation records as open data: JSON and CSV with public fields only, listed with
the vote's ballot files on the results page."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casework import services as casework
from implementation import services
from implementation.models import Implementation, Status
from tests.factories_proposals import ProposalFactory
from tests.implementation.conftest import publish_vote, update
from tests.voting.results_helpers import sub_url

pytestmark = pytest.mark.django_db


def download(client, consultation, name):
    response = client.get(sub_url(consultation, name))
    assert response.status_code == 200
    return response


@pytest.fixture
def progressed(record, official):
    update(
        record,
        official,
        status=Status.DELAYED,
        reason="Przetarg unieważniony.",
        percent_done=20,
        note="Nowy przetarg w październiku.",
    )
    casework.note_add(proposal=record.proposal, by=official, text="TAJNA notatka urzędu")
    record.refresh_from_db()
    return record


def test_the_json_file_gives_each_record_with_milestones_and_timeline(client, progressed):
    consultation = progressed.proposal.consultation
    response = download(client, consultation, "implementation_json")
    assert response["Content-Type"] == "application/json"
    assert f"realizacja-{consultation.slug}.json" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["format"] == "mam-implementation/1"
    [item] = data["records"]
    assert item["title"] == "Plac zabaw przy Lwowskiej"
    assert (item["status"], item["reason"], item["percent_done"]) == (
        "delayed",
        "Przetarg unieważniony.",
        20,
    )
    assert item["money_planned"] == "120000.00"
    assert item["department"] == "Wydział Inwestycji"
    assert [m["kind"] for m in item["milestones"]][0] == "design"
    assert item["timeline"][-1]["note"] == "Nowy przetarg w październiku."


def test_the_files_name_no_person_and_no_internal_note(client, progressed, official, author):
    consultation = progressed.proposal.consultation
    for name in ["implementation_json", "implementation_csv"]:
        body = download(client, consultation, name).content.decode("utf-8-sig")
        assert "TAJNA" not in body
        for person in [official, author]:
            assert person.email not in body
            assert (person.public_name or "@@") not in body
        assert "changed_by" not in body


def test_the_csv_file_has_one_row_per_project_for_a_spreadsheet(client, progressed):
    response = download(client, progressed.proposal.consultation, "implementation_csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1
    assert rows[0]["status"] == "delayed"
    assert rows[0]["percent_done"] == "20"
    assert rows[0]["milestones"].startswith("Projekt")


def test_a_hidden_project_is_not_in_the_files(client, progressed):
    progressed.proposal.hidden_at = progressed.updated_at
    progressed.proposal.save(update_fields=["hidden_at"])
    data = json.loads(
        download(client, progressed.proposal.consultation, "implementation_json").content
    )
    assert data["records"] == []


def test_there_are_no_files_before_the_result_is_published(client, consultation):
    for name in ["implementation_json", "implementation_csv"]:
        assert client.get(sub_url(consultation, name)).status_code == 404


@pytest.mark.parametrize("extra", [0, 5])
def test_the_json_file_costs_the_same_queries_for_one_and_many_records(
    client, consultation, progressed, official, extra
):
    for number in range(extra):
        proposal = ProposalFactory(consultation=consultation, status="selected", title=f"P{number}")
        services.implementation_create(proposal=proposal, by=official)
    download(client, consultation, "implementation_json")
    with CaptureQueriesContext(connection) as captured:
        download(client, consultation, "implementation_json")
    assert len(captured) <= 8, [q["sql"] for q in captured.captured_queries]


def test_the_results_page_lists_the_files_with_the_ballots(client, vote):
    consultation, _items = vote
    publish_vote(consultation)
    html = client.get(sub_url(consultation, "results"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert sub_url(consultation, "ballots_json") in html
    assert sub_url(consultation, "implementation_json") in html
    assert sub_url(consultation, "implementation_csv") in html


def test_the_results_page_lists_no_files_without_records(client, vote):
    consultation, _items = vote
    publish_vote(consultation)
    Implementation.objects.all().delete()
    html = client.get(sub_url(consultation, "results")).content.decode()
    assert sub_url(consultation, "ballots_json") in html
    assert "realizacja/dane/json/" not in html
