"""The whole benchmark: `python -m bench.run [--tiers 1000,10000] [--seconds 20] [--users 10]`.

Starts a throwaway PostgreSQL cluster (tests/pgcluster.py), migrates, and for each tier
generates data, counts queries, runs gunicorn (2 workers, DEBUG off, production settings over
plain HTTP: bench/settings.py) under locust per endpoint, times the exports against COPY,
weighs the pages, and writes bench/RESULTS.md. Ratios to the baseline view measured in one
run are the figures to compare; absolute numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime
import gzip
import json
import os
import platform
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent
RESULTS = ROOT / "bench" / "RESULTS.md"


def tier_sizes(proposals: int) -> dict:
    """The issue's proportions (10 000 proposals: 50 000 comments, 100 000 supports, 20 000
    ballots)."""
    return {
        "proposals": proposals,
        "comments": 5 * proposals,
        "supports": 10 * proposals,
        "ballots": 2 * proposals,
    }


# Fresh accounts beyond the ballots already cast, for signing in and voting under load.
SPARE_USERS = 1000
TARGETS = [
    ("baseline", "minimal Django view (the yardstick)"),
    ("list", "proposal list, anonymous"),
    ("list_filtered", "proposal list, category + most supported, anonymous"),
    ("detail", "proposal detail with comments, anonymous (50 most supported)"),
    ("list_signed_in", "proposal list, signed-in resident"),
    ("detail_signed_in", "proposal detail with comments, signed-in resident"),
    ("geojson", "map GeoJSON, anonymous"),
    ("results", "results page"),
    ("api", "API proposal list"),
    ("ballot", "casting a ballot (POST)"),
]
MAIN_TARGETS = {"baseline", "list", "detail", "list_signed_in", "detail_signed_in", "results"}
SIGNED_IN = {"list_signed_in", "detail_signed_in", "ballot"}
SETUP_SECONDS = 15
# Measured after the vote is closed and its result published (a separate phase of the run).
AFTER_PUBLISHING = {"results"}


def log(message: str) -> None:
    sys.stdout.write(f"[bench {time.strftime('%H:%M:%S')}] {message}\n")
    sys.stdout.flush()


def manage(env, *args, capture=False):
    command = [PYTHON, str(ROOT / "manage.py"), *args]
    return subprocess.run(command, env=env, check=True, capture_output=capture, text=True)  # noqa: S603


def module(env, *args) -> str:
    command = [PYTHON, "-m", *args]
    done = subprocess.run(command, env=env, check=True, capture_output=True, text=True, cwd=ROOT)  # noqa: S603
    return done.stdout


def paths(env) -> dict:
    """The URLs under test, and proposal ids for the detail and the ballot."""
    code = (
        "import json, django; django.setup();"
        "from bench.generate import CONSULTATION_SLUG as S;"
        "from consultations.models import ConsultationPage as C;"
        "c = C.objects.get(slug=S); b = c.url;"
        "top = list(c.proposals.order_by('-supports_count','pk')"
        ".values_list('pk', flat=True)[:50]);"
        "acc = list(c.proposals.filter(status='accepted').values_list('pk', flat=True)[:40]);"
        "cat = c.categories.first().pk;"
        "print(json.dumps({'list': b + 'propozycje/',"
        " 'list_filtered': b + f'propozycje/?category={cat}&sort=supported',"
        " 'detail': b + 'propozycje/{pk}/', 'detail_ids': top,"
        " 'geojson': b + 'propozycje/mapa/geojson/', 'results': b + 'wyniki/',"
        " 'ballot': b + 'glosowanie/', 'ballot_ids': acc, 'home': '/',"
        " 'api': f'/api/v1/proposals/?consultation={c.pk}', 'baseline': '/bench/baseline/'}))"
    )
    return json.loads(
        subprocess.run(  # noqa: S603
            [PYTHON, "-c", code], env=env, check=True, capture_output=True, text=True, cwd=ROOT
        ).stdout
    )


class Server:
    def __init__(self, env, port: int):
        self.env, self.port = env, port
        self.url = f"http://127.0.0.1:{port}"

    def __enter__(self):
        self.process = subprocess.Popen(  # noqa: S603
            [
                str(BIN / "gunicorn"),
                "config.wsgi",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
            ],
            env=self.env,
            cwd=ROOT,
        )
        for _ in range(120):
            try:
                if requests.get(self.url + "/bench/baseline/", timeout=2).ok:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise RuntimeError("gunicorn did not answer")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)


def probe(server: Server, target: str, urls: dict) -> str | None:
    """Why a target is skipped (its URL answers 404: not built on this branch), or None."""
    key = "detail" if target.startswith("detail") else target.removesuffix("_signed_in")
    path = urls[key].format(pk=urls["detail_ids"][0]) if key == "detail" else urls[key]
    status = requests.get(server.url + path, timeout=30, allow_redirects=False).status_code
    if status == 404:
        return f"{path} answers 404 (not on this branch)"
    return None


def locust(server: Server, target: str, urls: dict, env, seconds: int, users: int, offset: int):
    workdir = Path(tempfile.mkdtemp(prefix="mam-locust-"))
    run_env = env | {
        "BENCH_TARGET": target,
        "BENCH_PATHS": json.dumps(urls),
        "BENCH_USER_OFFSET": str(offset),
    }
    subprocess.run(  # noqa: S603
        [
            str(BIN / "locust"),
            "-f",
            str(ROOT / "bench/load/locustfile.py"),
            "--headless",
            "-u",
            str(users),
            "-r",
            str(users),
            "-t",
            f"{seconds}s",
            "--host",
            server.url,
            "--csv",
            str(workdir / "run"),
            "--csv-full-history",
            "--only-summary",
            "--loglevel",
            "ERROR",
        ],
        env=run_env,
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    with open(workdir / "run_stats.csv", newline="") as handle:
        rows = {row["Name"]: row for row in csv.DictReader(handle)}
    rps = _steady_rps(workdir / "run_stats_history.csv", target)
    shutil.rmtree(workdir, ignore_errors=True)
    row = rows.get(target)
    if row is None:
        return None
    setup_failures = sum(int(r["Failure Count"]) for n, r in rows.items() if "(setup)" in n)
    return {
        "rps": rps if rps is not None else float(row["Requests/s"]),
        "requests": int(row["Request Count"]),
        "errors": int(row["Failure Count"]) + setup_failures,
        "p50": float(row["50%"]),
        "p95": float(row["95%"]),
        "p99": float(row["99%"]),
    }


def _steady_rps(history: Path, target: str) -> float | None:
    """Requests per second from the target's first request on: signing in (setup) is left out."""
    try:
        with open(history, newline="") as handle:
            points = [
                (int(row["Timestamp"]), int(row["Total Request Count"]))
                for row in csv.DictReader(handle)
                if row["Name"] == target and int(row["Total Request Count"]) > 0
            ]
    except (OSError, KeyError, ValueError):
        return None
    if len(points) < 3 or points[-1][0] <= points[0][0]:
        return None
    (start, first), (end, last) = points[0], points[-1]
    return (last - first) / (end - start)


