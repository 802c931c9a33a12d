"""The start form of an initiative: the issue, the change wanted, the place, photos (the edit
form builds on it); the services check the rules again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.ids import IdChoiceField
from initiatives import areas
from initiatives.models import PLACE_MAX, TEXT_MAX, TITLE_MAX
from initiatives.models.initiative import ALT_TEXT_MAX
from proposals.forms import clean_photo_slots, photo_pairs
from proposals.services.submission import MAX_PHOTOS

ALT_MAX = ALT_TEXT_MAX
PHOTO_HELP = _("JPEG, PNG or WebP, at most 8 MB. We remove location data.")


def photo_field(label):
    """An optional photo upload (the service cleans it)."""
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
            self.fields[f"photo_{number}"] = photo_field(_("Photo %(number)d") % {"number": number})
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
