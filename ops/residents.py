"""The simulated residents of the loss test (ops/check.py): each signs in through nginx and
casts and changes a civic-budget ballot, resending a POST that failed; `Outcome` counts what
happened to their requests."""

from __future__ import annotations

import dataclasses
import random
import re
import threading
import time

import requests

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
