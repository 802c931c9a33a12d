"""The booking request form (the site) and the staff decision (the admin)."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.admin.common import DecisionForm
from home.ids import IdChoiceField
from rooms.models import Booking, Room
from rooms.selectors import at


class BookingRequestForm(forms.Form):
    day = forms.DateField(
        label=_("Day"),
        help_text=_("For example 2026-12-15."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    starts = forms.TimeField(
        label=_("From"),
        help_text=_("For example 17:00."),
        widget=forms.TimeInput(attrs={"type": "time"}),
    )
    ends = forms.TimeField(
        label=_("To"),
        help_text=_("For example 19:00."),
        widget=forms.TimeInput(attrs={"type": "time"}),
    )
    purpose = forms.CharField(
        label=_("What is it for?"),
        max_length=300,
        help_text=_("e.g. a neighbours' meeting, an NGO workshop, a study group."),
    )
    people = forms.IntegerField(label=_("How many people?"), min_value=1, max_value=10000)
    user_kind = forms.ChoiceField(label=_("Who will use the room?"))

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user_kind"].choices = [
            (value, label) for value, label in Booking.UserKind.choices if value in kinds
        ]

    def clean(self):
        cleaned = super().clean()
        day, starts, ends = cleaned.get("day"), cleaned.get("starts"), cleaned.get("ends")
        if day and not 2000 <= day.year <= 2100:
            self.add_error("day", _("Choose a time in the future."))
        elif day and starts and ends:
            if ends <= starts:
                self.add_error("ends", _("The end must come after the start."))
            else:
                cleaned["starts_at"] = at(day, starts)
                cleaned["ends_at"] = at(day, ends)
        return cleaned


def kinds_for(*, organisation: bool, staff: bool) -> list[str]:
    """The kinds of user a person may book as (the service checks again)."""
    kinds = [Booking.UserKind.RESIDENT]
    if organisation:
        kinds.append(Booking.UserKind.NGO)
    if staff:
        kinds.append(Booking.UserKind.TOWN)
    return kinds


class BookingDecisionForm(DecisionForm):
    APPROVE = "confirm"
    approve_label = _("Confirm the booking")
    decision_required = _("Choose whether to confirm or decline the request.")
    reason_help = _("Needed when you decline. The person gets it by email.")
    reason_missing = _("Say why the request is declined.")


class YearForm(forms.Form):
    rok = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)


def week_start(value: str | None, today: datetime.date) -> datetime.date | None:
    """The Monday of the week named by `?tydzien=YYYY-MM-DD` (today's week when absent);
    None when the value is not a date we show."""
    if not value:
        return today - datetime.timedelta(days=today.weekday())
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        return None
    if not 2000 <= day.year <= 2100:
        return None
    return day - datetime.timedelta(days=day.weekday())


class DeskBookingForm(BookingRequestForm):
    """Staff book a room for a caller without an account (at the desk or by phone)."""

    # Where the service's refusals belong on this form (others go above it).
    REFUSAL_FIELDS = {
        "name": "name",
        "purpose": "purpose",
        "people": "people",
        "room": "room",
        "past": "day",
        "ahead": "day",
        "closed": "day",
        "longest": "ends",
        "slot": "ends",
        "hours": "starts",
    }

    room = IdChoiceField(label=_("Room"), queryset=Room.objects.none())
    name = forms.CharField(label=_("Caller's name"), max_length=200)
    phone = forms.CharField(label=_("Phone (optional)"), max_length=40, required=False)
    email = forms.EmailField(
        label=_("Email (optional)"),
        required=False,
        help_text=_("If given, the caller gets an email about the booking."),
    )
    organisation = forms.CharField(
        label=_("Organisation (optional)"), max_length=200, required=False
    )
    confirm = forms.TypedChoiceField(
        label=_("State"),
        choices=[("1", _("Confirmed now")), ("0", _("Waiting for a decision"))],
        coerce=lambda value: value == "1",
        initial="1",
        widget=forms.RadioSelect,
    )

    field_order = ["room", "day", "starts", "ends", "name", "phone", "email", "organisation",
                   "purpose", "people", "confirm"]  # fmt: skip

    def __init__(self, *args, rooms=None, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["user_kind"]
        self.fields["room"].queryset = rooms if rooms is not None else Room.objects.none()
        self.fields["room"].label_from_instance = lambda room: f"{room.name} ({room.centre.title})"
        self.fields["purpose"].label = _("What is it for?")

    def add_refusal(self, code: str, message: str) -> None:
        self.add_error(self.REFUSAL_FIELDS.get(code), message)


class BookingAttendanceForm(forms.Form):
    """How many people came to a booking (staff, afterwards)."""

    attended = forms.IntegerField(
        label=_("How many people came?"),
        min_value=0,
        max_value=100000,
        help_text=_("Count everyone who used the room, the person who booked it too."),
    )


class ScheduleForm(forms.Form):
    """Which centre, room, day and span the printed schedule shows (GET, works without JS)."""

    DAY, WEEK = "dzien", "tydzien"

    centrum = IdChoiceField(label=_("Centre"), queryset=Room.objects.none(), required=False)
    sala = IdChoiceField(
        label=_("Room"), queryset=Room.objects.none(), required=False, empty_label=_("All rooms")
    )
    data = forms.DateField(
        label=_("Day"),
        required=False,
        help_text=_("For a week, any day of it."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    zakres = forms.ChoiceField(
        label=_("Show"),
        choices=[(WEEK, _("The week")), (DAY, _("The day"))],
        required=False,
    )

    def __init__(self, *args, centres, rooms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centrum"].queryset = centres
        self.fields["centrum"].empty_label = None
        self.fields["sala"].queryset = rooms
        self.fields["sala"].label_from_instance = lambda room: f"{room.name} ({room.centre.title})"

    def clean_data(self):
        day = self.cleaned_data.get("data")
        if day and not 2000 <= day.year <= 2100:
            raise forms.ValidationError(_("Choose a day between 2000 and 2100."))
        return day
