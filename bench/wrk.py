"""The load generator: wrk (Debian's package) with bench/load/mam.lua.

wrk is written in C and drives thousands of requests a second from one core, so on a 2-core
machine it measures the server, not itself (locust saturated near 300 req/s here). Each run
reports how busy wrk's own threads were: a generator near 100 % of its cores is the bottleneck
and its figures are marked invalid rather than turned into ratios.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import requests

SCRIPT = Path(__file__).resolve().parent / "load" / "mam.lua"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# The minimal view below this rate means the machine is too busy for the figures to mean much.
YARDSTICK_MIN_RPS = 1000.0
# wrk's threads busier than this (share of their cores) means the generator limits the run.
GENERATOR_SATURATED = 0.9


def wrk_binary() -> str:
    found = shutil.which("wrk")
    if found is None:
        raise RuntimeError("wrk is missing: `make bench` installs it (apt-get install wrk)")
    return found


@dataclass
class Session:
    cookie: str  # the Cookie header: session and CSRF cookies
    token: str  # a CSRF form token of that session


def sign_in(base_url: str, email: str, password: str, *, form_path: str = "") -> Session:
    """Sign in through allauth's form, as a resident's browser does; with `form_path`, open
    that page too and keep its form's CSRF token (for the ballot's POSTs)."""
    browser = requests.Session()
    login = browser.get(base_url + "/accounts/login/", timeout=60)
    answer = browser.post(
        base_url + "/accounts/login/",
        data={"login": email, "password": password, "csrfmiddlewaretoken": _token(login.text)},
        headers={"Referer": base_url + "/accounts/login/"},
        timeout=60,
        allow_redirects=False,
    )
    if answer.status_code != 302 or "sessionid" not in browser.cookies:
        raise RuntimeError(f"signing in {email} failed ({answer.status_code})")
    token = ""
    if form_path:
        token = _token(browser.get(base_url + form_path, timeout=60).text)
    cookie = "; ".join(f"{c.name}={c.value}" for c in browser.cookies)
    return Session(cookie=cookie, token=token)


def _token(html: str) -> str:
    found = CSRF.search(html)
    return found.group(1) if found else ""


@dataclass
class Load:
    paths: list[str]
    sessions: list[Session]
    method: str = "GET"
    bodies: list[str] | None = None


def ballot_bodies(option_ids: list[int], *, count: int = 200, seed: int = 7) -> list[str]:
    """Form bodies choosing three options each, different per request."""
    chooser = random.Random(seed)
    picks = min(3, len(option_ids))
    return [
        urlencode([("proposals", pk) for pk in chooser.sample(option_ids, k=picks)])
        for _ in range(count)
    ]


def run(base_url: str, load: Load, *, seconds: int, threads: int, connections: int) -> dict:
    """One wrk run; figures in req/s and milliseconds, with the generator's own CPU share."""
    workdir = Path(tempfile.mkdtemp(prefix="mam-wrk-"))
    try:
        files = {
            "BENCH_PATHS": ("paths", load.paths),
            "BENCH_SESSIONS": ("sessions", [f"{s.cookie}\t{s.token}" for s in load.sessions]),
            "BENCH_BODIES": ("bodies", load.bodies or []),
        }
        environment = dict(os.environ, BENCH_METHOD=load.method)
        for variable, (name, rows) in files.items():
            (workdir / name).write_text("\n".join(rows) + "\n")
            environment[variable] = str(workdir / name)
        command = [
            wrk_binary(),
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(SCRIPT),
            base_url + load.paths[0],
        ]
        started = time.monotonic()
        with tempfile.TemporaryFile("w+") as errors_file:
            process = subprocess.Popen(  # noqa: S603
                command, env=environment, stdout=subprocess.PIPE, stderr=errors_file, text=True
            )
            output = process.stdout.read()
            # wait4 gives wrk's own CPU time (user + system), not that of other children.
            _pid, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
            wall = time.monotonic() - started
            errors_file.seek(0)
            errors = errors_file.read()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return parse(output, errors, wall=wall, threads=threads, cpu=usage.ru_utime + usage.ru_stime)


def parse(output: str, errors: str, *, wall: float, threads: int, cpu: float) -> dict:
    line = next((x for x in output.splitlines() if x.startswith("BENCH_JSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no figures: {output[-300:]} {errors[-300:]}")
    raw = json.loads(line.removeprefix("BENCH_JSON "))
    seconds = raw["duration_us"] / 1e6
    socket_errors = raw["connect"] + raw["read"] + raw["write"] + raw["timeout"]
    return {
        "rps": raw["requests"] / seconds if seconds else 0.0,
        "requests": raw["requests"],
        "errors": raw["status_errors"] + socket_errors,
        "status_errors": raw["status_errors"],  # answers of 400 and above
        "socket_errors": socket_errors,  # connect, read, write errors and time-outs
        "p50": raw["p50_us"] / 1000,
        "p95": raw["p95_us"] / 1000,
        "p99": raw["p99_us"] / 1000,
        "generator_cpu": round(cpu / (wall * threads), 2) if wall else 0.0,
    }


def validity(baseline: dict | None, figures: dict) -> str:
    """Why a run's figures cannot be read as ratios, or "" when they can."""
    if figures.get("generator_cpu", 0) >= GENERATOR_SATURATED:
        return f"wrk used {figures['generator_cpu']:.0%} of its cores: the generator limits"
    if baseline is not None and baseline.get("rps", 0) < YARDSTICK_MIN_RPS:
        return (
            f"the minimal view ran at {baseline.get('rps', 0):.0f} req/s "
            f"(< {YARDSTICK_MIN_RPS:.0f}): the machine is too busy"
        )
    return ""
