"""Forms of the paper channel's second typing and of the commission's protocol."""

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from voting.models import PaperProtocol
from voting.paper_forms import ERROR_FIELDS, BallotContentForm

MAX_FIGURE = 2_147_483_647

ERROR_FIELDS.update(
    {"unknown_number": "paper_number", "confirmed": "paper_number", "same_person": "paper_number"}
)


class ConfirmForm(BallotContentForm):
    """A card typed again by a second staff member: its number and marks, nothing else."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paper_number"] = forms.IntegerField(
            label=_("Paper ballot number"), min_value=1, max_value=2_147_483_647
        )
        if not self.is_bound:
            self.fields["paper_number"].widget.attrs["autofocus"] = True
        self.order_fields(
            ["paper_number", "proposals", *[f"question_{q.pk}" for q in self.paper.questions]]
            + ["invalid"]
        )


class ProtocolForm(forms.ModelForm):
    """The commission's figures and members, as on the signed protocol."""

    class Meta:
        model = PaperProtocol
        fields = [
            "cards_received",
            "cards_issued",
            "cards_unused",
            "cards_valid",
            "invalid_no_mark",
            "invalid_too_many",
            "invalid_other",
            "members",
        ]
        widgets = {"members": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.Meta.fields[:-1]:
            # Whatever the database, a figure past a 32-bit column is refused in the form.
            self.fields[name].validators.append(MaxValueValidator(MAX_FIGURE))
            self.fields[name].widget.attrs["max"] = MAX_FIGURE

    def figures(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields[:-1]}


class ExplainForm(forms.Form):
    explanation = forms.CharField(
        label=_("Why do the protocol and the entered cards differ?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. “one card was taken away by a voter, as the protocol notes”."),
    )
