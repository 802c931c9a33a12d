"""Signed-in content pages with the test client: queries, median time, and where it goes.

`python -m bench.signed_in [--requests 200] [--profile] [--only activities,news]` prints, per
page of bench/run.py's CONTENT_PAGES (the bench centre's) and the most supported proposal's
detail with its comments (`detail`), the queries of one warm request
and the median and fastest milliseconds over `--requests` requests by one signed-in resident
(after two warm-up requests, so the caches are as under load); with `--profile`, the top
functions of one request by cumulative and own time. Settings and database come from the
environment, as for bench.measure. In-process figures: compare before and after on the same
data, never with wrk's.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import time


def _urls() -> dict:
    from bench.content import content_urls
    from bench.names import CONSULTATION_SLUG, EDITION_SLUG
    from consultations.models import ConsultationPage

    urls = {"home": "/", **content_urls()}
    consultation = ConsultationPage.objects.filter(slug=CONSULTATION_SLUG).first()
    if consultation is not None:  # the signed-in detail's first page (the most supported)
        top = consultation.proposals.order_by("-supports_count", "pk").first()
        if top is not None:
            urls["detail"] = f"{consultation.url}propozycje/{top.pk}/"
    edition = ConsultationPage.objects.filter(slug=EDITION_SLUG).first()
    if edition is not None:
        urls["implementation"] = edition.url + "realizacja/"
    return urls


def _profile(client, url: str, top: int) -> list[str]:
    profiler = cProfile.Profile()
    profiler.enable()
    client.get(url)
    profiler.disable()
    lines = []
    for order in ("cumulative", "tottime"):
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats(order).print_stats(top)
        rows = text.getvalue().splitlines()
        start = next((i for i, line in enumerate(rows) if "ncalls" in line), 0)
        lines += [f"by {order}:", *(row.replace(sys.prefix, "") for row in rows[start:] if row)]
    return lines


def measure(requests: int, only: list[str], profile: bool) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from bench.names import EMAIL_DOMAIN

    resident = Client()
    resident.force_login(User.objects.get(email=f"resident0@{EMAIL_DOMAIN}"))
    result = {}
    for name, url in _urls().items():
        if only and name not in only:
            continue
        for _ in range(2):
            resident.get(url)
        with CaptureQueriesContext(connection) as captured:
            status = resident.get(url).status_code
        queries = len(captured)  # now: the log of the connection is reset when it closes
        spent = []
        for _ in range(requests):
            start = time.perf_counter()
            resident.get(url)
            spent.append((time.perf_counter() - start) * 1000)
        result[name] = {
            "url": url,
            "status": status,
            "queries": queries,
            "median_ms": round(statistics.median(spent), 2),
            "min_ms": round(min(spent), 2),
        }
        if profile:
            result[name]["profile"] = _profile(resident, url, 25)
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.signed_in")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--only", default="")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    only = [name for name in args.only.split(",") if name]
    sys.stdout.write(json.dumps(measure(args.requests, only, args.profile), indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