ASSET = re.compile(
    r'<(?:link[^>]+rel="(?:stylesheet|icon|preload)"[^>]*href|script[^>]+src|img[^>]+src)="([^"]+)"'
)


def weigh(server: Server, path: str) -> dict:
    """Bytes a first visit transfers (compressed as served; HTML gzipped as a proxy would)."""
    headers = {"Accept-Encoding": "br, gzip"}
    page = requests.get(server.url + path, headers=headers, timeout=30)
    html = page.content
    encoded = page.headers.get("Content-Encoding")
    html_bytes = len(gzip.compress(html)) if not encoded else int(page.headers["Content-Length"])
    total, count, assets = html_bytes, 1, []
    for url in dict.fromkeys(ASSET.findall(html.decode())):
        if url.startswith(("http://", "https://", "//", "data:")):
            continue
        response = requests.get(server.url + url, headers=headers, timeout=30, stream=True)
        size = len(response.raw.read(decode_content=False))
        total += size
        count += 1
        assets.append((url, size, response.headers.get("Content-Encoding", "identity")))
    return {
        "html_gzip": html_bytes,
        "html_raw": len(html),
        "total": total,
        "requests": count,
        "assets": assets,
    }


def machine() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = Path("/proc/meminfo").read_text().split()[1]
    pg = subprocess.run(  # noqa: S603
        [str(Path(_pg_bin()) / "postgres"), "--version"], capture_output=True, text=True
    ).stdout.strip()
    return (
        f"{os.cpu_count()} CPU ({cpu}), {int(mem) // 1024} MB RAM, {platform.platform()}, "
        f"Python {platform.python_version()}, {pg}; shared with other jobs (noisy)"
    )


def _pg_bin() -> str:
    from tests.pgcluster import find_bin_dir

    return str(find_bin_dir())


def _attempt(step):
    """Run one measurement; a failure is recorded and the run goes on."""
    try:
        return step()
    except Exception as error:  # noqa: BLE001 (any failure is a result to write down)
        log(f"failed: {error!r}")
        return {"error": repr(error)[:300]}


