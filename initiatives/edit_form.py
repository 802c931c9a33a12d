"""The form for editing an initiative: the start form's questions, without the coordinator's
consent (their membership says it), and the photos already there: each to keep, with what it
shows (required, editable), or to remove."""

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from initiatives.forms import ALT_MAX, InitiativeForm
from initiatives.models import Initiative
from initiatives.services.editing import alt_field
from proposals.models import Proposal


class InitiativeEditForm(InitiativeForm):
    remove_photos = forms.TypedMultipleChoiceField(
        label=_("Photos to remove"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick a photo to remove it; new photos go after the ones kept."),
    )

    def __init__(self, *args, initiative: Initiative, **kwargs):
        kwargs.setdefault("initial", _initial(initiative))
        super().__init__(*args, proposals=Proposal.objects.none(), **kwargs)
        del self.fields["show_name"]
        del self.fields["origin_proposal"]
        self.current_photos = list(initiative.photos.order_by("position", "pk"))
        self.fields["remove_photos"].choices = [
            (photo.pk, photo.alt_text) for photo in self.current_photos
        ]
        if not self.current_photos:
            del self.fields["remove_photos"]
        removing = set()
        if self.is_bound and self.current_photos:  # the boxes ticked, from a dict or a QueryDict
            removing = {str(pk) for pk in self["remove_photos"].value() or []}
        for number, photo in enumerate(self.current_photos, start=1):
            self.fields[alt_field(photo.pk)] = forms.CharField(
                label=_("What kept photo %(number)d shows") % {"number": number},
                required=str(photo.pk) not in removing,  # a photo removed needs no text
                max_length=ALT_MAX,
                initial=photo.alt_text,
                help_text=_("Read aloud to people who cannot see the photo."),
                error_messages={"required": _("Say in a few words what the photo shows.")},
            )

    def kept_photos(self) -> list[tuple]:
        """(photo, its alt text field, its remove checkbox) for each photo already there."""
        if not self.current_photos:
            return []
        boxes = {int(box.data["value"]): box for box in self["remove_photos"]}
        return [
            (photo, self[alt_field(photo.pk)], boxes[photo.pk]) for photo in self.current_photos
        ]

    def alt_texts(self) -> dict[int, str]:
        """{photo id: what it shows} for the photos kept."""
        removed = set(self.cleaned_data.get("remove_photos") or [])
        return {
            photo.pk: self.cleaned_data[alt_field(photo.pk)]
            for photo in self.current_photos
            if photo.pk not in removed
        }


def _initial(initiative: Initiative) -> dict:
    """The initiative as it is now, as the form shows it (the area as GeoJSON text)."""
    return {
        "title": initiative.title,
        "issue": initiative.issue,
        "goal": initiative.goal,
        "place": initiative.place,
        "latitude": initiative.latitude,
        "longitude": initiative.longitude,
        "area": json.dumps(initiative.area) if initiative.area else "",
    }
