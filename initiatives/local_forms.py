"""The local initiative application's forms: the sections, the budget and contribution rows.

The rows are plain formsets with a few empty rows, so the page works without JavaScript;
the services check every rule again.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from initiatives.models import PLACE_MAX, TEXT_MAX, TITLE_MAX, ContributionKind
from initiatives.models import LocalInitiativeApplication as App

EMPTY_ROWS = 3
DATE_WIDGET = {"type": "date"}
# GOV.UK's advice for numbers: a text box with a numeric keyboard, not type="number" (which
# changes a value on scrolling and hides what was typed wrong).
# Amounts and hours are `localize=True`: 120,50 as Polish readers write it (120.50 too).
NUMBER = forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"})


def _date(label):
    return forms.DateField(
        label=label,
        required=False,
        help_text=_("For example 2027-04-01."),
        widget=forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
        error_messages={"invalid": _("Give a date.")},
    )


class StartForm(forms.Form):
    title = forms.CharField(
        label=_("Title of the task"),
        max_length=TITLE_MAX,
        help_text=_("E.g. “Greening the courtyard at ul. Lwowska 12”."),
        error_messages={"required": _("Give the task a title.")},
    )


class SectionsForm(forms.Form):
    """What, where, when, and who applies."""

    title = StartForm.base_fields["title"]
    applicant_name = forms.CharField(
        label=_("Applicant's name"),
        max_length=200,
        required=False,
        help_text=_("The group's or the organisation's name, as the town will see it."),
    )
    area = forms.ChoiceField(
        label=_("Public task"),
        required=False,
        choices=[("", _("Choose…")), *App.Area.choices],
        help_text=_("The area from the list in art. 19b of the act on public benefit work."),
    )
    description = forms.CharField(
        label=_("What will you do?"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The task, who it serves, what will be there when it is done."),
    )
    place = forms.CharField(label=_("Where?"), max_length=PLACE_MAX, required=False)
    starts_on = _date(_("Starts on"))
    ends_on = _date(_("Ends on"))


class CostForm(forms.Form):
    description = forms.CharField(label=_("Cost"), max_length=200, required=False)
    amount = forms.DecimalField(
        localize=True,
        label=_("Amount (PLN)"),
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=2,
        widget=NUMBER,
        error_messages={"invalid": _("Give a number, e.g. 120.50.")},
    )


class ContributionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", "—"), *ContributionKind.choices]
    )
    description = forms.CharField(label=_("What"), max_length=200, required=False)
    hours = forms.DecimalField(
        localize=True,
        label=_("Hours (work)"),
        required=False,
        min_value=0,
        max_digits=7,
        decimal_places=1,
        widget=NUMBER,
        error_messages={"invalid": _("Give a number, e.g. 120.50.")},
    )
    value = forms.DecimalField(
        localize=True,
        label=_("Value (PLN, things or money)"),
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=2,
        widget=NUMBER,
        error_messages={"invalid": _("Give a number, e.g. 120.50.")},
    )


CostFormSet = forms.formset_factory(CostForm, extra=0, max_num=30, absolute_max=40)
ContributionFormSet = forms.formset_factory(ContributionForm, extra=0, max_num=30, absolute_max=40)


class PledgeForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What will you give?"),
        choices=[
            (ContributionKind.WORK, _("my work (hours)")),
            (ContributionKind.IN_KIND, _("something in kind")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Pledge hours of work or something in kind.")},
    )
    hours = forms.DecimalField(
        localize=True, label=_("Hours"), required=False, min_value=0, max_digits=7, decimal_places=1
    )
    description = forms.CharField(label=_("What"), max_length=200, required=False)
    value = forms.DecimalField(
        localize=True,
        label=_("Value (PLN)"),
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=2,
    )


class DeliveredForm(forms.Form):
    hours = forms.DecimalField(
        localize=True,
        label=_("Hours delivered"),
        min_value=0,
        max_digits=7,
        decimal_places=1,
        initial=0,
    )
    value = forms.DecimalField(
        localize=True,
        label=_("Value delivered (PLN)"),
        min_value=0,
        max_digits=10,
        decimal_places=2,
        initial=0,
    )
