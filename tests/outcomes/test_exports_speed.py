"""The fast paths of the exports give exactly what the straightforward code gives.

csv_stream formats each column of a chunk of rows with a formatter chosen once and joins the
cells itself; the proposals export reads tuples in keyset batches instead of model instances.
Both must write the same bytes as `_csv_text` + csv.writer and as the model's own properties.
"""

import csv
import datetime
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from hypothesis import given, settings
from hypothesis import strategies as st

from outcomes.exports import registry
from outcomes.exports.base import (
    BOOL,
    DATE,
    DATETIME,
    DECIMAL,
    INT,
    TEXT,
    Column,
    Options,
    batches,
)
from outcomes.exports.definitions import proposals as proposals_export
from outcomes.exports.writers import (
    _csv_column,
    _csv_quoter,
    _csv_text,
    _Line,
    csv_stream,
)
from proposals.models import Proposal
from tests.factories import UserFactory
from tests.outcomes.exports_helpers import add_proposals, known_consultation

KINDS = [TEXT, INT, DECIMAL, DATE, DATETIME, BOOL]
WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")

cell_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.decimals(allow_nan=False, allow_infinity=False, places=2),
    st.text(),
    st.sampled_from(["=1+1", "+48", "-5", "@x", "\tx", "\rx", 'a "b"', "a,b", "a;b", "a\nb", ""]),
    st.dates(),
    st.datetimes(min_value=datetime.datetime(2, 1, 1)),
    st.datetimes(
        min_value=datetime.datetime(2, 1, 1), timezones=st.just(datetime.UTC)
    ),  # as read from the database
)


def straightforward_csv(columns, rows, delimiter: str) -> str:
    """What csv_stream wrote before its fast path: _csv_text per cell, then csv.writer."""
    writer = csv.writer(_Line(), delimiter=delimiter, lineterminator="\r\n")
    semicolon = delimiter == ";"
    return "".join(
        writer.writerow([_csv_text(row.get(c.key), c, semicolon) for c in columns]) for row in rows
    )


@settings(max_examples=400, deadline=None)
@given(value=cell_values, kind=st.sampled_from(KINDS), semicolon=st.booleans())
def test_column_formatter_equals_csv_text_quoted(value, kind, semicolon):
    column = Column("cell", "Cell", kind)
    delimiter = ";" if semicolon else ","
    quote = _csv_quoter(delimiter)
    with timezone.override(WARSAW):
        expected = quote(_csv_text(value, column, semicolon))
        assert _csv_column(column, semicolon, quote, delimiter)([value]) == [expected]


@settings(max_examples=300, deadline=None)
@given(
    rows=st.lists(st.tuples(cell_values, cell_values, cell_values), max_size=5),
    semicolon=st.booleans(),
)
def test_csv_lines_equal_csv_writer_over_csv_text(rows, semicolon):
    columns = [Column("a", "A", TEXT), Column("b", "B", DECIMAL), Column("c", "C", DATETIME)]
    dicts = [dict(zip("abc", row, strict=True)) for row in rows]
    with timezone.override(WARSAW):
        body = b"".join(list(csv_stream(columns, dicts, semicolon=semicolon))[1:]).decode()
        assert body == straightforward_csv(columns, dicts, ";" if semicolon else ",")


def test_a_lone_empty_cell_is_quoted_as_csv_writer_quotes_it():
    columns = [Column("a", "A", TEXT)]
    rows = [{"a": ""}, {"a": None}, {"a": "x"}]
    body = b"".join(list(csv_stream(columns, rows))[1:]).decode()
    assert body == straightforward_csv(columns, rows, ",")


def test_rows_come_in_chunks_of_many_lines():
    columns = [Column("a", "A", INT), Column("b", "B", TEXT)]
    chunks = list(csv_stream(columns, ({"a": n, "b": "x"} for n in range(450))))
    assert len(chunks) == 1 + 3  # the header, then 200 + 200 + 50 lines


@pytest.mark.django_db
@pytest.mark.parametrize(
    "author_fields",
    [
        {"display_name": "Ania z parku"},
        {"display_name": ""},
        {"display_name": "Ania", "deleted_at": timezone.now()},
        {"display_name": "", "deleted_at": timezone.now()},
        {"organisation_name": "Fundacja", "organisation_confirmed_at": timezone.now()},
        {"organisation_name": "Fundacja", "organisation_confirmed_at": None},
        {
            "organisation_name": "",
            "organisation_confirmed_at": timezone.now(),
            "display_name": "Ania",
        },
    ],
)
@pytest.mark.parametrize("language", ["pl", "en"])
def test_proposal_author_is_the_users_public_name_or_confirmed_organisation(
    home_page, author_fields, language
):
    consultation, proposal = known_consultation(home_page)
    author = UserFactory(**author_fields)
    proposal.author = author
    proposal.save(update_fields=["author"])
    with translation.override(language):
        (row,) = registry.get("proposals").rows(consultation, Options())
        assert row["author"] == (author.confirmed_organisation or author.public_name)


@pytest.mark.django_db
@pytest.mark.parametrize("shares", [True, False])
def test_contact_columns_match_the_users_full_name_and_email(home_page, shares):
    consultation, proposal = known_consultation(home_page)
    author = proposal.author
    author.share_contact_with_officials = shares
    author.save(update_fields=["share_contact_with_officials"])
    (row,) = registry.get("proposals").rows(consultation, Options(include_contact=True))
    assert row["contact_name"] == (author.get_full_name() if shares else "")
    assert row["contact_email"] == (author.email if shares else "")


@pytest.mark.django_db
def test_proposals_read_in_several_batches_give_the_rows_of_one_batch(home_page, monkeypatch):
    consultation, _proposal = known_consultation(home_page)
    add_proposals(consultation, 4)
    export = registry.get("proposals")
    whole = list(export.rows(consultation, Options()))
    monkeypatch.setattr(proposals_export, "ROWS_PER_QUERY", 2)
    assert list(export.rows(consultation, Options())) == whole
    assert [row["status_history"] != "" for row in whole] == [True] * 5


@pytest.mark.django_db
@pytest.mark.parametrize(("count", "queries"), [(0, 1), (2, 2), (3, 2), (4, 3)])
def test_batches_read_a_queryset_in_keyset_pages(home_page, count, queries):
    consultation, _proposal = known_consultation(home_page)
    Proposal.objects.filter(consultation=consultation).delete()
    add_proposals(consultation, count)
    proposals = Proposal.objects.filter(consultation=consultation).order_by("pk")
    with CaptureQueriesContext(connection) as captured:
        found = [[proposal.pk for proposal in batch] for batch in batches(proposals, 2)]
    assert sum(found, []) == list(proposals.values_list("pk", flat=True))
    assert all(len(batch) == 2 for batch in found[:-1])
    assert len(captured) == queries
