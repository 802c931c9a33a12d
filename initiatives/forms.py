"""Forms residents, groups and organisers fill in; the services check the rules again."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from home.ids import IdChoiceField
from initiatives import areas
from initiatives.models import PLACE_MAX, TEXT_MAX, TITLE_MAX, Action, Initiative, Membership
from initiatives.services.needs import MAX_WANTED
from initiatives.services.updates import document_clean
from proposals.forms import clean_photo_slots, photo_pairs
from proposals.services.submission import MAX_PHOTOS, photo_clean
from rooms.forms import BookingRequestForm

ALT_MAX = 250
PHOTO_HELP = _("JPEG, PNG or WebP, at most 8 MB. We remove location data.")


def _photo_field(label):
    return forms.FileField(
        label=label,
        required=False,
        help_text=PHOTO_HELP,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )


class InitiativeForm(forms.Form):
    """The issue in the starter's words, the change wanted, the place, photos."""

    title = forms.CharField(
        label=_("Name of the initiative"),
        max_length=TITLE_MAX,
        help_text=_("Short, e.g. “A green courtyard at ul. Lwowska 12”."),
        error_messages={"required": _("Give your initiative a name.")},
    )
    issue = forms.CharField(
        label=_("What is the issue?"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("In your own words: what is wrong, whom it affects."),
        error_messages={"required": _("Describe the issue in your own words.")},
    )
    goal = forms.CharField(
        label=_("What do you want to change?"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say what you want to change.")},
    )
    place = forms.CharField(
        label=_("Place"),
        max_length=PLACE_MAX,
        required=False,
        help_text=_("An address or an area, e.g. “the courtyard behind ul. Lwowska 12”."),
    )
    latitude = forms.DecimalField(
        label=_("Latitude"),
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-90,
        max_value=90,
        help_text=_("A number such as 49.625."),
    )
    longitude = forms.DecimalField(
        label=_("Longitude"),
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-180,
        max_value=180,
        help_text=_("A number such as 20.691."),
    )
    area = forms.CharField(
        label=_("Area"),
        required=False,
        max_length=areas.MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "When the issue concerns an area rather than a point: draw it on the map, or paste "
            "a GeoJSON polygon (longitude, latitude; the last point repeats the first)."
        ),
    )
    show_name = forms.BooleanField(
        label=_("Show my name as the coordinator"),
        required=False,
        help_text=_("Without your consent your name is not shown publicly."),
    )
    origin_proposal = IdChoiceField(queryset=None, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, proposals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["origin_proposal"].queryset = proposals
        for number in range(1, MAX_PHOTOS + 1):
            self.fields[f"photo_{number}"] = _photo_field(
                _("Photo %(number)d") % {"number": number}
            )
            self.fields[f"alt_{number}"] = forms.CharField(
                label=_("What photo %(number)d shows") % {"number": number},
                required=False,
                max_length=ALT_MAX,
            )

    def clean_area(self):
        return areas.area_parse(self.cleaned_data.get("area", ""))

    def photo_fields(self):
        return [(self[f"photo_{n}"], self[f"alt_{n}"]) for n in range(1, MAX_PHOTOS + 1)]

    def clean(self):
        data = super().clean()
        lat, lon = data.get("latitude"), data.get("longitude")
        if "latitude" not in self.errors and "longitude" not in self.errors:
            if (lat is None) != (lon is None):
                self.add_error("latitude", _("Give both latitude and longitude, or neither."))
            elif lat is None and not (data.get("place") or "").strip() and not data.get("area"):
                self.add_error(
                    "place",
                    _("Say where it is: type a place or an address, or give the coordinates."),
                )
        return clean_photo_slots(self, data, range(1, MAX_PHOTOS + 1))

    def photos(self):
        return photo_pairs(self.cleaned_data, range(1, MAX_PHOTOS + 1))


class JoinForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("How do you want to take part?"),
        choices=[
            (Membership.Kind.MEMBER, _("Join the group as a member")),
            (Membership.Kind.SUPPORTER, _("Follow it as a supporter")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you want to take part.")},
    )
    show_name = forms.BooleanField(
        label=_("Show my name on the list of members"),
        required=False,
        help_text=_("Only members' names can be shown, and only with their consent."),
    )


class NeedForm(forms.Form):
    title = forms.CharField(
        label=_("What does the group need?"),
        max_length=TITLE_MAX,
        help_text=_("E.g. “people to hand out leaflets”, “a room for a neighbours' meeting”."),
        error_messages={"required": _("Say what is needed.")},
    )
    wanted = forms.IntegerField(
        label=_("How many people?"),
        min_value=1,
        max_value=MAX_WANTED,
        initial=1,
        error_messages={"required": _("Give a number of people from 1 to 500.")},
    )
    starts_at = forms.DateTimeField(
        label=_("When"),
        required=False,
        help_text=_("For example 2026-12-12 10:00."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    place = forms.CharField(label=_("Where"), max_length=PLACE_MAX, required=False)
    details = forms.CharField(
        label=_("Details"), max_length=2000, required=False, widget=forms.Textarea({"rows": 3})
    )


class NeedSignUpForm(forms.Form):
    note = forms.CharField(label=_("Note for the group"), max_length=300, required=False)


class UpdateForm(forms.Form):
    body = forms.CharField(
        label=_("Update"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write the update.")},
    )
    photo = _photo_field(_("Photo"))
    photo_alt = forms.CharField(label=_("What the photo shows"), max_length=ALT_MAX, required=False)
    document = forms.FileField(
        label=_("Document (PDF)"),
        required=False,
        help_text=_("A PDF file, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
    document_title = forms.CharField(label=_("Document title"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        if data.get("photo"):
            try:
                data["photo"] = photo_clean(data["photo"])
            except ValidationError as error:
                self.add_error("photo", error)
            else:
                if not (data.get("photo_alt") or "").strip():
                    self.add_error("photo_alt", _("Say in a few words what the photo shows."))
        if data.get("document"):
            try:
                data["document"] = document_clean(data["document"])
            except ValidationError as error:
                self.add_error("document", error)
        return data


class ActionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Action.Kind.choices)
    title = forms.CharField(
        label=_("What did the group do?"),
        max_length=TITLE_MAX,
        help_text=_("E.g. “Letter to the mayor about the mast”."),
        error_messages={"required": _("Say what the group did.")},
    )
    date = forms.DateField(
        label=_("Date"),
        help_text=_("For example 2026-12-04."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Give the date."), "invalid": _("Give a date.")},
    )
    result = forms.CharField(
        label=_("Result"), max_length=2000, required=False, widget=forms.Textarea({"rows": 3})
    )
    activity = forms.TypedChoiceField(
        label=_("Activity at the centre"),
        help_text=_("If it was a meeting held at the centre, choose it from the group's dates."),
        coerce=int,
        empty_value=None,
        required=False,
    )

    def __init__(self, *args, activities=(), **kwargs):
        """`activities`: (page id, label) of the activities linked to the initiative; the
        field is left out when there are none."""
        super().__init__(*args, **kwargs)
        if activities:
            self.fields["activity"].choices = [("", _("— none —")), *activities]
        else:
            del self.fields["activity"]


class EndForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("How did it end?"),
        choices=Initiative.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how it ended.")},
    )
    outcome_text = forms.CharField(
        label=_("What did the group reach?"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Tell in your own words what the group reached.")},
    )


class MemberChoiceForm(forms.Form):
    """Choose one of the group's other members (hand over, or name a contact person)."""

    member = IdChoiceField(
        label=_("Member"),
        queryset=None,
        empty_label=_("Choose a member"),
        error_messages={"invalid_choice": _("Choose another member of the group.")},
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        self.fields["member"].label_from_instance = lambda m: m.user.public_label


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