def run_tier(tier, env, args, port, report):
    sizes = tier_sizes(tier)
    log(f"tier {tier}: generating {sizes}")
    gen_args = [f"--{k}={v}" for k, v in sizes.items()]
    start = time.perf_counter()
    out = module(
        env, "bench.generate", *gen_args, f"--users={sizes['ballots'] + SPARE_USERS}", "--reset"
    )
    report["generate"][tier] = {"seconds": round(time.perf_counter() - start, 1), "log": out}
    urls = paths(env)
    log("counting queries")
    report["queries"][tier] = _attempt(lambda: json.loads(module(env, "bench.measure", "queries")))
    log("exports")
    report["exports"][tier] = {}
    _exports(env, report, tier, "proposals")
    with Server(env, port) as server:
        report["weight"][tier] = {
            name: _attempt(
                lambda key=key: weigh(server, urls[key].format(pk=urls["detail_ids"][0]))
            )
            for name, key in (
                ("home page", "home"),
                ("proposal list", "list"),
                ("proposal detail", "detail"),
            )
        }
        offset = sizes["ballots"]
        chosen = args.targets.split(",") if args.targets else [t for t, _label in TARGETS]
        before = [t for t in chosen if t not in AFTER_PUBLISHING]
        offset = _load(server, before, urls, env, args, tier, report, offset)
    log("closing the vote and publishing the result")
    report.setdefault("publish", {})[tier] = _attempt(
        lambda: json.loads(module(env, "bench.measure", "publish").strip().splitlines()[-1])
    )
    _exports(env, report, tier, "ballots")
    # A new server: the workers' cached pages and phases start from the published state.
    with Server(env, port) as server:
        after = [t for t in chosen if t in AFTER_PUBLISHING]
        _load(server, after, urls, env, args, tier, report, offset)


def _exports(env, report, tier, kind):
    log(f"exports: {kind}")
    for how in ("copy", "csv"):
        report["exports"][tier][f"{kind} {how}"] = _attempt(
            lambda how=how: json.loads(module(env, "bench.measure", "export", kind, how))
        )


def _load(server, targets, urls, env, args, tier, report, offset):
    for target in targets:
        if args.main_only_for_10000 and tier == 10000 and target not in MAIN_TARGETS:
            continue
        skipped = probe(server, target, urls)
        if skipped:
            report["load"][tier][target] = {"skipped": skipped}
            log(f"{target}: skipped, {skipped}")
            continue
        # Warm each worker's cache and connections before measuring.
        _attempt(
            lambda target=target, offset=offset: locust(
                server, target, urls, env, 3, args.users, offset
            )
        )
        offset += args.users
        # Signing in (and opening the ballot) happens first: the run lasts longer so that
        # `args.seconds` of steady requests remain; req/s counts from the first request.
        seconds = args.seconds + (SETUP_SECONDS if target in SIGNED_IN else 0)
        figures = _attempt(
            lambda target=target, offset=offset, seconds=seconds: locust(
                server, target, urls, env, seconds, args.users, offset
            )
        )
        offset += args.users
        report["load"][tier][target] = figures or {"skipped": "no requests recorded"}
        log(f"{target}: {figures}")
    return offset


