"""The exports timed against PostgreSQL's COPY of the same rows (`python -m bench.measure
export proposals|ballots csv|copy|copy-choices`), with their memory peaks."""

from __future__ import annotations

import resource
import time
import tracemalloc

from bench.consultation import measured_paths


def _timed(run) -> dict:
    """Time `run` on its own, then run it again under tracemalloc for the memory peak.

    tracemalloc slows every Python allocation several times over and COPY allocates almost
    nothing in Python: a time taken under it would compare a handicapped export with COPY.
    """
    start = time.perf_counter()
    rows, size = run()
    seconds = time.perf_counter() - start
    # Read before tracemalloc, whose own bookkeeping would add megabytes to the process.
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    run()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "seconds": round(seconds, 3),
        "rows": rows,
        "bytes": size,
        "python_peak_mb": round(peak / 2**20, 1),
        "process_peak_rss_mb": round(peak_rss / 1024, 1),
    }


def _real_proposals_csv(consultation) -> tuple[int, int]:
    """The proposals export as an official downloads it (consultations/exports/)."""
    from outcomes.exports import registry
    from outcomes.exports.base import Options
    from outcomes.exports.writers import csv_stream

    export = registry.get("proposals")
    options = Options()
    columns = export.columns(consultation, options)
    counted = [0]  # the writer's own count of rows, as it reports a job's progress

    def progress(done: int) -> None:
        counted[0] = done

    chunks = csv_stream(columns, export.rows(consultation, options), progress=progress)
    size = sum(len(chunk) for chunk in chunks)
    return counted[0], size


def _real_ballots_csv(consultation) -> tuple[int, int]:
    """The published ballots file (consultations/exports/ "ballots", CSV), once per choice."""
    from outcomes.exports import registry

    found = registry.get("ballots").raw(consultation, "csv")
    if found is None:
        raise SystemExit("the benchmark consultation has no published ballots file")
    size, chunks = found  # streamed in chunks, as the download is
    lines = sum(chunk.count(b"\n") for chunk in chunks)
    return lines - 1, size


def _copy_sql(sql: str, params) -> tuple[int, int]:
    from django.db import connection

    size = rows = 0
    with connection.cursor() as cursor:
        raw = cursor.cursor
        query = raw.mogrify(sql, params) if params else sql
        with raw.copy(f"COPY ({query}) TO STDOUT WITH (FORMAT csv, HEADER)") as copy:
            for chunk in copy:
                size += len(chunk)
                rows += bytes(chunk).count(b"\n")
    return rows - 1, size


def export(kind: str, how: str) -> dict:
    """Time one export: `csv` the application's export (consultations/exports/), `copy`
    PostgreSQL's COPY of the same rows from the same source (proposals: the export's own
    query; ballots: the published snapshot's stored document, as the file is built)."""
    from outcomes.exports.base import Options
    from outcomes.exports.definitions import proposal_rows_queryset
    from voting.models import BallotChoice, ResultSnapshot

    consultation, _base, _top = measured_paths()
    if kind == "proposals":
        if how == "csv":
            return _timed(lambda: _real_proposals_csv(consultation))
        queryset = proposal_rows_queryset(consultation, Options())
        sql, params = queryset.query.sql_with_params()
        return _timed(lambda: _copy_sql(sql, params))
    if how == "csv":
        return _timed(lambda: _real_ballots_csv(consultation))
    if how == "copy-choices":  # the measure before: the ballot choices, not the same work
        queryset = BallotChoice.objects.filter(ballot__consultation=consultation).order_by(
            "ballot_id", "proposal_id"
        )
        sql, params = queryset.values_list("ballot_id", "proposal_id").query.sql_with_params()
        return _timed(lambda: _copy_sql(sql, params))
    snapshot = (
        ResultSnapshot.objects.filter(consultation=consultation, published_at__isnull=False)
        .values_list("pk", flat=True)
        .first()
    )
    return _timed(lambda: _copy_sql(BALLOTS_FILE_SQL, [snapshot]))


# The published ballots file as PostgreSQL would write it from the same stored document
# (results.ballots_csv): one row per mark, a ballot without marks as one empty row.
BALLOTS_FILE_SQL = """
SELECT ballot->>'id' AS ballot_id, ballot->>'channel' AS channel,
       CASE WHEN (ballot->>'void')::boolean THEN '1' ELSE '0' END AS void,
       mark.proposal_id, mark.question_id, mark.answer
FROM consultations_resultsnapshot AS snapshot
CROSS JOIN LATERAL jsonb_array_elements(snapshot.ballots->'ballots')
    WITH ORDINALITY AS ballots(ballot, position)
LEFT JOIN LATERAL (
    SELECT choice AS proposal_id, NULL AS question_id, NULL AS answer, 0 AS part,
           choice_position AS mark_position
    FROM jsonb_array_elements_text(COALESCE(ballot->'choices', '[]'))
        WITH ORDINALITY AS choices(choice, choice_position)
    UNION ALL
    SELECT NULL, key, value, 1, 0 FROM jsonb_each_text(COALESCE(ballot->'answers', '{}'))
) AS mark ON true
WHERE snapshot.id = %s
ORDER BY ballots.position, mark.part, mark.mark_position, mark.question_id
"""
