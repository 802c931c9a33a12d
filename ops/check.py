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
import html
import io
import json
import subprocess
import sys

import requests

from ops.cluster import PYTHON, ROOT, Cluster, ClusterError, log
from ops.residents import (
    CSRF,
    DEMO_PASSWORD,
    EMAIL,
    GRACE_SECONDS,
    PASSWORD,
    PHOTO_SRC,
    PHOTOS_TOKEN,
    SIGNED_IN_MARK,
    Outcome,
    Resident,
    _csrf,
)
from ops.scenario import Scenario
from ops.verdict import in_windows, judge, report, signed_in_after

__all__ = [
    "CSRF",
    "DEMO_PASSWORD",
    "EMAIL",
    "GRACE_SECONDS",
    "PASSWORD",
    "PHOTO_SRC",
    "PHOTOS_TOKEN",
    "SIGNED_IN_MARK",
    "Outcome",
    "Resident",
    "Scenario",
    "in_windows",
    "judge",
    "main",
    "photo_check",
    "report",
    "signed_in_after",
    "state",
]


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
