"""What every booking write shares: the staff permission, the room's row lock, the overlap
check and how it says no, and the requester's emails."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.notifications import deliver_email, send_user_email
from consultations.participation import refused
from home.links import absolute_url, site_url
from rooms import selectors
from rooms.models import Booking, Room, RoomIndexPage
from rooms.overlaps import when as _when

STAFF_PERMISSION = "rooms.change_booking"
REFUSALS = {
    "login": lambda: _("Sign in to ask for a room."),
    "blocked": lambda: _("Your account is blocked, so you cannot ask for a room."),
    "email": lambda: _("Confirm your email address first, then you can ask for a room."),
}


def _locked(room: Room) -> Room:
    """The room again, its row locked until the transaction ends."""
    return Room.objects.select_for_update().select_related("centre").get(pk=room.pk)


def _overlapping(room: Room, starts_at, ends_at, *, exclude_pk=None):
    found = Booking.objects.confirmed().filter(room=room).overlapping(starts_at, ends_at)
    return found.exclude(pk=exclude_pk) if exclude_pk else found


def _overlap_refusal(clash: Booking):
    if clash.is_activity:
        message = _("The room is taken by an activity then (%(when)s). Choose another time.")
    else:
        message = _("The room is already booked then (%(when)s). Choose another time.")
    when = f"{_when(clash.starts_at)}–{selectors.local(clash.ends_at):%H:%M}"
    return refused("overlap", message % {"when": when})


def _when_text(booking: Booking) -> str:
    return f"{_when(booking.starts_at)}–{selectors.local(booking.ends_at):%H:%M}"


def _email_context(booking: Booking) -> dict:
    index = RoomIndexPage.objects.child_of(booking.centre).live().first()
    return {
        "booking": booking,
        "room": booking.room,
        "centre": booking.centre,
        "when": _when_text(booking),
        "mine_url": absolute_url(index.url + index.reverse_subpage("mine")) if index else "",
    }


def _email_caller(booking: Booking) -> None:
    """Tell the caller, when they gave an email, what was booked (through the task worker)."""
    if not booking.caller_email:
        return
    context = {**_email_context(booking), "site_url": site_url(), "mine_url": ""}
    template = "rooms/email/desk_booking"
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}_message.txt", context)
    deliver_email.enqueue(
        to=booking.caller_email,
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        body=body,
    )


def _email(booking: Booking, template: str) -> None:
    if booking.requested_by_id is None:
        _email_caller(booking)
        return
    send_user_email(booking.requested_by, f"rooms/email/{template}", _email_context(booking))
