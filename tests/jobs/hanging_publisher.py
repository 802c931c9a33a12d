"""`python -m tests.jobs.hanging_publisher MARKER POINT`: a `db_worker` that hangs mid-publishing.

The test of a worker killed while it publishes a result runs this in a subprocess. POINT says
where the publishing hangs (after touching MARKER, until the worker is killed):
`counted` once the ballots are counted, before the switch (nothing is published yet);
`switched` once the switch committed, before the hooks and the email.
"""

import os
import sys
import time
from pathlib import Path

import django


def main(marker: Path, point: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    django.setup()
    from django.core.management import call_command

    from voting.services import results

    def hang(*args, **kwargs):
        marker.touch()
        time.sleep(600)

    if point == "counted":
        results.tally = hang
    elif point == "switched":
        results.results_announce = hang
    else:
        raise SystemExit(f"unknown point {point!r}")
    call_command("db_worker", "--no-reload", "--no-startup-delay", "--interval=0.1")


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
