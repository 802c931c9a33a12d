"""Background work: the task queue and its worker, the periodic jobs and what they send or
delete (reminders, newsletters, export files, personal data past its retention period)."""

import os

from config.schedule import SCHEDULE

# Background work goes through Django's tasks API (the django-tasks backport Wagtail uses) on
# a queue in the database, run by `manage.py db_worker` (README: "The task worker"). Tests
# use the immediate backend (it runs a task where it is queued) unless a test asks otherwise.
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
# A worker silent this long is taken for dead and its running tasks are queued again.
MAM_WORKER_LEASE_SECONDS = int(os.environ.get("MAM_WORKER_LEASE_SECONDS", "60"))
MAM_SCHEDULE = SCHEDULE  # the periodic jobs: config/schedule.py
# Activity reminders go out the day before a date, from this hour (Polish time, 0-22; the
# hourly send_activity_reminders job sends them at its first run from then on).
MAM_ACTIVITY_REMINDER_HOUR = min(
    max(int(os.environ.get("MAM_ACTIVITY_REMINDER_HOUR", "10")), 0), 22
)
# Officials get a reminder this many days before a case is due, and on the day (casework).
MAM_CASE_REMINDER_DAYS = int(os.environ.get("MAM_CASE_REMINDER_DAYS", "3"))
# Officials are emailed a digest of appeals whose decision is due within these days or overdue.
MAM_APPEAL_REMINDER_DAYS = int(os.environ.get("MAM_APPEAL_REMINDER_DAYS", "3"))
# Newsletters: recipients per batch and the seconds between batches (outreach/services.py).
MAM_NEWSLETTER_BATCH = int(os.environ.get("MAM_NEWSLETTER_BATCH", "100"))
MAM_NEWSLETTER_BATCH_SECONDS = int(os.environ.get("MAM_NEWSLETTER_BATCH_SECONDS", "60"))

# Exports for officials: larger ones run as background tasks; their files are kept this long.
MAM_EXPORT_BACKGROUND_ROWS = int(os.environ.get("MAM_EXPORT_BACKGROUND_ROWS", "5000"))
MAM_EXPORT_RETENTION_DAYS = int(os.environ.get("MAM_EXPORT_RETENTION_DAYS", "7"))

# How long personal data is kept, in days, per kind (retention.services.apply_retention, run
# daily; the reasons for each default are in docs/retention.md and the privacy notice):
# paper voters' names and addresses after the result is published (it can then no longer be
# challenged), residency declarations after the verification they support ended (or after
# rejection), support lists after the consultation's last phase ended.
MAM_RETENTION_DAYS = {
    "paper_voters": int(os.environ.get("MAM_RETENTION_PAPER_VOTERS_DAYS", "90")),
    "residency_declarations": int(os.environ.get("MAM_RETENTION_DECLARATIONS_DAYS", "180")),
    "supports": int(os.environ.get("MAM_RETENTION_SUPPORTS_DAYS", "365")),
    "room_callers": int(os.environ.get("MAM_RETENTION_ROOM_CALLERS_DAYS", "90")),
    "desk_sign_ups": int(os.environ.get("MAM_RETENTION_DESK_SIGNUPS_DAYS", "90")),
}
