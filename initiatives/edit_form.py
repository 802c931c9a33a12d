"""The form for editing an initiative: the start form's questions, without the coordinator's
consent (their membership says it), and the photos already there to keep or remove."""

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from initiatives.forms import InitiativeForm
from initiatives.models import Initiative
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
