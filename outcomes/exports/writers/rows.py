"""What every writer shares: the rows counted for the job's progress, local time."""

import datetime
from collections.abc import Callable, Iterable, Iterator

from django.utils import timezone

PROGRESS_EVERY = 500


Progress = Callable[[int], None] | None


def _local(value: datetime.datetime) -> datetime.datetime:
    """Warsaw time without the zone: what a spreadsheet shows and stores."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(tzinfo=None)


def _counted(rows: Iterable[dict], progress: Progress) -> Iterator[dict]:
    done = 0
    for row in rows:
        yield row
        done += 1
        if progress and done % PROGRESS_EVERY == 0:
            progress(done)
    if progress:
        progress(done)
