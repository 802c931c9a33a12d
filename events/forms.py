"""Forms of the activity pages: the list's filters, the desk sign-up, attendance."""

from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import Audience, Kind


class FilterForm(forms.Form):
    """Filters of the activity list; invalid values are shown as errors, never a 500."""

    rodzaj = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("all kinds")), *Kind.choices]
    )
    dla = forms.ChoiceField(
        label=_("For whom"), required=False, choices=[("", _("everyone")), *Audience.choices]
    )
    dzien = forms.DateField(
        label=_("Day"),
        required=False,
        help_text=_("For example 2026-12-15."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def values(self) -> dict:
        if not self.is_valid():
            return {"kind": "", "audience": "", "day": None}
        data = self.cleaned_data
        return {"kind": data["rodzaj"], "audience": data["dla"], "day": data["dzien"]}


class DeskSignUpForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the person"),
        max_length=150,
        help_text=_("First name and surname, or as the person wishes to be called."),
    )


class AttendanceForm(forms.Form):
    attended = forms.IntegerField(label=_("People who came"), min_value=0, max_value=100000)
