"""An activity held in a room books it for each date: kept in step when the page is
published or unpublished (Wagtail's signals, for any way of publishing: the editor, a
schedule, the demo). Publishing also moves the waiting lists up into places added, and
tells the people signed up for a date that was cancelled or moved."""

from wagtail.signals import page_published, page_unpublished

from events import services
from events.models import ActivityPage


def _published(sender, instance, **kwargs):
    services.activity_room_publish(activity=instance)  # a clash is logged, never raised
    services.waiting_list_move_up(activity=instance)
    services.date_changes_notify(activity=instance)


def _unpublished(sender, instance, **kwargs):
    services.activity_room_release(activity=instance)


def connect() -> None:
    page_published.connect(_published, sender=ActivityPage, dispatch_uid="mam-activity-room")
    page_unpublished.connect(
        _unpublished, sender=ActivityPage, dispatch_uid="mam-activity-room-released"
    )
