"""`python -m tests.jobs.hanging_copier MARKER`: a `db_worker` that hangs mid-copy of a result.

The test of a worker killed while it copies a published result's ballot files to the private
storage runs this in a subprocess: once 12 KiB of the first file have gone to the storage (the
rest not yet), it touches MARKER and waits to be killed.
"""

import os
import sys
import time
from pathlib import Path

import django

WRITTEN_BEFORE_HANGING = 3 * 4096


def main(marker: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    django.setup()
    from django.core.files.base import File
    from django.core.management import call_command

    from voting.services import result_copies

    class HangingFile(File):
        """Hands the storage 4 KiB at a time, and hangs once it has handed out enough."""

        given = 0

        def read(self, size=-1):
            if self.given >= WRITTEN_BEFORE_HANGING:
                marker.touch()
                time.sleep(600)
            data = super().read(4096 if size is None or size < 0 else min(size, 4096))
            self.given += len(data)
            return data

    result_copies.File = HangingFile
    call_command("db_worker", "--no-reload", "--no-startup-delay", "--interval=0.1")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
