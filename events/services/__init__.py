"""The activities' writes: sign-ups and the waiting list (signups), emails about coming dates
(notices), the rooms the activities book (rooms). The old `events.services.<name>` paths
keep working through these re-exports."""

from events.services.notices import date_changes_notify, reminders_send
from events.services.rooms import (
    ORGANISER_KINDS,
    ROOM_CLASH_ACTION,
    activity_room_publish,
    activity_room_release,
    activity_room_sync,
    activity_rooms_extend,
)
from events.services.signups import (
    CANCEL_SALT,
    REMINDER_MOVE_DAYS,
    SIGNUP_AHEAD_DAYS,
    attendance_record,
    cancel_token,
    cancel_url,
    signup_cancel,
    signup_closes_at,
    signup_from_token,
    signup_join,
    signup_refusal,
    waiting_list_move_up,
)

__all__ = [
    "CANCEL_SALT",
    "ORGANISER_KINDS",
    "REMINDER_MOVE_DAYS",
    "ROOM_CLASH_ACTION",
    "SIGNUP_AHEAD_DAYS",
    "activity_room_publish",
    "activity_room_release",
    "activity_room_sync",
    "activity_rooms_extend",
    "attendance_record",
    "cancel_token",
    "cancel_url",
    "date_changes_notify",
    "reminders_send",
    "signup_cancel",
    "signup_closes_at",
    "signup_from_token",
    "signup_join",
    "signup_refusal",
    "waiting_list_move_up",
]
