"""publish_results and recompute_results: publish from a job, and recount a published file."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from accounts import roles
from tests.factories import CentrePageFactory
from tests.factories_proposals import confirmed_user
from tests.factories_voting import Method, voting_consultation
from tests.voting.results_helpers import cast, close_voting, publish
from voting.models import ResultSnapshot
from voting.services import results

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    """Run a command in English (the messages the assertions read)."""
    out = StringIO()
    with translation.override("en"):
        call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def published(home_page, tmp_path):
    consultation, proposals = voting_consultation(
        home_page, method=Method.BUDGET, costs=[600, 500, 300], budget=1000
    )
    a, b, c = proposals
    cast(consultation, [a], [a], [a, c], [b], [b, c])
    snapshot = publish(consultation)
    json_file = tmp_path / "karty.json"
    json_file.write_bytes(results.ballots_json(snapshot.ballots))
    csv_file = tmp_path / "karty.csv"
    csv_file.write_bytes(results.ballots_csv(snapshot.ballots))
    return consultation, proposals, snapshot, json_file, csv_file


# --- publish_results -----------------------------------------------------------------------------


def test_publish_command_publishes_in_the_name_of_an_official(home_page):
    consultation, (first, *_rest) = voting_consultation(home_page)
    cast(consultation, [first])
    close_voting(consultation)
    official = confirmed_user(email="urzednik@example.org")
    official.groups.add(roles.centre_groups_ensure(consultation.centre)[roles.OFFICIAL])
    out = run("publish_results", "--consultation", consultation.pk, "--by", "URZEDNIK@example.org")
    snapshot = ResultSnapshot.objects.get(consultation=consultation)
    assert snapshot.computed_by == official
    assert snapshot.ballots_checksum in out


def test_publish_command_refuses_someone_who_may_not(home_page):
    consultation, (first, *_rest) = voting_consultation(home_page)
    cast(consultation, [first])
    close_voting(consultation)
    stranger = confirmed_user()
    stranger.groups.add(
        roles.centre_groups_ensure(CentrePageFactory(parent=home_page))[roles.OFFICIAL]
    )
    with pytest.raises(CommandError, match="may not publish"):
        run("publish_results", "--consultation", consultation.pk, "--by", stranger.email)
    assert not ResultSnapshot.objects.exists()


def test_publish_command_refuses_while_voting_is_open(home_page):
    consultation, (first, *_rest) = voting_consultation(home_page)
    official = confirmed_user()
    official.groups.add(roles.centre_groups_ensure(consultation.centre)[roles.OFFICIAL])
    with pytest.raises(CommandError, match="once voting has closed"):
        run("publish_results", "--consultation", consultation.pk, "--by", official.email)


def test_publish_command_refuses_to_publish_twice(published):
    consultation, _proposals, snapshot, _json, _csv = published
    official = snapshot.computed_by
    with pytest.raises(CommandError, match="already published"):
        run("publish_results", "--consultation", consultation.pk, "--by", official.email)


# --- recompute_results ---------------------------------------------------------------------------


def test_recompute_matches_the_published_file(published):
    _consultation, _proposals, _snapshot, json_file, _csv = published
    out = run("recompute_results", str(json_file))
    assert "MATCH" in out
    assert "MISMATCH" not in out
    assert "byte for byte the published one" in out


def test_recompute_matches_the_published_csv(published):
    _consultation, _proposals, _snapshot, json_file, csv_file = published
    out = run("recompute_results", str(json_file), "--csv", str(csv_file))
    assert "MATCH" in out
    assert "byte for byte the published one" in out


def test_recompute_finds_one_tampered_ballot_and_exits_with_1(published):
    _consultation, (a, b, c), _snapshot, json_file, _csv = published
    document = json.loads(json_file.read_text())
    ballot = next(item for item in document["ballots"] if item["choices"] == [b.pk])
    ballot["choices"] = [c.pk]  # b: 2 → 1 vote, c: 2 → 3 votes
    json_file.write_text(json.dumps(document))
    out = StringIO()
    with pytest.raises(CommandError) as error:
        call_command("recompute_results", str(json_file), stdout=out)
    assert error.value.returncode == 1
    report = out.getvalue()
    assert "MISMATCH" in report
    assert f"proposal {b.pk}" in report
    assert "votes published 2, counted 1" in report
    assert f"proposal {c.pk}" in report
    assert "not the published one" in report


def test_recompute_finds_a_tampered_csv_row(published):
    _consultation, (a, b, c), _snapshot, json_file, csv_file = published
    text = csv_file.read_bytes().decode("utf-8-sig")
    lines = text.split("\r\n")
    row = next(i for i, line in enumerate(lines) if line.endswith(f",{a.pk},,"))
    lines[row] = lines[row].replace(",0,", ",1,", 1)  # make one ballot for a void
    csv_file.write_bytes(("\ufeff" + "\r\n".join(lines)).encode())
    out = StringIO()
    with pytest.raises(CommandError) as error:
        call_command("recompute_results", str(json_file), "--csv", str(csv_file), stdout=out)
    assert error.value.returncode == 1
    assert "turnout void: published 0, counted 1" in out.getvalue()


def test_recompute_without_a_published_result_prints_the_figures(published, tmp_path):
    consultation, _proposals, snapshot, json_file, _csv = published
    document = json.loads(json_file.read_text())
    document["consultation"]["id"] = consultation.pk + 1000
    other = tmp_path / "inna.json"
    other.write_text(json.dumps(document))
    out = run("recompute_results", str(other))
    assert "No published result to compare with" in out
    assert json.loads(out.split("\n", 1)[1]) == snapshot.figures


def test_recompute_compares_with_the_consultation_given(published, tmp_path):
    consultation, _proposals, _snapshot, json_file, _csv = published
    document = json.loads(json_file.read_text())
    del document["consultation"]
    bare = tmp_path / "bez.json"
    bare.write_text(json.dumps(document))
    assert "MATCH" in run("recompute_results", str(bare), "--consultation", consultation.pk)


@pytest.mark.parametrize("content", [b"not json", b'{"format": "other/1"}', b"[1, 2]"])
def test_recompute_says_why_a_file_cannot_be_counted(tmp_path, content, db):
    bad = tmp_path / "zly.json"
    bad.write_bytes(content)
    with pytest.raises(CommandError) as error:
        run("recompute_results", str(bad))
    assert error.value.returncode == 2


def test_recompute_of_a_missing_file_says_so(tmp_path, db):
    with pytest.raises(CommandError) as error:
        run("recompute_results", str(tmp_path / "brak.json"))
    assert error.value.returncode == 2


def test_a_result_with_a_deciding_tie_lists_it_and_still_recomputes_to_match(home_page, tmp_path):
    consultation, (first, second) = voting_consultation(
        home_page, proposals=2, max_choices=1, winners=1
    )
    cast(consultation, [first], [second])
    snapshot = publish(consultation)
    assert snapshot.figures["ties"][0]["options"] == [first.pk, second.pk]
    json_file = tmp_path / "karty.json"
    json_file.write_bytes(results.ballots_json(snapshot.ballots))
    out = run("recompute_results", str(json_file))
    assert "MATCH" in out
    assert "MISMATCH" not in out
