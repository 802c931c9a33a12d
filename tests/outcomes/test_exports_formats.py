"""Each export's columns and values against known data, in CSV, XLSX and JSON."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from tests.factories_proposals import confirmed_user
from tests.factories_voting import voting_consultation
from tests.outcomes.exports_helpers import (
    SUBMITTED,
    download,
    known_consultation,
    official_of,
    read_csv,
    read_json,
    read_xlsx,
)
from tests.voting.test_voting_core import close_voting
from voting.services import published_files, results, voting

pytestmark = pytest.mark.django_db

PROPOSAL_HEADER = [
    "ID",
    "Address",
    "Title",
    "Description",
    "Category",
    "Status",
    "Latest official answer",
    "Latitude",
    "Longitude",
    "Place",
    "District",
    "Estimated cost (PLN)",
    "Official cost (PLN)",
    "Author or organisation",
    "Supports",
    "Offers of help",
    "Comments",
    "Votes",
    "Submitted",
    "Last changed",
    "Place in the result",
    "Selected or funded",
    "Hidden by a moderator",
    "Forwarded to",
    "Answer promised by",
    "Answer overdue",
    "Status history",
]


@pytest.fixture
def known(home_page, client):
    consultation, proposal = known_consultation(home_page)
    client.force_login(official_of(consultation))
    return consultation, proposal


def test_proposals_csv_starts_with_a_bom_and_holds_the_known_values(known, client):
    consultation, proposal = known
    with translation.override("en"):
        data = download(client, consultation, "proposals", "csv", HTTP_ACCEPT_LANGUAGE="en")
    (row,) = read_csv(data)
    assert list(row) == PROPOSAL_HEADER
    assert row["ID"] == str(proposal.pk)
    assert row["Address"].endswith(f"/propozycje/{proposal.pk}/")
    assert row["Address"].startswith("http")
    assert (row["Title"], row["Category"], row["District"]) == (
        "Ławki w parku",
        "Zieleń",
        "Osiedle Zachód",
    )
    assert row["Status"] == "accepted for voting"
    assert row["Latest official answer"] == "Przyjęte do głosowania."
    assert (row["Latitude"], row["Longitude"]) == ("49.625000", "20.691000")
    assert (row["Estimated cost (PLN)"], row["Official cost (PLN)"]) == ("12000.50", "15000.00")
    assert row["Author or organisation"] == "Ania z parku"
    assert (row["Supports"], row["Offers of help"], row["Comments"]) == ("7", "2", "2")
    assert row["Submitted"] == "2026-05-03 10:30:00"
    assert (row["Votes"], row["Place in the result"], row["Selected or funded"]) == ("", "", "")


def test_semicolon_csv_separates_with_semicolons_and_writes_decimal_commas(known, client):
    consultation, _proposal = known
    data = download(client, consultation, "proposals", "csv_semicolon")
    (row,) = read_csv(data, delimiter=";")
    assert len(row) == len(PROPOSAL_HEADER)
    values = list(row.values())
    assert "12000,50" in values
    assert "49,625000" in values


def test_proposals_xlsx_has_typed_cells_and_a_frozen_header(known, client):
    consultation, proposal = known
    with translation.override("en"):
        data = download(client, consultation, "proposals", "xlsx", HTTP_ACCEPT_LANGUAGE="en")
    sheet, header, (row,) = read_xlsx(data)
    assert header == PROPOSAL_HEADER
    assert sheet.freeze_panes == "A2"
    assert row["ID"] == proposal.pk
    assert row["Supports"] == 7 and isinstance(row["Supports"], int)
    assert row["Estimated cost (PLN)"] == pytest.approx(12000.5)
    assert row["Submitted"] == datetime.datetime(2026, 5, 3, 10, 30)
    assert row["Hidden by a moderator"] is False
    assert sheet["L2"].number_format == "#,##0.00"


def test_proposals_json_is_an_array_of_typed_objects(known, client):
    consultation, proposal = known
    (item,) = read_json(download(client, consultation, "proposals", "json"))
    assert item["id"] == proposal.pk
    assert item["supports"] == 7
    assert item["pledges"] == 2
    assert item["official_cost"] == 15000
    assert item["estimated_cost"] == 12000.5
    assert item["created_at"] == timezone.localtime(SUBMITTED).isoformat()
    assert item["votes"] is None


def test_votes_place_and_selection_come_from_the_published_result(home_page, client):
    consultation, proposal = known_consultation(home_page)
    for _voter in range(3):
        voting.cast_ballot(
            user=confirmed_user(), consultation=consultation, proposal_ids=[proposal.pk]
        )
    close_voting(consultation)
    official = official_of(consultation)
    results.publish_results(consultation=consultation, by=official)
    client.force_login(official)
    (item,) = read_json(download(client, consultation, "proposals", "json"))
    assert (item["votes"], item["rank"], item["funded"]) == (3, 1, True)


def test_results_export_lists_the_published_figures(home_page, client):
    consultation, proposal = known_consultation(home_page)
    voting.cast_ballot(user=confirmed_user(), consultation=consultation, proposal_ids=[proposal.pk])
    close_voting(consultation)
    official = official_of(consultation)
    results.publish_results(consultation=consultation, by=official)
    client.force_login(official)
    with translation.override("en"):
        sheet, header, (row,) = read_xlsx(
            download(client, consultation, "results", "xlsx", HTTP_ACCEPT_LANGUAGE="en")
        )
    assert header == ["Place", "Proposal ID", "Proposal", "Votes", "Selected or funded"]
    assert (row["Place"], row["Proposal ID"], row["Votes"], row["Selected or funded"]) == (
        1,
        proposal.pk,
        1,
        "yes",  # in words, not 1/0
    )


def test_ballots_export_is_the_published_file_byte_for_byte(home_page, client):
    import hashlib

    consultation, proposal = known_consultation(home_page)
    voting.cast_ballot(user=confirmed_user(), consultation=consultation, proposal_ids=[proposal.pk])
    close_voting(consultation)
    official = official_of(consultation)
    snapshot = results.publish_results(consultation=consultation, by=official)
    client.force_login(official)
    csv_data = download(client, consultation, "ballots", "csv")
    json_data = download(client, consultation, "ballots", "json")
    assert hashlib.sha256(csv_data).hexdigest() == snapshot.csv_checksum
    assert hashlib.sha256(json_data).hexdigest() == snapshot.ballots_checksum


@pytest.mark.parametrize("export_format", ["csv", "json"])
def test_ballots_export_is_streamed_one_chunk_per_query(
    home_page, client, monkeypatch, export_format
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.outcomes.exports_helpers import export_url

    consultation, proposal = known_consultation(home_page)
    voting.cast_ballot(user=confirmed_user(), consultation=consultation, proposal_ids=[proposal.pk])
    close_voting(consultation)
    official = official_of(consultation)
    results.publish_results(consultation=consultation, by=official)
    client.force_login(official)
    whole = download(client, consultation, "ballots", export_format)
    monkeypatch.setattr(published_files, "FILE_CHUNK_BYTES", 5)
    response = client.post(export_url(consultation, "ballots"), {"format": export_format})
    assert response.streaming
    assert int(response["Content-Length"]) == len(whole)
    with CaptureQueriesContext(connection) as captured:
        chunks = list(response.streaming_content)
    assert len(chunks) == -(-len(whole) // 5)
    assert len(captured) == len(chunks)  # one query per chunk: never the whole file at once
    assert b"".join(chunks) == whole


def test_results_are_not_offered_before_they_are_published(known, client):
    consultation, _proposal = known
    response = client.post(
        f"/admin/consultations/{consultation.pk}/exports/results/", {"format": "csv"}
    )
    assert response.status_code == 404


def test_a_format_the_export_does_not_offer_is_refused_with_400(known, client):
    consultation, _proposal = known
    response = client.post(
        f"/admin/consultations/{consultation.pk}/exports/proposals/", {"format": "pdf"}
    )
    assert response.status_code == 400


def test_text_that_looks_like_a_formula_stays_text(home_page, client):
    from proposals.models import Proposal

    consultation, proposal = known_consultation(home_page)
    Proposal.objects.filter(pk=proposal.pk).update(title='=HYPERLINK("http://x")')
    client.force_login(official_of(consultation))
    (row,) = read_csv(download(client, consultation, "proposals", "csv"))
    assert '\'=HYPERLINK("http://x")' in row.values()
    sheet, _header, _rows = read_xlsx(download(client, consultation, "proposals", "xlsx"))
    assert sheet["C2"].data_type == "s"
    assert sheet["C2"].value == '=HYPERLINK("http://x")'


def test_money_in_json_keeps_its_cents(known, client):
    consultation, _proposal = known
    (item,) = read_json(download(client, consultation, "proposals", "json"))
    assert Decimal(str(item["estimated_cost"])) == Decimal("12000.50")


def test_one_formula_guard_serves_the_exports_and_the_admin_listings():
    from accounts.admin import listings
    from home import spreadsheets
    from outcomes.exports import writers

    assert writers.escape_formula is spreadsheets.escape_formula
    assert listings.spreadsheets.escape_formula is spreadsheets.escape_formula
    assert not hasattr(writers, "FORMULA_START")
    for dangerous in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert spreadsheets.escape_formula(dangerous) == "'" + dangerous
    assert spreadsheets.escape_formula("Ławki") == "Ławki"


def test_budget_results_export_names_the_pool_as_the_ballot_and_results_page_do(home_page, client):
    from tests.factories_voting import Method
    from voting.services.voting import ballot_paper

    consultation, (a, b) = voting_consultation(
        home_page, method=Method.BUDGET, proposals=2, costs=[600, 500], budget=1000
    )
    voting.cast_ballot(user=confirmed_user(), consultation=consultation, proposal_ids=[a.pk])
    close_voting(consultation)
    official = official_of(consultation)
    results.publish_results(consultation=consultation, by=official)
    client.force_login(official)
    with translation.override("en"):
        rows = read_csv(download(client, consultation, "results", "csv"))
        on_the_ballot = ballot_paper(consultation).pools[0].name
    town = consultation.centre.town
    assert on_the_ballot == town
    assert {row["Pool"] for row in rows} == {town}  # not "town"
    assert {row["Selected or funded"] for row in rows} == {"yes", "no"}  # not 1/0


def test_proposals_export_gives_the_forwarding_the_promised_date_and_the_history(known, client):
    from proposals.models import Proposal, StatusChange

    consultation, proposal = known
    Proposal.objects.filter(pk=proposal.pk).update(
        forwarded_to="MPK Nowy Sącz", answer_due=datetime.date(2026, 1, 5)
    )
    StatusChange.objects.filter(proposal=proposal).update(
        created_at=timezone.make_aware(datetime.datetime(2026, 5, 4, 9))
    )
    with translation.override("en"):
        (item,) = read_json(download(client, consultation, "proposals", "json"))
    assert item["forwarded_to"] == "MPK Nowy Sącz"
    assert item["answer_due"] == "2026-01-05"
    assert item["overdue"] is True  # the promised date passed without an answer
    history = item["status_history"].split("; ")
    assert history[0] == "2026-05-04 under review"
    assert len(history) == 3


def test_paper_ballot_register_says_whether_each_card_is_valid(home_page, client):
    consultation, (proposal, *_rest) = voting_consultation(home_page)
    official = official_of(consultation)
    voting.enter_paper_ballot(
        consultation=consultation,
        paper_number=1,
        by=official,
        proposal_ids=[proposal.pk],
        voter_name="Jan Nowak",
        voter_address="ul. Polna 1",
    )
    voting.enter_paper_ballot(
        consultation=consultation,
        paper_number=2,
        by=official,
        proposal_ids=[],
        voter_name="Ewa Nowak",
        voter_address="ul. Polna 1",
        invalid=True,
    )
    client.force_login(official)
    with translation.override("en"):
        rows = read_json(download(client, consultation, "paper_ballots", "json"))
    assert [(row["paper_number"], row["validity"]) for row in rows] == [
        (1, "valid"),
        (2, "the paper card was filled in wrongly"),
    ]
