"""One endpoint under load, chosen by BENCH_TARGET; bench/run.py starts it once per endpoint.

Environment: BENCH_TARGET (a name from TARGETS), BENCH_PATHS (JSON: list, detail ids, ...),
BENCH_USER_OFFSET (the first benchmark account a simulated resident signs in with).
"""

import itertools
import json
import os
import random
import re

from locust import HttpUser, constant, task

PATHS = json.loads(os.environ.get("BENCH_PATHS", "{}"))
TARGET = os.environ.get("BENCH_TARGET", "baseline")
PASSWORD = os.environ.get("BENCH_PASSWORD", "bench-password-2026")
DOMAIN = os.environ.get("BENCH_EMAIL_DOMAIN", "bench.example.org")
ACCOUNTS = itertools.count(int(os.environ.get("BENCH_USER_OFFSET", "0")))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SIGNED_IN = {"list_signed_in", "detail_signed_in", "ballot"}


def _csrf(html: str) -> str:
    found = CSRF.search(html)
    return found.group(1) if found else ""


class Resident(HttpUser):
    wait_time = constant(0)

    def on_start(self):
        if TARGET not in SIGNED_IN:
            return
        login = self.client.get("/accounts/login/", name="sign in (setup)")
        self.client.post(
            "/accounts/login/",
            data={
                "login": f"resident{next(ACCOUNTS)}@{DOMAIN}",
                "password": PASSWORD,
                "csrfmiddlewaretoken": _csrf(login.text),
            },
            headers={"Referer": self.host + "/accounts/login/"},
            name="sign in (setup)",
        )
        if TARGET == "ballot":
            page = self.client.get(PATHS["ballot"], name="ballot form (setup)")
            self.ballot_token = _csrf(page.text)

    def _detail(self):
        return PATHS["detail"].format(pk=random.choice(PATHS["detail_ids"]))

    @task
    def target(self):
        if TARGET == "ballot":
            choice = random.sample(PATHS["ballot_ids"], k=min(3, len(PATHS["ballot_ids"])))
            self.client.post(
                PATHS["ballot"],
                data={"proposals": choice, "csrfmiddlewaretoken": self.ballot_token},
                headers={"Referer": self.host + PATHS["ballot"]},
                name=TARGET,
            )
            return
        if TARGET.startswith("detail"):
            path = self._detail()
        else:
            path = PATHS[TARGET.removesuffix("_signed_in")]
        self.client.get(path, name=TARGET)