def _fmt_load(report, tiers) -> list[str]:
    lines = []
    for tier in tiers:
        load = report["load"][tier]
        base = load.get("baseline", {}).get("rps") or 0
        lines += [
            f"### {tier:,} proposals".replace(",", " "),
            "",
            "| endpoint | req/s | ratio to baseline | p50 ms | p95 ms | p99 ms | p99/p50 "
            "| errors |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for target, label in TARGETS:
            row = load.get(target)
            if row is None:
                continue
            if "error" in row:
                lines.append(f"| {label} | failed: {row['error'][:80]} |||||||")
                continue
            if "skipped" in row:
                lines.append(f"| {label} | skipped: {row['skipped']} |||||||")
                continue
            ratio = row["rps"] / base if base else 0
            spread = row["p99"] / row["p50"] if row["p50"] else 0
            lines.append(
                f"| {label} | {row['rps']:.1f} | {ratio:.1%} | {row['p50']:.0f} | "
                f"{row['p95']:.0f} | {row['p99']:.0f} | {spread:.1f}× | {row['errors']} |"
            )
        lines.append("")
    return lines


NOTES_MARK = "<!-- Notes below are written by hand and kept by bench.run. -->"


def _kept_notes() -> str:
    """The hand-written reading of the figures (after NOTES_MARK) survives a new run."""
    old = RESULTS.read_text() if RESULTS.exists() else ""
    notes = old.split(NOTES_MARK, 1)[1] if NOTES_MARK in old else "\n"
    return "\n" + NOTES_MARK + notes


def write_results(report, args, tiers):
    lines = [
        "# Benchmark results",
        "",
        f"Run on {report['date']} UTC. Machine: {report['machine']}.",
        "",
        "Reproduce: `PYTHONPATH=.:site python -m bench.run "
        f"--tiers {','.join(map(str, tiers))} --seconds {args.seconds} --users {args.users}"
        + (" --main-only-for-10000" if args.main_only_for_10000 else "")
        + "` (see bench/README.md).",
        "",
        f"Load: locust headless, {args.users} simulated users without pauses, {args.seconds} s "
        "per endpoint after a 3 s warm-up, against gunicorn with 2 sync workers, DEBUG off, "
        "production settings over plain HTTP (bench/settings.py), "
        f"{report.get('cache', 'the database table')} as the cache shared by both workers "
        "(sessions read from it), PostgreSQL in a throwaway cluster on the same machine.",
        "",
        "## Throughput and latency",
        "",
        *_fmt_load(report, tiers),
    ]
    if len(tiers) > 1:
        lines += ["### Growth from the smaller to the larger tier (req/s ratio to baseline)", ""]
        lines += ["| endpoint | small | large | cost growth |", "|---|---:|---:|---:|"]
        small, large = report["load"][tiers[0]], report["load"][tiers[-1]]
        for target, label in TARGETS:
            a, b = small.get(target, {}), large.get(target, {})
            bases = small.get("baseline", {}), large.get("baseline", {})
            if (
                "rps" in a
                and "rps" in b
                and target != "baseline"
                and all("rps" in x for x in bases)
            ):
                ra = a["rps"] / small["baseline"]["rps"]
                rb = b["rps"] / large["baseline"]["rps"]
                lines.append(f"| {label} | {ra:.1%} | {rb:.1%} | {ra / rb:.2f}× |")
        lines.append("")
    lines += [
        "## Queries per page",
        "",
        "| page | " + " | ".join(map(str, tiers)) + " |",
        "|---|" + "---:|" * len(tiers),
    ]
    for name in report["queries"].get(tiers[0], {}):
        cells = [str(report["queries"][t].get(name, {}).get("queries", "")) for t in tiers]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "## Exports",
        "",
        "| tier | export | seconds | rows | MB | Python peak MB | process peak RSS MB |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for tier in tiers:
        for name, row in report["exports"].get(tier, {}).items():
            if "error" in row:
                lines.append(f"| {tier} | {name} | failed: {row['error'][:80]} ||||||")
                continue
            lines.append(
                f"| {tier} | {name} | {row['seconds']} | {row['rows']} | "
                f"{row['bytes'] / 2**20:.1f} | {row['python_peak_mb']} | "
                f"{row['process_peak_rss_mb']} |"
            )
    lines += [
        "",
        "## Page weight (first visit)",
        "",
        "| tier | page | HTML bytes (gzip) | total bytes | requests |",
        "|---|---|---:|---:|---:|",
    ]
    for tier in tiers:
        for name, row in report["weight"].get(tier, {}).items():
            if "error" in row:
                lines.append(f"| {tier} | {name} | failed: {row['error'][:80]} |||")
                continue
            lines.append(
                f"| {tier} | {name} | {row['html_gzip']:,} | {row['total']:,} | "
                f"{row['requests']} |".replace(",", " ")
            )
    lines += ["", "## Data generation", ""]
    for tier in tiers:
        lines.append(f"- {tier}: {report['generate'].get(tier, {}).get('seconds')} s")
    lines += ["", "## Publishing the result (counting every ballot)", ""]
    for tier in tiers:
        published = report.get("publish", {}).get(tier)
        if isinstance(published, dict) and "seconds" in published:
            ballots = f"{published.get('ballots', 0):,}".replace(",", " ")
            published = f"{published['seconds']} s for {ballots} ballots (`publish_results`)"
        lines.append(f"- {tier}: {published}")
    lines.append("")
    RESULTS.write_text("\n".join(lines) + "\n" + _kept_notes())
    (ROOT / "bench" / "results.json").write_text(json.dumps(report, indent=1, default=str))


@contextlib.contextmanager
def throwaway_redis(port: int):
    """A redis-server in a temporary directory, as production's shared cache; None without
    one (`apt-get install redis-server`): the run then uses the database cache table."""
    binary = shutil.which("redis-server")
    if binary is None:
        log("redis-server not found (apt-get install redis-server): database cache instead")
        yield None
        return
    directory = tempfile.mkdtemp(prefix="mam-bench-redis-")
    command = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
    command += ["--appendonly", "no", "--dir", directory]
    process = subprocess.Popen(  # noqa: S603
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("redis-server did not start") from None
                time.sleep(0.2)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(directory, ignore_errors=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run")
    parser.add_argument("--tiers", default="1000,10000")
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--users", type=int, default=10)
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
