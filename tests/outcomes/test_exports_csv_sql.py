"""The proposals CSV written by PostgreSQL (proposal_csv.py) is byte for byte the CSV the
writers format from the rows: on a varied set of proposals, in both dialects, with and without
the contact columns, with the published result's figures and another app's columns."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail import hooks

from consultations.models import Category
from home.models import District
from outcomes.exports import registry
from outcomes.exports.base import DATE, INT, TEXT, Column, Options
from outcomes.exports.definitions import proposals as proposals_export
from outcomes.exports.writers import csv_stream
from proposals.models import Proposal, StatusChange
from tests.factories import UserFactory
from tests.factories_proposals import ProposalFactory, StatusChangeFactory
from tests.outcomes.exports_helpers import add_proposals, known_consultation

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the database writes the lines on PostgreSQL"
)

TEXTS = [
    "Zażółć gęślą jaźń, ŁÓDŹ",
    'Ławka "przy stawie"',
    "dwie\nlinie",
    "CR\r\nLF",
    "tylko\rCR",
    "a;b",
    "=SUMA(A1:A2)",
    "+48 600 100 200",
    "-5 zł",
    "@wszyscy",
    "\tz tabulatorem",
    "\rz powrotem",
    "'już z apostrofem",
    '"',
    " spacja ",
    "\\.",
]


def _varied(consultation):
    """Proposals whose every cell takes one of the awkward shapes a CSV can meet."""
    category = Category.objects.create(consultation=consultation, name='=Zieleń, "miejska"')
    district = District.objects.create(centre=consultation.centre, name="Śródmieście;Północ")
    now = timezone.now()
    staff_member = UserFactory()
    authors = [
        UserFactory(display_name='Ania "z parku"'),
        UserFactory(display_name=""),
        UserFactory(display_name="Usunięty", deleted_at=now),
        UserFactory(organisation_name='Fundacja, "Las"', organisation_confirmed_at=now),
        UserFactory(organisation_name="Nie potwierdzona", display_name="-Ola"),
        UserFactory(
            first_name=" Anna\t", last_name="Kowalska\u00a0", share_contact_with_officials=True
        ),
        None,
    ]
    for number, text in enumerate(TEXTS):
        proposal = ProposalFactory(
            consultation=consultation,
            title=text,
            body=TEXTS[-1 - number] + "\r\n" + text,
            place="" if number % 3 else text,
            author=authors[number % len(authors)],
            submitted_by_staff=None if authors[number % len(authors)] else staff_member,
            category=category if number % 2 else None,
            district=district if number % 4 else None,
        )
        Proposal.objects.filter(pk=proposal.pk).update(
            latitude=Decimal("-0.000001") if number % 2 else None,
            longitude=Decimal("20.691000"),
            estimated_cost=Decimal("1234.50") if number % 3 else None,
            official_cost=Decimal("0.00"),
            hidden_at=now if number % 5 == 0 else None,
            forwarded_to=text if number % 2 else "",
            answer_due=datetime.date(2026, 1, 1) if number % 3 else datetime.date(2999, 1, 1),
            created_at=datetime.datetime(2026, 3, 29, 0, 59, 59, 999999, tzinfo=datetime.UTC)
            if number
            else datetime.datetime(999, 6, 15, 12, 0, 0, 500000, tzinfo=datetime.UTC),
            updated_at=datetime.datetime(2026, 10, 25, 1, 30, tzinfo=datetime.UTC),
        )
        StatusChangeFactory(proposal=proposal, status="under_review", answer=text)
        StatusChangeFactory(proposal=proposal, status="accepted", forwarded_to=text)
    StatusChange.objects.filter(proposal__consultation=consultation).update(
        created_at=datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC)
    )


def _review_columns(consultation):
    ids = list(consultation.proposals.order_by("pk").values_list("pk", flat=True))
    return {
        "columns": [
            Column("review_outcome", 'Wynik, "oceny"', TEXT),
            Column("review_decided_on", "Data", DATE),
            Column("review_points", "Punkty", INT),
        ],
        "values": lambda: {
            pk: {
                "review_outcome": TEXTS[number % len(TEXTS)],
                "review_decided_on": datetime.date(2026, 6, number % 28 + 1),
                "review_points": None if number % 2 else number,
            }
            for number, pk in enumerate(ids[::2])
        },
    }


def _both(consultation, options, semicolon):
    export = registry.get("proposals")
    columns = export.columns(consultation, options)
    rows = export.rows(consultation, options)
    database = b"".join(csv_stream(columns, rows, semicolon=semicolon))
    python = b"".join(csv_stream(columns, iter(rows), semicolon=semicolon))  # no csv_lines
    return database, python


@pytest.mark.django_db
@pytest.mark.parametrize("semicolon", [False, True])
@pytest.mark.parametrize("include_contact", [False, True])
def test_the_database_writes_the_same_bytes_as_the_writers(
    home_page, monkeypatch, semicolon, include_contact
):
    consultation, proposal = known_consultation(home_page)
    _varied(consultation)
    result = {proposal.pk: {"votes": 12, "rank": 1, "selected": True}}
    monkeypatch.setattr(proposals_export, "_result_by_proposal", lambda _c: result)
    with (
        hooks.register_temporarily("mam_proposal_export_columns", _review_columns),
        timezone.override(WARSAW),
        translation.override("pl"),
    ):
        database, python = _both(consultation, Options(include_contact=include_contact), semicolon)
    assert database == python
    assert database.count(b"\r\n") > len(TEXTS)


@pytest.mark.django_db
@on_postgresql
def test_on_postgresql_the_database_writes_the_lines(home_page):
    consultation, _proposal = known_consultation(home_page)
    export = registry.get("proposals")
    columns = export.columns(consultation, Options())
    assert export.rows(consultation, Options()).csv_lines(columns, ",") is not None


@pytest.mark.django_db
def test_elsewhere_or_in_a_zone_without_a_name_the_writers_format_the_rows(home_page):
    consultation, _proposal = known_consultation(home_page)
    export = registry.get("proposals")
    columns = export.columns(consultation, Options())
    rows = export.rows(consultation, Options())
    with timezone.override(datetime.timezone(datetime.timedelta(hours=1))):
        assert rows.csv_lines(columns, ",") is None
    if connection.vendor != "postgresql":
        assert rows.csv_lines(columns, ",") is None


def _export_queries(consultation) -> int:
    export = registry.get("proposals")
    columns = export.columns(consultation, Options())
    with CaptureQueriesContext(connection) as captured:
        b"".join(csv_stream(columns, export.rows(consultation, Options())))
    return len(captured)


@pytest.mark.django_db
@on_postgresql
def test_the_database_lines_take_as_many_queries_for_many_proposals_as_for_few(home_page):
    consultation, _proposal = known_consultation(home_page)
    _export_queries(consultation)  # fills the caches the export reads (the review step)
    few = _export_queries(consultation)
    add_proposals(consultation, 12)
    assert _export_queries(consultation) == few


@pytest.mark.django_db
def test_progress_is_reported_as_the_writers_report_it(home_page, monkeypatch):
    consultation, _proposal = known_consultation(home_page)
    add_proposals(consultation, 6)
    monkeypatch.setattr("outcomes.exports.writers.csv_format.PROGRESS_EVERY", 3)
    monkeypatch.setattr("outcomes.exports.writers.rows.PROGRESS_EVERY", 3)
    export = registry.get("proposals")
    columns = export.columns(consultation, Options())
    reports = {"database": [], "python": []}
    rows = export.rows(consultation, Options())
    b"".join(csv_stream(columns, rows, progress=reports["database"].append))
    b"".join(csv_stream(columns, iter(rows), progress=reports["python"].append))
    assert reports["database"] == reports["python"] == [3, 6, 7]


@pytest.mark.django_db
@on_postgresql
def test_the_database_lines_are_the_same_in_another_date_style_and_leave_it_as_it_was(
    home_page,
):
    consultation, _proposal = known_consultation(home_page)
    _varied(consultation)
    export = registry.get("proposals")
    columns = export.columns(consultation, Options())
    rows = export.rows(consultation, Options())
    iso = b"".join(rows.csv_lines(columns, ","))
    with connection.cursor() as cursor:
        cursor.execute("SET datestyle = 'SQL, DMY'")
        sql_style = b"".join(rows.csv_lines(columns, ","))
        cursor.execute("SELECT current_setting('datestyle'), current_setting('jit')")
        settings_after = cursor.fetchone()
        cursor.execute("RESET datestyle")
    assert sql_style == iso
    assert settings_after[0] == "SQL, DMY"
    assert settings_after[1] == _server_default_jit()


def _server_default_jit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reset_val FROM pg_settings WHERE name = 'jit'")
        return cursor.fetchone()[0]
