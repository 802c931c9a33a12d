"""The loss test: `python -m ops.check [--seconds 60] [--residents 200]` (`make cluster-check`).

Starts the cluster (ops/cluster.py) and, through nginx, has simulated residents sign in and
cast and change their civic-budget ballots (the ballot form, as a browser posts it) while app
server 1 is killed with SIGKILL and restarted, the worker is killed in the middle of a large
export and restarted, and Redis is restarted. A resident whose POST fails (5xx, a dropped
connection) sends it again, as a person pressing the button again would: casting replaces
that person's ballot, so a resubmission is safe. Casting answers with a redirect back to the
ballot (Post/Redirect/Get): that 302 is the acknowledgement. Then it checks that nothing was
lost or doubled, prints a table and exits 1 on any loss. The logs of every process are kept
in var/cluster-check/.
"""

from __future__ import annotations

import argparse
import dataclasses
import html
import io
import json
import random
import re
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import psycopg
import requests

from ops.cluster import PYTHON, ROOT, Cluster, ClusterError, log

PASSWORD = "bench-password-2026"  # noqa: S105 (throwaway accounts of bench/generate.py)
DEMO_PASSWORD = "mam-demo-konto-2026"  # noqa: S105 (the demo's published password, README)
EMAIL = "resident{}@bench.example.org"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PHOTOS_TOKEN = re.compile(r'name="photos_token" value="([^"]+)"')
PHOTO_SRC = re.compile(r'src="([^"]*proposals/tmp/[^"]+)"')
SIGNED_IN_MARK = 'action="/accounts/logout/"'
# After the load ends, a resident may keep resubmitting an unacknowledged ballot this long.
GRACE_SECONDS = 30


def _csrf(text: str) -> str:
    found = CSRF.search(text)
    return found.group(1) if found else ""


@dataclasses.dataclass
class Outcome:
    """What happened to the residents' requests (shared; guarded by `lock`)."""

    start: float
    lock: threading.Lock = dataclasses.field(default_factory=threading.Lock)
    requests: int = 0
    server_errors: list[tuple[float, int, str]] = dataclasses.field(default_factory=list)
    dropped: list[tuple[float, str]] = dataclasses.field(default_factory=list)
    rejected: list[tuple[float, int, str]] = dataclasses.field(default_factory=list)
    signed_out: int = 0
    acknowledged: int = 0
    retries: int = 0

    def now(self) -> float:
        return time.monotonic() - self.start


class Resident(threading.Thread):
    """One person: signs in, then casts and changes a ballot until told to stop."""

    def __init__(self, number: int, *, base: str, info: dict, outcome: Outcome, stop, delay):
        super().__init__(daemon=True, name=f"resident-{number}")
        self.email = EMAIL.format(number)
        self.base, self.info, self.outcome = base, info, outcome
        self.stop_event, self.delay = stop, delay
        self.random = random.Random(number)  # noqa: S311 (choices, not secrets)
        self.session = requests.Session()
        self.acked: list[int] | None = None  # the choices of the last acknowledged ballot
        self.unacked: list[int] | None = None  # sent, never acknowledged (gave up)
        self.token = ""
        self.hard_deadline = float("inf")

    # Requests, as recorded -------------------------------------------------------------------

    def _send(self, method: str, path: str, **kwargs) -> requests.Response | None:
        try:
            response = self.session.request(
                method, self.base + path, timeout=90, allow_redirects=False, **kwargs
            )
        except requests.RequestException as error:
            with self.outcome.lock:
                self.outcome.requests += 1
                self.outcome.dropped.append((self.outcome.now(), type(error).__name__))
            return None
        with self.outcome.lock:
            self.outcome.requests += 1
            if response.status_code >= 500:
                label = f"{method} {path.split('?')[0]}"
                self.outcome.server_errors.append((self.outcome.now(), response.status_code, label))
        return response

    def _again(self) -> bool:
        """Wait a moment before pressing the button again; False past the hard deadline."""
        with self.outcome.lock:
            self.outcome.retries += 1
        time.sleep(0.5 + self.random.random())
        return time.monotonic() < self.hard_deadline

    # What a person does ----------------------------------------------------------------------

    def sign_in(self) -> bool:
        while True:
            page = self._send("GET", "/accounts/login/")
            if page is not None and page.status_code == 200:
                data = {"login": self.email, "password": PASSWORD}
                data["csrfmiddlewaretoken"] = _csrf(page.text)
                answer = self._send("POST", "/accounts/login/", data=data)
                if (
                    answer is not None
                    and answer.status_code == 302
                    and "/accounts/login/" not in answer.headers.get("Location", "")
                ):
                    return self.load_ballot()
            if not self._again():
                return False

    def load_ballot(self) -> bool:
        """Open the ballot (the CSRF token changes on signing in); whether signed in."""
        while True:
            page = self._send("GET", self.info["vote_path"])
            if page is not None and page.status_code == 200:
                self.token = _csrf(page.text)
                return SIGNED_IN_MARK in page.text
            if not self._again():
                return False

    def cast(self, choices: list[int]) -> None:
        """Send the ballot until it is acknowledged (or the hard deadline passes)."""
        data = {"proposals": [str(c) for c in choices]}
        while True:
            answer = self._send(
                "POST", self.info["vote_path"], data=data | {"csrfmiddlewaretoken": self.token}
            )
            if answer is not None and answer.status_code == 302:
                if "/accounts/login/" in answer.headers.get("Location", ""):
                    with self.outcome.lock:
                        self.outcome.signed_out += 1
                    self.sign_in()
                    continue
                self.acked, self.unacked = choices, None
                with self.outcome.lock:
                    self.outcome.acknowledged += 1
                return
            if answer is not None and answer.status_code < 500:
                # A refusal (400, 403, 429) is not a loss of the server's making, but it
                # means the test did not do what it claims: reported as a failure.
                with self.outcome.lock:
                    self.outcome.rejected.append(
                        (self.outcome.now(), answer.status_code, self.email)
                    )
                self.load_ballot()
                return
            self.unacked = choices
            if not self._again():
                return

    def run(self) -> None:
        time.sleep(self.delay)
        if not self.sign_in():
            return
        options, most = self.info["options"], self.info["max_choices"]
        while not self.stop_event.is_set():
            choices = sorted(self.random.sample(options, self.random.randint(1, most)))
            self.cast(choices)
            self.stop_event.wait(self.random.uniform(2.0, 6.0))


