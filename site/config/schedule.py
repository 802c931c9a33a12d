"""The periodic jobs, in one table: (management command, how often). Every `db_worker` queues
the due ones (jobs/services.py); a job whose command is not installed is skipped."""

import datetime

MINUTE = datetime.timedelta(minutes=1)
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)

SCHEDULE: list[tuple[str, datetime.timedelta]] = [
    ("clear_preview_photos", DAY),  # photos of proposals never submitted
    ("clear_old_exports", DAY),  # export files past MAM_EXPORT_RETENTION_DAYS
    ("flush_comment_notifications", 5 * MINUTE),  # the comment emails held for a digest
    ("apply_retention", DAY),  # personal data past its retention period
    ("prune_db_task_results", DAY),  # finished task rows (django-tasks-db)
    ("prune_done_marks", DAY),  # the done-once marks of old tasks (jobs)
    ("send_activity_reminders", HOUR),  # the day before an activity, to those signed up
    ("extend_activity_rooms", DAY),  # repeating activities keep their room a year ahead
    ("send_case_reminders", HOUR),  # officials' cases: before and on their due date
    ("send_appeal_reminders", HOUR),  # appeals due soon or overdue: a digest once a day
]
