"""In-process measurements for bench/run.py: queries per page, and exports against COPY.

`python -m bench.measure queries|export|publish|ballot|results|profile` prints one JSON
object; settings and database come from the environment, as for the server. `ballot` times a
cast (the POST) and the ballot page with the test client, `results` the results page (after
`publish`), `profile` one request per main page under cProfile.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
import tracemalloc


def _paths():
    from bench.generate import CONSULTATION_SLUG
    from consultations.models import ConsultationPage

    consultation = ConsultationPage.objects.get(slug=CONSULTATION_SLUG)
    base = consultation.url
    top = consultation.proposals.order_by("-supports_count", "pk").values_list("pk", flat=True)
    return consultation, base, list(top[:50])


def queries() -> dict:
    """Count the queries of the list and the detail, anonymous (miss, hit) and signed in."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from bench.generate import EMAIL_DOMAIN

    consultation, base, top = _paths()
    pages = {
        "list": base + "propozycje/",
        "list_filtered": base
        + "propozycje/?sort=supported&category="
        + str(consultation.categories.first().pk),
        "detail": base + f"propozycje/{top[0]}/",
    }
    result = {}
    cache.clear()
    anonymous = Client()
    resident = Client()
    resident.force_login(User.objects.filter(email__endswith=EMAIL_DOMAIN).first())
    for name, url in pages.items():
        for label, client in (("anonymous miss", anonymous), ("anonymous hit", anonymous)):
            with CaptureQueriesContext(connection) as captured:
                status = client.get(url).status_code
            result[f"{name}: {label}"] = {"queries": len(captured), "status": status}
        # The first visit also fills the resident's cached permissions and email check.
        for label in ("signed in, first visit", "signed in"):
            with CaptureQueriesContext(connection) as captured:
                status = resident.get(url).status_code
            result[f"{name}: {label}"] = {"queries": len(captured), "status": status}
    return result


def target_queries(urls: dict, targets: list[str]) -> dict:
    """Queries of each GET target as wrk loads it (the third request of one client: its
    caches warm, as under load), anonymous or signed in by the target's name."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from bench.generate import EMAIL_DOMAIN

    resident = Client()
    resident.force_login(User.objects.filter(email__endswith=EMAIL_DOMAIN).first())
    counts = {}
    for target in targets:
        key = target.removesuffix("_signed_in").removesuffix("_last")
        if key in ("ballot", "baseline") or key not in urls:
            continue
        path = urls[key].format(pk=urls["detail_ids"][0]) if "{pk}" in urls[key] else urls[key]
        client = resident if target.endswith("_signed_in") else Client()
        for _ in range(2):
            client.get(path)
        with CaptureQueriesContext(connection) as captured:
            status = client.get(path).status_code
        counts[target] = len(captured) if status == 200 else f"HTTP {status}"
    return counts


def profile(top: int = 12) -> dict:
    """Where one request's time goes, per main page (after a warm-up request, so caches are as
    under load): MAM's own functions by cumulative time (what our code costs, callees
    included) and every function by its own time (where the CPU actually goes)."""
    import cProfile
    import io
    import pstats
    import re
    from pathlib import Path

    from django.test import Client

    from accounts.models import User
    from bench.generate import EMAIL_DOMAIN

    root = str(Path(__file__).resolve().parent.parent) + "/"
    short = re.compile(r"\S*/site-packages/|" + re.escape(root))

    def table(stats, order, *restrictions) -> list[str]:
        text = io.StringIO()
        stats.stream = text
        stats.sort_stats(order).print_stats(*restrictions)
        rows = [line for line in text.getvalue().splitlines() if line.strip()]
        start = next((i for i, line in enumerate(rows) if "ncalls" in line), 0)
        return [short.sub("", line) for line in rows[start:]]

    consultation, base, top_ids = _paths()
    resident = Client()
    resident.force_login(User.objects.filter(email__endswith=EMAIL_DOMAIN).first())
    pages = [
        ("home page, anonymous", Client(), "/"),
        ("proposal list, signed in", resident, base + "propozycje/"),
        ("proposal detail, signed in", resident, base + f"propozycje/{top_ids[0]}/"),
        ("API proposal list", Client(), f"/api/v1/proposals/?consultation={consultation.pk}"),
    ]
    result = {}
    for label, client, url in pages:
        client.get(url)
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.enable()
        status = client.get(url).status_code
        profiler.disable()
        milliseconds = round((time.perf_counter() - started) * 1000, 1)
        stats = pstats.Stats(profiler)
        ours = f"^{re.escape(root)}(?!\\.venv/)(?!bench/)"
        result[label] = {
            "status": status,
            "url": url,
            "milliseconds": milliseconds,
            "top": [
                "MAM's own functions by cumulative time:",
                *table(stats, "cumulative", ours, top),
                "",
                "All functions by their own time:",
                *table(stats, "tottime", top),
            ],
        }
    return result


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
    rows = 0

    def counted(items):
        nonlocal rows
        for item in items:
            rows += 1
            yield item

    size = sum(
        len(chunk) for chunk in csv_stream(columns, counted(export.rows(consultation, options)))
    )
    return rows, size


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

    consultation, _base, _top = _paths()
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


def publish() -> dict:
    """Close the benchmark consultation's vote and publish its result (results page, ballots)."""
    import datetime

    from django.utils import timezone

    from consultations.models import Phase
    from voting.services.results import publish_results

    consultation, _base, _top = _paths()
    now = timezone.now()
    consultation.phases.filter(kind=Phase.Kind.VOTING).update(
        ends_at=now - datetime.timedelta(minutes=1)
    )
    start = time.perf_counter()
    snapshot = publish_results(consultation=consultation, by=None)
    return {
        "seconds": round(time.perf_counter() - start, 2),
        "ballots": len(snapshot.ballots.get("ballots", [])),
    }


