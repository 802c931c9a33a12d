"""bench/RESULTS.md and bench/results.json from a run's figures (the notes written by hand
below NOTES_MARK are kept)."""

from __future__ import annotations

import json
import os
import platform
import subprocess
from pathlib import Path

from bench import wrk
from bench.processes import ROOT
from bench.targets import TARGETS

RESULTS = ROOT / "bench" / "RESULTS.md"
NOTES_MARK = "<!-- Notes below are written by hand and kept by bench.run. -->"


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
            if row is not None:
                query_count = counts.get(target, "–")
                lines.append(_load_row(label, row, baseline, invalid, last_base, query_count))
        lines.append("")
    return lines


def _load_row(label, row, baseline, invalid, last_base, query_count) -> str:
    """One endpoint's line of the throughput table."""
    if "error" in row:
        return f"| {label} | failed: {row['error'][:80]} ||||||||||"
    if "skipped" in row:
        return f"| {label} | skipped: {row['skipped']} ||||||||||"
    base = baseline["rps"] if baseline else 0
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
    return (
        f"| {label} | {row['rps']:.1f} | {ratio} | {row['p50']:.1f} | "
        f"{row['p95']:.1f} | {row['p99']:.1f} | {spread:.1f}× | "
        f"{query_count} | {row['errors']} | "
        f"{row.get('load_average_before', '')} | {row.get('generator_cpu', 0):.0%} |"
    )


def _kept_notes() -> str:
    """The hand-written reading of the figures (after NOTES_MARK) survives a new run."""
    old = RESULTS.read_text() if RESULTS.exists() else ""
    notes = old.split(NOTES_MARK, 1)[1] if NOTES_MARK in old else "\n"
    return "\n" + NOTES_MARK + notes


def _heading(report, args, tiers) -> list[str]:
    return [
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
    ]


def _growth(report, tiers) -> list[str]:
    if len(tiers) < 2:
        return []
    lines = ["### Growth from the smaller to the larger tier (req/s ratio to baseline)", ""]
    lines += ["| endpoint | small | large | cost growth |", "|---|---:|---:|---:|"]
    small, large = report["load"][tiers[0]], report["load"][tiers[-1]]
    for target, label in TARGETS:
        a, b = small.get(target, {}), large.get(target, {})
        bases = small.get("baseline", {}), large.get("baseline", {})
        if "rps" in a and "rps" in b and target != "baseline" and all("rps" in x for x in bases):
            ra = a["rps"] / small["baseline"]["rps"]
            rb = b["rps"] / large["baseline"]["rps"]
            lines.append(f"| {label} | {ra:.1%} | {rb:.1%} | {ra / rb:.2f}× |")
    lines.append("")
    return lines


def _queries(report, tiers) -> list[str]:
    lines = [
        "## Queries per page",
        "",
        "| page | " + " | ".join(map(str, tiers)) + " |",
        "|---|" + "---:|" * len(tiers),
    ]
    for name in report["queries"].get(tiers[0], {}):
        # A tier whose data could not be generated has no counts: its cells stay empty.
        cells = [str(report["queries"].get(t, {}).get(name, {}).get("queries", "")) for t in tiers]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines


def _exports(report, tiers) -> list[str]:
    lines = [
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
    return lines


def _weights(report, tiers) -> list[str]:
    lines = [
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
    return lines


def _profiles(report, tiers) -> list[str]:
    lines = ["", "## Where the time goes (cProfile, one request after a warm-up)", ""]
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
    return lines


def _generation_and_publishing(report, tiers) -> list[str]:
    lines = ["", "## Data generation", ""]
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
    return lines


def write_results(report, args, tiers):
    lines = [
        *_heading(report, args, tiers),
        "## Throughput and latency",
        "",
        *_fmt_load(report, tiers),
        *_growth(report, tiers),
        *_queries(report, tiers),
        *_exports(report, tiers),
        *_weights(report, tiers),
        *_profiles(report, tiers),
        *_generation_and_publishing(report, tiers),
    ]
    RESULTS.write_text("\n".join(lines) + "\n" + _kept_notes())
    (ROOT / "bench" / "results.json").write_text(json.dumps(report, indent=1, default=str))
