"""Forms residents fill in to submit and change proposals."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy

from home.ids import IdChoiceField
from home.models import District
from proposals.models import BODY_MAX, OFFER_NOTE_MAX, TITLE_MAX
from proposals.services.submission import MAX_PHOTOS, photo_clean, point_in_area

PLACE_MAX = 200
ALT_MAX = 250


def clean_photo_slots(form, data: dict, numbers, *, kept=lambda number: False) -> dict:
    """Clean the uploads of slots photo_1…photo_N (pixels checked, metadata stripped) and ask
    for the alt text of every photo uploaded or kept. Used by every form with photo slots."""
    for number in numbers:
        upload = data.get(f"photo_{number}")
        if upload:
            try:
                data[f"photo_{number}"] = photo_clean(upload)
            except ValidationError as error:
                form.add_error(f"photo_{number}", error)
                continue
        elif not kept(number):
            continue
        if not (data.get(f"alt_{number}") or "").strip():
            form.add_error(
                f"alt_{number}",
                _("Say in a few words what photo %(number)d shows.") % {"number": number},
            )
    return data


def photo_pairs(cleaned_data: dict, numbers) -> list:
    """The cleaned photos as (file, alt text) pairs."""
    return [
        (cleaned_data[f"photo_{n}"], cleaned_data.get(f"alt_{n}", ""))
        for n in numbers
        if cleaned_data.get(f"photo_{n}")
    ]


class ProposalForm(forms.Form):
    """Title, description, category, place or point, cost; photos when submitting."""

    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX,
        error_messages={
            "required": _("Give your proposal a title."),
            "max_length": ngettext_lazy(
                "The title can have at most %(limit_value)d character.",
                "The title can have at most %(limit_value)d characters.",
                "limit_value",
            ),
        },
    )
    body = forms.CharField(
        label=_("Description"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("Describe your proposal."),
            "max_length": ngettext_lazy(
                "The description can have at most %(limit_value)d character.",
                "The description can have at most %(limit_value)d characters.",
                "limit_value",
            ),
        },
    )
    category = IdChoiceField(
        label=_("Category"),
        queryset=None,
        required=False,
        empty_label=_("Choose a category"),
        error_messages={"invalid_choice": _("Choose one of this consultation's categories.")},
    )
    place = forms.CharField(
        label=_("Place"),
        max_length=PLACE_MAX,
        required=False,
        help_text=_(
            "An address or a description, e.g. “the playground behind ul. Lwowska 12”. "
            "Needed unless you mark a point on the map."
        ),
        error_messages={
            "max_length": ngettext_lazy(
                "The place can have at most %(limit_value)d character.",
                "The place can have at most %(limit_value)d characters.",
                "limit_value",
            )
        },
    )
    district = IdChoiceField(
        label=_("District"),
        queryset=None,
        required=False,
        empty_label=_("Choose a district"),
        help_text=_("The part of town it concerns, if you know it."),
        error_messages={"invalid_choice": _("Choose one of the centre's districts.")},
    )
    latitude = forms.DecimalField(
        label=_("Latitude"),
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-90,
        max_value=90,
        help_text=_("A number such as 49.625; the map fills it in for you."),
        error_messages={"invalid": _("Latitude must be a number, such as 49.625.")},
    )
    longitude = forms.DecimalField(
        label=_("Longitude"),
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-180,
        max_value=180,
        help_text=_("A number such as 20.691; the map fills it in for you."),
        error_messages={"invalid": _("Longitude must be a number, such as 20.691.")},
    )
    estimated_cost = forms.DecimalField(
        label=_("Estimated cost in złoty"),
        required=False,
        max_digits=12,
        decimal_places=2,
        min_value=Decimal(0),
        help_text=_("If you know it roughly. Use numbers only, e.g. 15000."),
        error_messages={
            "invalid": _("Give the cost as a number, e.g. 15000."),
            "min_value": _("The cost cannot be negative."),
        },
    )

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.fields["title"].help_text = ngettext(
            "A short name for your idea, at most %(max)d character.",
            "A short name for your idea, at most %(max)d characters.",
            TITLE_MAX,
        ) % {"max": TITLE_MAX}
        self.fields["body"].help_text = ngettext(
            "What is the problem and what would you change? At most %(max)d character. "
            "Leave an empty line between paragraphs; web addresses become links.",
            "What is the problem and what would you change? At most %(max)d characters. "
            "Leave an empty line between paragraphs; web addresses become links.",
            BODY_MAX,
        ) % {"max": BODY_MAX}
        self.fields["category"].queryset = consultation.categories.all()
        if not self.fields["category"].queryset.exists():
            del self.fields["category"]
        centre = consultation.centre
        districts = District.objects.filter(centre=centre) if centre else District.objects.none()
        self.fields["district"].queryset = districts
        if centre is None or not districts.exists():
            del self.fields["district"]

    def clean(self):
        data = super().clean()
        lat, lon = data.get("latitude"), data.get("longitude")
        if "latitude" in self.errors or "longitude" in self.errors:
            return data
        if (lat is None) != (lon is None):
            self.add_error(
                "latitude" if lat is None else "longitude",
                _("Give both latitude and longitude, or neither."),
            )
        elif lat is not None and not point_in_area(self.consultation, lat, lon):
            self.add_error("latitude", _("This point lies outside the consultation's area."))
        if lat is None and lon is None and not (data.get("place") or "").strip():
            self.add_error(
                "place",
                _("Say where it is: type a place or an address, or mark a point on the map."),
            )
        return data


class ProposalSubmitForm(ProposalForm):
    """The first step of submitting: the proposal with up to three photos."""

    def __init__(self, *args, stored_slots=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.stored_slots = {str(slot) for slot in stored_slots}
        for number in range(1, MAX_PHOTOS + 1):
            self.fields[f"photo_{number}"] = forms.FileField(
                label=_("Photo %(number)d") % {"number": number},
                required=False,
                help_text=_("JPEG, PNG or WebP, at most 8 MB. We remove location data."),
                widget=forms.ClearableFileInput(
                    attrs={"accept": "image/jpeg,image/png,image/webp"}
                ),
            )
            self.fields[f"alt_{number}"] = forms.CharField(
                label=_("What photo %(number)d shows") % {"number": number},
                required=False,
                max_length=ALT_MAX,
                help_text=_("For people who cannot see it, e.g. “a broken bench by the pond”."),
            )
            if str(number) in self.stored_slots:
                self.fields[f"remove_{number}"] = forms.BooleanField(
                    label=_("Remove photo %(number)d") % {"number": number}, required=False
                )

    def photo_numbers(self):
        return range(1, MAX_PHOTOS + 1)

    def photo_fields(self):
        """(photo, alt text, remove checkbox or None) for each slot."""
        return [
            (
                self[f"photo_{n}"],
                self[f"alt_{n}"],
                self[f"remove_{n}"] if f"remove_{n}" in self.fields else None,
            )
            for n in self.photo_numbers()
        ]

    def clean(self):
        data = super().clean()

        def kept(number):
            return str(number) in self.stored_slots and not data.get(f"remove_{number}")

        return clean_photo_slots(self, data, self.photo_numbers(), kept=kept)

    def photos(self):
        """The cleaned photos as (file, alt text) pairs."""
        return photo_pairs(self.cleaned_data, self.photo_numbers())


class ConfirmForm(forms.Form):
    """The "check your answers" step: the signed token of the stored photos."""

    photos_token = forms.CharField(required=False, widget=forms.HiddenInput)


def offer_note_field(label, help_text="") -> forms.CharField:
    """The optional note of an offer of help: a pledge's ("I will help"), or a sign-up's for
    an initiative's need, which generalises the pledge (services: offer_note_clean)."""
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=OFFER_NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
