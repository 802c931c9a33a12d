"""In-process measurements for bench/run.py: queries per page, and exports against COPY.

`python -m bench.measure queries|export` prints one JSON object; settings and database come
from the environment, as for the server.
"""

from __future__ import annotations

import csv
import io
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
        with CaptureQueriesContext(connection) as captured:
            status = resident.get(url).status_code
        result[f"{name}: signed in"] = {"queries": len(captured), "status": status}
    return result


def _timed(run) -> dict:
    tracemalloc.start()
    start = time.perf_counter()
    rows, size = run()
    seconds = time.perf_counter() - start
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "seconds": round(seconds, 3),
        "rows": rows,
        "bytes": size,
        "python_peak_mb": round(peak / 2**20, 1),
        "process_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


class _Counter(io.RawIOBase):
    """A sink that only counts bytes, like a response streamed to a client."""

    def __init__(self):
        self.size = 0

    def writable(self):
        return True

    def write(self, data):
        self.size += len(data)
        return len(data)


def _csv(queryset, fields) -> tuple[int, int]:
    sink = _Counter()
    text = io.TextIOWrapper(sink, encoding="utf-8", newline="")
    writer = csv.writer(text)
    writer.writerow(fields)
    rows = 0
    for row in queryset.values_list(*fields).iterator(chunk_size=2000):
        writer.writerow(row)
        rows += 1
    text.flush()
    return rows, sink.size


def _copy(queryset, fields) -> tuple[int, int]:
    from django.db import connection

    sql, params = queryset.values_list(*fields).query.sql_with_params()
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
    """Time one export (`csv`: Python csv.writer over .iterator(); `copy`: PostgreSQL COPY)."""
    from consultations.models import BallotChoice
    from proposals.models import Proposal

    consultation, _base, _top = _paths()
    if kind == "proposals":
        queryset = Proposal.objects.visible().filter(consultation=consultation).order_by("pk")
        fields = [
            "pk",
            "title",
            "body",
            "category__name",
            "status",
            "latitude",
            "longitude",
            "place",
            "estimated_cost",
            "official_cost",
            "supports_count",
            "comments_count",
            "created_at",
        ]
    else:
        queryset = BallotChoice.objects.filter(ballot__consultation=consultation).order_by(
            "ballot_id", "proposal_id"
        )
        fields = ["ballot_id", "ballot__channel", "ballot__void_reason", "proposal_id"]
    run = (lambda: _csv(queryset, fields)) if how == "csv" else (lambda: _copy(queryset, fields))
    return _timed(run)


def main(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    result = queries() if argv[0] == "queries" else export(argv[1], argv[2])
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
