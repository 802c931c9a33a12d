"""The whole benchmark: `python -m bench.run [--tiers 1000,10000] [--seconds 20]`.

Starts a throwaway PostgreSQL cluster (tests/pgcluster.py), migrates, and for each tier
generates data, counts queries, runs gunicorn (2 workers, DEBUG off, production settings over
plain HTTP: bench/settings.py) under wrk per endpoint (bench/wrk.py), times the exports
against COPY, profiles one request per main page, weighs the pages, and writes
bench/RESULTS.md. Ratios to the baseline view measured in one
run are the figures to compare; absolute numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import contextlib
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

from bench import wrk
from bench.generate import BENCH_PASSWORD as PASSWORD
from bench.generate import EMAIL_DOMAIN

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


CONTENT_PAGES = [
    ("home", "home page"),
    ("centre", "centre page"),
    ("news", "centre's news"),
    ("news_item", "a news item"),
    ("activities", "activities list"),
    ("activity", "an activity"),
    ("rooms", "rooms list"),
    ("room_week", "a room's week"),
    ("initiatives", "initiatives list"),
    ("initiative", "an initiative"),
    ("implementation", "implementation records (realizacja)"),
]
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
    ("api_detail", "API proposal detail (50 most supported)"),
    ("ballot", "casting a ballot (POST)"),
    # Content pages (issue #17: anonymous ≥ 50 %, signed in ≥ 8 %), and the later apps' pages.
    *[
        (name + suffix, label + who)
        for name, label in CONTENT_PAGES
        for suffix, who in (("", ", anonymous"), ("_signed_in", ", signed-in resident"))
    ],
    ("baseline_last", "minimal Django view, again after the pages (drift check)"),
]
MAIN_TARGETS = {
    "baseline",
    "list",
    "detail",
    "list_signed_in",
    "detail_signed_in",
    "results",
    "baseline_last",
}
SIGNED_IN = {
    "list_signed_in",
    "detail_signed_in",
    "ballot",
    *(name + "_signed_in" for name, _label in CONTENT_PAGES),
}
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
        "from bench.generate import CONSULTATION_SLUG as S, content_urls;"
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
        " 'api': f'/api/v1/proposals/?consultation={c.pk}',"
        " 'api_detail': '/api/v1/proposals/{pk}/', 'baseline': '/bench/baseline/',"
        " 'implementation': b + 'realizacja/', **content_urls()}))"
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
    key = target.removesuffix("_signed_in").removesuffix("_last")
    if key not in urls:
        return f"no {key} page in the generated data"
    with_id = key in ("detail", "api_detail")
    path = urls[key].format(pk=urls["detail_ids"][0]) if with_id else urls[key]
    status = requests.get(server.url + path, timeout=30, allow_redirects=False).status_code
    if status == 404:
        return f"{path} answers 404 (not on this branch)"
    return None


def _accounts(offset: int, count: int) -> list[str]:
    return [f"resident{n}@{EMAIL_DOMAIN}" for n in range(offset, offset + count)]


def load_for(server: Server, target: str, urls: dict, connections: int, offset: int):
    """What wrk asks for on `target`: its paths, and signed-in sessions where it needs them."""
    key = target.removesuffix("_signed_in").removesuffix("_last")
    if key in ("detail", "api_detail"):
        paths_ = [urls[key].format(pk=pk) for pk in urls["detail_ids"]]
    else:
        paths_ = [urls["ballot" if key == "ballot" else key]]
    sessions = []
    if target in SIGNED_IN:
        form = urls["ballot"] if target == "ballot" else ""
        sessions = [
            wrk.sign_in(server.url, email, PASSWORD, form_path=form)
            for email in _accounts(offset, connections)
        ]
    if target == "ballot":
        return wrk.Load(
            paths=paths_,
            sessions=sessions,
            method="POST",
            bodies=wrk.ballot_bodies(urls["ballot_ids"]),
        )
    return wrk.Load(paths=paths_, sessions=sessions)


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
    log("profiling one request per main page")
    report.setdefault("profile", {})[tier] = _attempt(
        lambda: json.loads(module(env, "bench.measure", "profile"))
    )
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
        log("counting each target's queries")
        report.setdefault("target_queries", {})[tier] = _attempt(
            lambda: json.loads(
                module(env, "bench.measure", "target-queries", json.dumps(urls), ",".join(chosen))
            )
        )
        before = [t for t in chosen if t not in AFTER_PUBLISHING and t != "baseline_last"]
        if "baseline" in before:
            before.append("baseline_last")  # the yardstick first and last: how far it drifted
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
        load = _attempt(
            lambda target=target, offset=offset: load_for(
                server, target, urls, args.connections, offset
            )
        )
        offset += args.connections
        if isinstance(load, dict):  # signing in failed
            report["load"][tier][target] = load
            continue
        # Warm each worker's caches and connections before measuring.
        _attempt(lambda load=load: _wrk(server, load, args, seconds=3))
        load_average = os.getloadavg()[0]
        figures = _attempt(lambda load=load: _wrk(server, load, args, seconds=args.seconds))
        if "rps" in figures:
            figures["load_average_before"] = round(load_average, 2)
        report["load"][tier][target] = figures
        log(f"{target}: {figures}")
    return offset


def _wrk(server, load, args, *, seconds: int) -> dict:
    return wrk.run(
        server.url, load, seconds=seconds, threads=args.threads, connections=args.connections
    )


def _fmt_load(report, tiers) -> list[str]:
    lines = []
    for tier in tiers:
        load = report["load"][tier]
        baseline = load.get("baseline") if "rps" in load.get("baseline", {}) else None
        base = baseline["rps"] if baseline else 0
        lines += [f"### {tier:,} proposals".replace(",", " "), ""]
        last = load.get("baseline_last", {})
        if baseline and "rps" in last:
            drift = last["rps"] / base - 1
            lines += [
                f"The minimal view ran at {base:.0f} req/s first and {last['rps']:.0f} req/s "
                f"last ({drift:+.0%}).",
                "",
            ]
        invalid = wrk.validity(baseline, baseline or {}) if baseline else ""
        if invalid:
            lines += [f"**These figures are invalid as ratios: {invalid}.**", ""]
        last_base = last.get("rps", 0) if baseline else 0
        counts = report.get("target_queries", {}).get(tier, {})
        counts = counts if isinstance(counts, dict) and "error" not in counts else {}
        lines += [
            "| endpoint | req/s | ratio to minimal view (first / last) | p50 ms | p95 ms "
            "| p99 ms | p99/p50 | queries | errors | load avg before | wrk CPU |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for target, label in TARGETS:
            row = load.get(target)
            if row is None:
                continue
            if "error" in row:
                lines.append(f"| {label} | failed: {row['error'][:80]} ||||||||||")
                continue
            if "skipped" in row:
                lines.append(f"| {label} | skipped: {row['skipped']} ||||||||||")
                continue
            reason = wrk.validity(baseline, row) if not invalid else ""
            if invalid:
                ratio = "invalid (above)"
            elif reason:
                ratio = f"invalid ({reason})"
            else:
                ratio = f"{row['rps'] / base:.1%}" if base else ""
                if ratio and last_base:
                    ratio += f" / {row['rps'] / last_base:.1%}"
            spread = row["p99"] / row["p50"] if row["p50"] else 0
            lines.append(
                f"| {label} | {row['rps']:.1f} | {ratio} | {row['p50']:.1f} | "
                f"{row['p95']:.1f} | {row['p99']:.1f} | {spread:.1f}× | "
                f"{counts.get(target, '–')} | {row['errors']} | "
                f"{row.get('load_average_before', '')} | {row.get('generator_cpu', 0):.0%} |"
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
        f"--tiers {','.join(map(str, tiers))} --seconds {args.seconds} "
        f"--connections {args.connections} --threads {args.threads}"
        + (" --main-only-for-10000" if args.main_only_for_10000 else "")
        + "` (see bench/README.md).",
        "",
        f"Load: wrk, {args.threads} threads, {args.connections} connections (signed-in runs: "
        f"one account per connection), {args.seconds} s per endpoint after a 3 s warm-up, "
        "against gunicorn with 2 sync workers, DEBUG off, "
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
    lines += ["", "## Where the time goes (cProfile, one request after a warm-up)", ""]
    for tier in tiers:
        for label, row in (report.get("profile", {}).get(tier) or {}).items():
            if not isinstance(row, dict) or "top" not in row:
                lines.append(f"- {tier}, {label}: {row}")
                continue
            lines += [
                f"### {tier}: {label} (`{row['url']}`, {row['status']}, "
                f"{row.get('milliseconds', '?')} ms under the profiler)",
                "",
                "```",
            ]
            lines += [*row["top"], "```", ""]
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
