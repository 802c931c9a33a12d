"""The database queue in tests: switch it on, and run a worker over it in this process."""

import pytest
from django_tasks_db.management.commands import db_worker

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_queue(settings, monkeypatch):
    """Tasks go to the database queue and wait for a worker, as in production."""
    settings.TASKS = DATABASE_QUEUE
    # The worker closes stale connections between tasks; inside a test's transaction
    # that would close the test's own connection.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def run_worker(worker_id: str = "test-worker") -> None:
    """Run every queued task, then return (django-tasks-db's worker in batch mode)."""
    db_worker.Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=50,
        worker_id=worker_id,
        excluded_queue_names=[],
    ).run()
