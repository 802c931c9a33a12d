"""Comment emails: a per-follower mark of the first comment not yet emailed.

Comments the old hourly batching never reported (written within an hour of the last email, with
no later comment to carry them) are marked too, if from the last 14 days, so the first flush
sends them; older ones are left alone rather than reviving stale discussions.
"""

import datetime

from django.db import migrations, models
from django.db.models import OuterRef, Subquery
from django.utils import timezone

BACKFILL_DAYS = 14


def mark_unreported(apps, schema_editor):
    Follow = apps.get_model("proposals", "Follow")
    Comment = apps.get_model("proposals", "Comment")
    since = timezone.now() - datetime.timedelta(days=BACKFILL_DAYS)
    first_unreported = (
        Comment.objects.filter(
            proposal_id=OuterRef("proposal_id"),
            created_at__gt=OuterRef("last_notified_at"),
            created_at__gte=since,
            deleted_at__isnull=True,
            hidden_at__isnull=True,
        )
        .exclude(author_id=OuterRef("user_id"))
        .order_by("created_at")
        .values("created_at")[:1]
    )
    Follow.objects.filter(
        last_notified_at__isnull=False, user__is_active=True, user__notify_comments=True
    ).update(comments_pending_since=Subquery(first_unreported))


class Migration(migrations.Migration):
    dependencies = [
        ("proposals", "0006_status_not_selected"),
    ]

    operations = [
        migrations.AddField(
            model_name="follow",
            name="comments_pending_since",
            field=models.DateTimeField(blank=True, db_index=True, null=True),
        ),
        migrations.RunPython(mark_unreported, migrations.RunPython.noop),
    ]