def _timed_requests(run, times: int = 7) -> dict:
    """Queries of one request and its median and fastest milliseconds (after one warm-up)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    run()
    spent = []
    for _ in range(times):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            status = run().status_code
            spent.append(time.perf_counter() - start)
    spent.sort()
    return {
        "status": status,
        "queries": len(captured),
        "median_ms": round(spent[len(spent) // 2] * 1000),
        "min_ms": round(spent[0] * 1000),
    }


def ballot() -> dict:
    """Time casting (a POST changing a benchmark resident's ballot) and the ballot page."""
    import random

    from django.test import Client

    from accounts.models import User
    from bench.generate import EMAIL_DOMAIN
    from voting.services import voting

    consultation, base, _top = _paths()
    ids = [option.id for option in voting.ballot_paper(consultation).options]
    client = Client()
    client.force_login(User.objects.get(email=f"resident0@{EMAIL_DOMAIN}"))
    url = base + consultation.reverse_subpage("vote")
    rng = random.Random(1)
    cast = lambda: client.post(url, {"proposals": rng.sample(ids, min(3, len(ids)))})  # noqa: E731
    return {
        "options": len(ids),
        "cast (POST)": _timed_requests(cast),
        "ballot page (GET)": _timed_requests(lambda: client.get(url)),
    }


def results_page() -> dict:
    """Time the results page, anonymous and signed in (after `publish`)."""
    from django.test import Client

    from accounts.models import User
    from bench.generate import EMAIL_DOMAIN

    consultation, base, _top = _paths()
    url = base + consultation.reverse_subpage("results")
    resident = Client()
    resident.force_login(User.objects.get(email=f"resident0@{EMAIL_DOMAIN}"))
    return {
        "anonymous": _timed_requests(lambda: Client().get(url)),
        "signed in": _timed_requests(lambda: resident.get(url)),
    }


def main(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    if argv[0] == "queries":
        result = queries()
    elif argv[0] == "publish":
        result = publish()
    elif argv[0] == "ballot":
        result = ballot()
    elif argv[0] == "results":
        result = results_page()
    elif argv[0] == "profile":
        result = profile()
    elif argv[0] == "target-queries":
        result = target_queries(json.loads(argv[1]), argv[2].split(","))
    else:
        result = export(argv[1], argv[2])
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
