"""`python -m tests.jobs.slow_worker MARKER`: a `db_worker` whose exports hang after row 2.

The test of a worker killed mid-task runs this in a subprocess: once the export has written
two rows (and recorded them as progress) it touches MARKER and waits to be killed.
"""

import os
import sys
import time
from pathlib import Path

import django


def main(marker: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    django.setup()
    from django.core.management import call_command

    from outcomes.exports import services
    from outcomes.exports.writers import rows as writer_rows

    writer_rows.PROGRESS_EVERY = 1  # where the progress is counted (not the package's re-export)
    write_file = services.write_file

    def hanging(rows):
        for number, row in enumerate(rows, start=1):
            yield row
            if number == 2:
                marker.touch()
                time.sleep(600)

    def slow_write_file(export_format, columns, rows, *args, **kwargs):
        return write_file(export_format, columns, hanging(rows), *args, **kwargs)

    services.write_file = slow_write_file
    call_command("db_worker", "--no-reload", "--no-startup-delay", "--interval=0.1")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
