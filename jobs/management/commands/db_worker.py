"""django-tasks-db's `db_worker`, plus a lease, the recovery of dead workers' tasks and the
periodic jobs of config/schedule.py (this app comes before django_tasks_db in INSTALLED_APPS,
so `manage.py db_worker` is this command)."""

import logging
import os
import threading

from django.db import connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands import db_worker

from jobs import services

logger = logging.getLogger(__name__)


class Heartbeat(threading.Thread):
    """Renews the worker's lease, recovers stale tasks and queues due jobs, every few seconds."""

    def __init__(self, *, worker_id: str, every: float):
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.every = every
        self.stopping = threading.Event()

    def run(self):
        try:
            while not self.stopping.wait(self.every):
                try:
                    services.beat(worker_id=self.worker_id)
                except Exception:  # a locked or lost database: try again next beat
                    logger.exception("Worker %s: heartbeat failed", self.worker_id)
        finally:
            connections.close_all()

    def stop(self):
        self.stopping.set()
        self.join(timeout=self.every + 5)


class Command(db_worker.Command):
    help = (
        "Run the background worker: queued tasks, the recovery of tasks whose worker died "
        "and the periodic jobs. Run one or more per site (each with its own --worker-id)."
    )

    def handle(self, *args, **options):
        reloading_parent = (
            options["reload"]
            and not options["batch"]
            and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true"
        )
        if reloading_parent:  # the child process it starts is the worker
            return super().handle(*args, **options)
        worker_id = options["worker_id"]
        services.worker_renew(worker_id=worker_id)
        # A worker (re)starting under an id cannot be running that id's tasks any more.
        services.tasks_requeue_stale(starting_worker_id=worker_id)
        services.periodic_enqueue_due()
        heartbeat = Heartbeat(worker_id=worker_id, every=services.lease().total_seconds() / 6)
        heartbeat.start()
        try:
            return super().handle(*args, **options)
        finally:
            heartbeat.stop()
            services.worker_leave(worker_id=worker_id)
