"""What the worker records beside django-tasks-db's own task rows."""

from django.db import models


class WorkerLease(models.Model):
    """A running worker says it is alive; a task whose worker's lease lapsed is queued again."""

    worker_id = models.CharField(max_length=64, unique=True)
    renewed_at = models.DateTimeField()

    def __str__(self):
        return self.worker_id


class PeriodicJob(models.Model):
    """When a job of the schedule last ran and is next due; claimed by a conditional update."""

    name = models.CharField(max_length=100, unique=True)
    last_run_at = models.DateTimeField(null=True, blank=True)
    next_run_at = models.DateTimeField()

    def __str__(self):
        return self.name


class DoneMark(models.Model):
    """Work that must happen once (an email, a batch of emails), written in its transaction."""

    key = models.CharField(max_length=200, unique=True)
    done_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.key
