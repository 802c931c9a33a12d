"""The whole benchmark: `python -m bench.run [--tiers 1000,10000] [--seconds 20]`.

Starts a throwaway PostgreSQL cluster (tests/pgcluster.py), migrates, and for each tier
generates data, counts queries, runs gunicorn (2 workers, DEBUG off, production settings over
plain HTTP: bench/settings.py) under wrk per endpoint (bench/wrk.py), times the exports
against COPY, profiles one request per main page, weighs the pages, and writes
bench/RESULTS.md. Ratios to the baseline view measured in one run are the figures to compare;
absolute numbers depend on the machine. What is loaded: bench/targets.py; one tier's steps:
bench/tiers.py; the servers it starts: bench/processes.py; the results: bench/report.py.
"""

from __future__ import annotations

import argparse
import datetime
import os
import secrets
import shutil
import sys
import tempfile

from bench.processes import ROOT, log, manage, throwaway_redis
from bench.report import RESULTS, machine, write_results
from bench.tiers import run_tier


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run")
    parser.add_argument("--tiers", default="1000,10000")
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--main-only-for-10000",
        action="store_true",
        help="at 10 000 proposals, load only the main pages",
    )
    parser.add_argument(
        "--targets",
        default="",
        help="comma-separated endpoint names to load, in this order (default: all)",
    )
    args = parser.parse_args(argv)
    tiers = [int(t) for t in args.tiers.split(",")]
    sys.path.insert(0, str(ROOT))
    from tests.pgcluster import free_port, throwaway_cluster

    report = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M"),
        "machine": machine(),
        "generate": {},
        "queries": {},
        "exports": {},
        "weight": {},
        "load": {t: {} for t in tiers},
    }
    static_root = tempfile.mkdtemp(prefix="mam-bench-static-")
    with throwaway_cluster(database="bench") as url, throwaway_redis(free_port()) as redis:
        report["cache"] = "Redis (a throwaway redis-server)" if redis else "the database table"
        env = (
            os.environ
            | ({"REDIS_URL": redis} if redis else {})
            | {
                "DJANGO_SETTINGS_MODULE": "bench.settings",
                "DATABASE_URL": url,
                "SECRET_KEY": secrets.token_urlsafe(64),
                "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
                "STATIC_ROOT": static_root,
                "MAM_BENCH": "1",
                "PYTHONPATH": f"{ROOT}:{ROOT / 'site'}",
                "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            }
        )
        log(f"PostgreSQL at {url}; migrating")
        manage(env, "migrate", "--no-input", "-v0")
        manage(env, "createcachetable")
        manage(env, "collectstatic", "--no-input", "-v0")
        port = free_port()
        for tier in tiers:
            try:
                run_tier(tier, env, args, port, report)
            finally:
                write_results(report, args, tiers[: tiers.index(tier) + 1])
    shutil.rmtree(static_root, ignore_errors=True)
    log(f"written {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
