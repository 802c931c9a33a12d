"""The loss test's verdict (ops/check.py): what each resident was told against what the database
holds, and the table printed at the end."""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor

from ops.residents import Resident
from ops.scenario import Scenario


def signed_in_after(residents: list[Resident]) -> int:
    """How many residents who signed in find themselves signed out at the end."""
    signed_in = [resident for resident in residents if resident.token]
    with ThreadPoolExecutor(max_workers=16) as pool:
        return sum(1 for still in pool.map(Resident.load_ballot, signed_in) if not still)


def judge(residents: list[Resident], verified: dict) -> dict:
    """Compare what each resident was told with what the database holds."""
    counts = {"lost": 0, "doubled": 0, "never_acknowledged": 0, "covered_by_retry": 0}
    problems = []
    for resident in residents:
        row = verified["residents"].get(resident.email, {"participations": 0, "ballots": []})
        ballots = row["ballots"]
        if len(ballots) > 1 or row["participations"] > 1:
            counts["doubled"] += 1
            problems.append(f"{resident.email}: {len(ballots)} ballots")
        stored = ballots[0] if ballots else None
        if resident.acked is None:
            if stored is not None:
                counts["never_acknowledged"] += 1
                problems.append(f"{resident.email}: a ballot nobody was told about")
            continue
        if stored != resident.acked:
            if stored is not None and stored == resident.unacked:
                counts["never_acknowledged"] += 1
                problems.append(f"{resident.email}: holds an unacknowledged ballot")
            else:
                counts["lost"] += 1
                problems.append(f"{resident.email}: has {stored}, was told {resident.acked}")
    counts["ballots_of_nobody"] = verified["ballots_of_nobody"]
    counts["problems"] = problems
    return counts


def in_windows(moment: float, windows: list[tuple[float, float]]) -> bool:
    return any(start <= moment <= end for start, end in windows)


def _by_status(errors: list, outside: list) -> str:
    inside = [status for error in errors if error not in outside for status in [error[1]]]
    counts = ", ".join(f"{s}: {inside.count(s)}" for s in sorted(set(inside)))
    return f"{len(inside)} ({counts})" if inside else "0"


def _export_row(scenario: Scenario, export: dict) -> tuple:
    """The report's row for the export run during the scenario: (name, value, ok)."""
    successful = sum(1 for t in export["tasks"] if t["status"] == "SUCCESSFUL")
    export_ok = (
        "error" not in scenario.export
        and export["state"] == "ready"
        and export["rows_done"] == export["rows_total"]
        and len(export["files"]) == 1
        and successful == 1
    )
    return (
        "export: state, rows, files, successful runs / runs",
        f"{export['state']}, {export['rows_done']}/{export['rows_total']}, "
        f"{len(export['files'])}, "
        f"{successful}/"
        f"{sum(t['workers'] for t in export['tasks'])}"
        + (f" ({scenario.export['error']})" if "error" in scenario.export else ""),
        export_ok,
    )


def _report_lines(scenario: Scenario, rows, verdict, errors_outside) -> list[str]:
    """The events, the table of measures and the first problems found, as text lines."""
    outcome = scenario.outcome
    width = max(len(name) for name, _value, _ok in rows)
    lines = ["", "Events:"]
    lines += [f"  t={moment:5.1f}s  {what}" for moment, what in scenario.events]
    lines += ["", f"{'measure':<{width}}  {'value':<28}  ok", f"{'-' * width}  {'-' * 28}  --"]
    for name, value, ok in rows:
        lines.append(f"{name:<{width}}  {value!s:<28}  {'yes' if ok else 'NO'}")
    seconds = sorted({int(moment) for moment, _status, _what in outcome.server_errors})
    if seconds:
        per_second = ", ".join(
            f"t={second}s: {sum(1 for e in outcome.server_errors if int(e[0]) == second)}"
            for second in seconds
        )
        lines.append(f"  5xx per second: {per_second}")
    for moment, status, what in errors_outside[:10]:
        lines.append(f"  5xx outside the windows: t={moment:.1f}s {status} {what}")
    for problem in verdict["problems"][:10]:
        lines.append(f"  {problem}")
    for moment, status, email in outcome.rejected[:10]:
        lines.append(f"  refused: t={moment:.1f}s {status} {email}")
    return lines


def report(scenario: Scenario, residents, verdict, verified, photo, signed_out_end) -> bool:
    outcome = scenario.outcome
    errors_outside = [e for e in outcome.server_errors if not in_windows(e[0], scenario.windows)]
    dropped_outside = [e for e in outcome.dropped if not in_windows(e[0], scenario.windows)]
    voted = sum(1 for r in residents if r.acked is not None)
    signed_in = sum(1 for r in residents if r.token)
    rows = [
        ("residents (signed in / voted)", f"{signed_in} / {voted}", signed_in == len(residents)),
        ("requests through nginx", outcome.requests, True),
        ("ballots acknowledged (302 back to the ballot)", outcome.acknowledged, True),
        ("POSTs sent again after a failure", outcome.retries, True),
        ("5xx inside the kill windows", _by_status(outcome.server_errors, errors_outside), True),
        ("5xx outside the kill windows", len(errors_outside), not errors_outside),
        ("connections dropped outside the kill windows", len(dropped_outside), not dropped_outside),
        ("ballots refused (400/403/429)", len(outcome.rejected), not outcome.rejected),
        ("lost ballots (acknowledged, not stored as told)", verdict["lost"], not verdict["lost"]),
        ("doubled ballots or participations", verdict["doubled"], not verdict["doubled"]),
        (
            "stored ballots never acknowledged",
            verdict["never_acknowledged"],
            not verdict["never_acknowledged"],
        ),
        (
            "ballots of nobody among the residents",
            verdict["ballots_of_nobody"],
            not verdict["ballots_of_nobody"],
        ),
        (
            "signed out (during the run / at the end)",
            f"{outcome.signed_out} / {signed_out_end}",
            not outcome.signed_out and not signed_out_end,
        ),
        _export_row(scenario, verified["export"]),
        ("photo stored via app server 1, served via app server 2", photo[1], photo[0]),
    ]
    lines = _report_lines(scenario, rows, verdict, errors_outside)
    passed = all(ok for _name, _value, ok in rows)
    lines.append("")
    lines.append("PASSED: nothing lost or doubled" if passed else "FAILED")
    sys.stdout.write("\n".join(lines) + "\n")
    return passed
