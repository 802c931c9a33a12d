"""The author's appeal form and the staff forms of the review."""

from django import forms
from django.utils.translation import gettext_lazy as _

from review.models import Outcome


class AppealForm(forms.Form):
    reasons = forms.CharField(
        label=_("Why should the project be admitted to the vote?"),
        help_text=_("Answer the reasons given for each criterion not met. Up to 5000 characters."),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )


class AssessForm(forms.Form):
    """One radio and one comment per criterion, plus the town's cost and the assignment."""

    MET_CHOICES = [("yes", _("met")), ("no", _("not met"))]

    def __init__(self, *args, criteria, assessments, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            done = assessments.get(criterion.pk)
            self.fields[f"met_{criterion.pk}"] = forms.ChoiceField(
                label=criterion.text,
                help_text=criterion.explanation,
                choices=self.MET_CHOICES,
                widget=forms.RadioSelect,
                required=False,
                initial=None if done is None else ("yes" if done.met else "no"),
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on: %(criterion)s") % {"criterion": criterion.text},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial="" if done is None else done.comment,
            )

    def answers(self):
        """(criterion, met, comment) for each criterion given an answer."""
        for criterion in self.criteria:
            met = self.cleaned_data.get(f"met_{criterion.pk}")
            if met:
                yield criterion, met == "yes", self.cleaned_data.get(f"comment_{criterion.pk}", "")


class TownCostForm(forms.Form):
    town_cost = forms.DecimalField(
        label=_("The town's cost estimate (PLN)"),
        help_text=_("Leave empty to keep the author's estimate."),
        max_digits=12,
        decimal_places=2,
        min_value=0,
        required=False,
    )


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[choice for choice in Outcome.choices if choice[0]],
        widget=forms.RadioSelect,
    )
    changes_agreed = forms.CharField(
        label=_("Changes agreed with the author"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    summary = forms.CharField(
        label=_("Public justification (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PaperAppealForm(forms.Form):
    received_on = forms.DateField(
        label=_("Received at the centre on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reasons = forms.CharField(
        label=_("Reasons given in the appeal"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class AppealDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("upheld", _("upheld: the project goes on the ballot")),
            ("dismissed", _("dismissed")),
        ],
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(
        label=_("Reasons for the decision"), widget=forms.Textarea(attrs={"rows": 5})
    )


class VoteOverrideForm(forms.Form):
    reason = forms.CharField(
        label=_("Why may the vote open while appeals are pending?"),
        help_text=_("Recorded in the consultation's history with your name."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