class Scenario:
    """The load with its kills, on one clock; events are kept for the table."""

    def __init__(self, cluster: Cluster, info: dict, args):
        self.cluster, self.info, self.args = cluster, info, args
        self.events: list[tuple[float, str]] = []
        self.windows: list[tuple[float, float]] = []  # seconds in which 5xx are expected
        self.export: dict = {}
        self.outcome = Outcome(start=time.monotonic())
        # Started now, so that Django is set up when the export is to be queued.
        self.exporter = subprocess.Popen(  # noqa: S603
            [PYTHON, "-m", "ops.state", "export"],
            env=cluster.env,
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def event(self, what: str) -> float:
        moment = self.outcome.now()
        self.events.append((moment, what))
        log(f"t={moment:5.1f}s {what}")
        return moment

    def run(self) -> list[Resident]:
        seconds, stop = self.args.seconds, threading.Event()
        self.outcome = Outcome(start=time.monotonic())
        residents = [
            Resident(
                number,
                base=self.cluster.url,
                info=self.info,
                outcome=self.outcome,
                stop=stop,
                delay=5.0 * number / self.args.residents,
            )
            for number in range(self.args.residents)
        ]
        self.event(f"{len(residents)} residents start signing in and voting")
        for resident in residents:
            resident.start()
        exporter = threading.Thread(target=self.export_with_worker_kill, daemon=True)
        exporter.start()
        app = threading.Thread(target=self.kill_and_restart_app1, daemon=True)
        app.start()
        self.sleep_until(seconds * 45 / 60)
        stopped = self.event("Redis: stopping (its cache is gone: no persistence)")
        self.cluster.restart_redis()
        self.windows.append((stopped - 0.5, self.event("Redis: ready again") + 2))
        self.sleep_until(seconds)
        app.join()
        self.event("residents stop (a ballot not yet acknowledged is still resent)")
        deadline = time.monotonic() + GRACE_SECONDS
        for resident in residents:
            resident.hard_deadline = deadline
        stop.set()
        for resident in residents:
            resident.join(timeout=GRACE_SECONDS + 100)
        self.event("all residents done")
        exporter.join(timeout=180)
        if self.exporter.poll() is None:
            self.exporter.kill()
        return residents

    def kill_and_restart_app1(self) -> None:
        self.sleep_until(self.args.seconds / 3)
        killed = self.event("app server 1: SIGKILL (master and workers)")
        self.cluster.kill("app1")
        self.sleep_until(self.args.seconds * 35 / 60)
        self.event("app server 1: starting again")
        self.cluster.start_app(1)
        self.windows.append((killed - 0.5, self.event("app server 1: ready") + 2))

    def sleep_until(self, moment: float) -> None:
        time.sleep(max(0.0, moment - self.outcome.now()))

    def export_with_worker_kill(self) -> None:
        """Queue a large export; kill the worker once it has written rows; start it again."""
        try:
            self._export_with_worker_kill()
        except Exception as error:  # noqa: BLE001 (reported in the table, fails the check)
            self.export["error"] = repr(error)

    def _export_with_worker_kill(self) -> None:
        time.sleep(1)
        stdout, _stderr = self.exporter.communicate("go\n", timeout=120)
        job = json.loads(stdout.strip().splitlines()[-1])
        self.export |= job
        self.event(f"export of {job['rows_total']} proposals (XLSX) queued for the worker")
        with psycopg.connect(self.cluster.database_url, autocommit=True) as connection:

            def job_state():
                return connection.execute(
                    "SELECT state, rows_done FROM consultations_exportjob WHERE id = %s",
                    [job["job"]],
                ).fetchone()

            deadline = time.monotonic() + 120
            while True:
                current, done = job_state()
                if current == "running" and done >= job["rows_total"] // 3:
                    break
                if current not in ("queued", "running") or time.monotonic() > deadline:
                    self.export["error"] = f"export {current} before the worker was killed"
                    return
                time.sleep(0.1)
            self.cluster.kill("worker")
            self.export["killed_at_rows"] = done
            self.event(f"worker: SIGKILL in the middle of the export ({done} rows written)")
            time.sleep(3)
            self.cluster.start_worker()
            self.event("worker: started again")
            deadline = time.monotonic() + 150
            while job_state()[0] in ("queued", "running") and time.monotonic() < deadline:
                time.sleep(0.5)
            self.event(f"export: {job_state()[0]}")


def state(cluster: Cluster, *args: str) -> dict:
    done = subprocess.run(  # noqa: S603
        [PYTHON, "-m", "ops.state", *args],
        env=cluster.env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def photo_check(cluster: Cluster, info: dict) -> tuple[bool, str]:
    """Upload a photo through app server 1; app server 2 must find it and it must open."""
    from PIL import Image

    app1, app2 = (f"http://127.0.0.1:{port}" for port in cluster.app_ports)
    path = info["proposal_create_path"]
    if not path:
        return False, "no consultation of the demo takes proposals from mieszkanka@ now"
    session = requests.Session()
    page = session.get(app1 + "/accounts/login/", timeout=30)
    data = {"login": "mieszkanka@mam.example.org", "password": DEMO_PASSWORD}
    session.post(
        app1 + "/accounts/login/", data=data | {"csrfmiddlewaretoken": _csrf(page.text)}, timeout=30
    )
    token = _csrf(session.get(app1 + path, timeout=30).text)
    picture = io.BytesIO()
    Image.new("RGB", (320, 240), (40, 120, 60)).save(picture, "JPEG")
    fields = {
        "title": "Ławka przy przystanku (test klastra)",
        "body": "Nowa ławka przy przystanku autobusowym, żeby starsi mieszkańcy mogli usiąść.",
        "place": "ul. Lwowska 12",
        "alt_1": "Miejsce na ławkę",
        "csrfmiddlewaretoken": token,
    }
    preview = session.post(
        app1 + path,
        data=fields | {"action": "check"},
        files={"photo_1": ("lawka.jpg", picture.getvalue(), "image/jpeg")},
        timeout=60,
    )
    photos_token = PHOTOS_TOKEN.search(preview.text)
    if preview.status_code != 200 or photos_token is None:
        return False, f"app server 1 answered {preview.status_code} without the photo"
    back = session.post(
        app2 + path,
        data=fields | {"action": "change", "photos_token": html.unescape(photos_token.group(1))},
        timeout=60,
    )
    found = PHOTO_SRC.search(back.text)
    if back.status_code != 200 or found is None:
        return False, f"app server 2 answered {back.status_code} without the photo"
    url = html.unescape(found.group(1))
    url = cluster.url + url if url.startswith("/") else url
    photo = requests.get(url, timeout=30)
    if photo.status_code != 200 or not photo.content.startswith(b"\xff\xd8"):
        return False, f"{url} answered {photo.status_code}"
    return True, "app server 2 shows the photo app server 1 stored; it opens"


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ops.check", description=__doc__)
    parser.add_argument("--seconds", type=int, default=60, help="how long residents vote")
    parser.add_argument("--residents", type=int, default=200)
    parser.add_argument(
        "--export-rows", type=int, default=8000, help="proposals in the large export"
    )
    args = parser.parse_args(argv)
    try:
        with Cluster(check=True, keep_logs=ROOT / "var" / "cluster-check") as cluster:
            log(f"{args.residents} residents and {args.export_rows} proposals (bench/generate.py)")
            subprocess.run(  # noqa: S603
                [PYTHON, "-m", "bench.generate", "--proposals", str(args.export_rows)]
                + ["--comments", "0", "--supports", "0", "--ballots", "0", "--on-ballot", "20"]
                + ["--users", str(args.residents)],
                env=cluster.env,
                cwd=ROOT,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            info = state(cluster, "prepare")
            scenario = Scenario(cluster, info, args)
            residents = scenario.run()
            signed_out_end = signed_in_after(residents)
            photo = photo_check(cluster, info)
            verified = state(cluster, "verify", str(scenario.export.get("job", 0)))
            passed = report(
                scenario, residents, judge(residents, verified), verified, photo, signed_out_end
            )
            if not passed:
                for name in ("app1", "app2", "worker", "nginx"):
                    sys.stdout.write(f"\n--- the end of {name}'s log\n{cluster.tail(name)}\n")
            return 0 if passed else 1
    except (ClusterError, subprocess.CalledProcessError) as error:
        log(f"failed: {error}")
        return 1


if __name__ == "__main__":
    sys.exit(main())
