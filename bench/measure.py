"""In-process measurements for bench/run.py: queries per page, and exports against COPY
(bench/export_timing.py).

`python -m bench.measure queries|export|publish|ballot|results|profile` prints one JSON
object; settings and database come from the environment, as for the server. `ballot` times a
cast (the POST) and the ballot page with the test client, `results` the results page (after
`publish`), `profile` one request per main page under cProfile.
"""

from __future__ import annotations

import json
import os
import sys
import time

from bench import export_timing
from bench.consultation import measured_paths


def queries() -> dict:
    """Count the queries of the list and the detail, anonymous (miss, hit) and signed in."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from bench.names import EMAIL_DOMAIN

    consultation, base, top = measured_paths()
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
    from bench.names import EMAIL_DOMAIN

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
    from bench.names import EMAIL_DOMAIN

    root = str(Path(__file__).resolve().parent.parent) + "/"
    short = re.compile(r"\S*/site-packages/|" + re.escape(root))

    def table(stats, order, *restrictions) -> list[str]:
        text = io.StringIO()
        stats.stream = text
        stats.sort_stats(order).print_stats(*restrictions)
        rows = [line for line in text.getvalue().splitlines() if line.strip()]
        start = next((i for i, line in enumerate(rows) if "ncalls" in line), 0)
        return [short.sub("", line) for line in rows[start:]]

    consultation, base, top_ids = measured_paths()
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


def publish() -> dict:
    """Close the benchmark consultation's vote and publish its result (results page, ballots)."""
    import datetime

    from django.utils import timezone

    from consultations.models import Phase
    from voting.services.results import publish_results

    consultation, _base, _top = measured_paths()
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
    from bench.names import EMAIL_DOMAIN
    from voting.services import voting

    consultation, base, _top = measured_paths()
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
    from bench.names import EMAIL_DOMAIN

    consultation, base, _top = measured_paths()
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
        result = export_timing.export(argv[1], argv[2])
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
