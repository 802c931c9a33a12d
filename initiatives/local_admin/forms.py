"""The forms of the organiser's screens: the town's evaluation, its decision and its rules."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from home.ids import parse_id

MAX_POINTS = 100


class EvaluationForm(forms.Form):
    filed_on = forms.DateField(
        label=_("Filed with the town on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, criteria, scores, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            old = scores.get(criterion.pk)
            self.fields[f"criterion_{criterion.pk}"] = forms.IntegerField(
                label=f"{criterion.name} (0–{criterion.max_score})",
                min_value=0,
                max_value=criterion.max_score,
                initial=old.score if old else None,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment"),
                required=False,
                max_length=2000,
                initial=old.comment if old else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def scores(self) -> dict[int, tuple[int, str]]:
        data = self.cleaned_data
        return {c.pk: (data[f"criterion_{c.pk}"], data[f"comment_{c.pk}"]) for c in self.criteria}


class DecisionForm(forms.Form):
    accepted = forms.TypedChoiceField(
        label=_("The town's decision"),
        choices=[("1", _("accepted")), ("0", _("rejected"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(
        label=_("Reasons"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    decided_on = forms.DateField(
        label=_("Decided on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    agreement_starts_on = forms.DateField(
        label=_("Agreement from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    agreement_ends_on = forms.DateField(
        label=_("Agreement until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class TermsForm(forms.Form):
    hourly_rate = forms.DecimalField(
        localize=True,
        label=_("Value of one hour of social work (PLN)"),
        required=False,
        min_value=Decimal("0.01"),
        max_digits=10,
        decimal_places=2,
    )
    resolution = forms.CharField(label=_("The town's resolution"), max_length=200, required=False)
    criteria = forms.CharField(
        label=_("Evaluation criteria"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One per line: the criterion, a semicolon, the most points."),
    )

    def clean_criteria(self) -> list[tuple[str, int]]:
        rows = []
        for line in self.cleaned_data["criteria"].splitlines():
            if not line.strip():
                continue
            name, _sep, most = line.rpartition(";")
            most = parse_id(most.strip())
            if not name.strip() or not most or most > MAX_POINTS:
                raise forms.ValidationError(
                    _("Write each criterion as: the criterion; the most points (1–100).")
                )
            rows.append((name.strip()[:200], most))
        return rows
