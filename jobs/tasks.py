"""The task that runs a periodic job (a management command of the schedule)."""

from django.conf import settings
from django.core.management import call_command
from django_tasks import task


@task()
def run_command(*, name: str) -> None:
    """Run one job of settings.MAM_SCHEDULE; a name outside it is refused."""
    if name not in {job for job, _every in settings.MAM_SCHEDULE}:
        raise ValueError(f"{name} is not a scheduled job")
    call_command(name)
