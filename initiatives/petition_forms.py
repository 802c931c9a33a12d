"""The public forms of petitions: writing one, consenting to the committee, printing sheets."""

from django import forms
from django.utils.translation import gettext_lazy as _

from initiatives.models import Petition
from initiatives.services.petitions import MAX_SHEETS_AT_ONCE


class PetitionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you want to file?"),
        choices=Petition.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a petition or a draft council resolution.")},
    )
    addressee = forms.ChoiceField(
        label=_("To whom?"),
        choices=Petition.Addressee.choices,
        widget=forms.RadioSelect,
        help_text=_("A draft council resolution always goes to the town council."),
        error_messages={"required": _("Choose whom the petition addresses.")},
    )
    addressee_name = forms.CharField(
        label=_("Name of the body (if another body)"), required=False, max_length=200
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=280,
        error_messages={"required": _("Give the petition a title.")},
    )
    text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=20000,
        help_text=_("For a draft resolution: its full text, with the justification."),
        error_messages={"required": _("Write the text of the petition.")},
    )


class ConsentForm(forms.Form):
    full_name = forms.CharField(
        label=_("Your first name and surname"),
        max_length=150,
        help_text=_("The law requires the committee's names on every signature sheet."),
        error_messages={"required": _("Give your first name and surname.")},
    )
    show_name = forms.BooleanField(
        label=_("Also show my name on the initiative's page"), required=False
    )


class SheetsForm(forms.Form):
    count = forms.IntegerField(
        label=_("How many sheets?"),
        min_value=1,
        max_value=MAX_SHEETS_AT_ONCE,
        initial=5,
        help_text=_("Each sheet gets its own number, so returned sheets can be counted."),
    )
