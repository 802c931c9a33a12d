"""Forms around the group: the organiser's review, a proposal into a consultation, a room
request."""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.ids import IdChoiceField
from rooms.forms import BookingRequestForm


class ConsultationChoiceForm(forms.Form):
    consultation = IdChoiceField(
        label=_("Consultation"),
        queryset=None,
        empty_label=_("Choose a consultation"),
        error_messages={"invalid_choice": _("Choose an open consultation of this centre.")},
    )

    def __init__(self, *args, consultations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultation"].queryset = consultations


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why can it not be published?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The starter gets this by email. Refer to the house rules."),
        error_messages={"required": _("Say why the initiative cannot be published.")},
    )


class RoomRequestForm(BookingRequestForm):
    """The rooms app's request form with the room to ask for first (the centre's bookable
    rooms); the purpose starts as the initiative's name."""

    field_order = ["room", "day", "starts", "ends", "purpose", "people", "user_kind"]

    room = IdChoiceField(
        label=_("Room"),
        queryset=None,
        empty_label=_("Choose a room"),
        error_messages={"invalid_choice": _("Choose a room of this centre.")},
    )

    def __init__(self, *args, rooms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = rooms
        self.order_fields(self.field_order)
