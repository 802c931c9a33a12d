"""The loss test's scenario (ops/check.py): the residents' load, with app server 1, the worker
(in the middle of a large export) and Redis killed and restarted, on one clock."""

from __future__ import annotations

import json
import subprocess
import threading
import time

import psycopg

from ops.cluster import PYTHON, ROOT, Cluster, log
from ops.residents import GRACE_SECONDS, Outcome, Resident


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
