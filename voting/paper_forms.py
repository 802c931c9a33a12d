"""Forms staff use to type in paper ballots: the same options as the online ballot."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import ResidencyDeclaration, Verification
from consultations.models import ConsultationPage
from voting.models import BallotChoice
from voting.paper_kit import card_order
from voting.services.voting import BallotPaper, _pln

Method = ConsultationPage.VotingMethod

# Where a service refusal belongs in the form (ValidationError.code → field).
ERROR_FIELDS = {
    "duplicate_number": "paper_number",
    "already_voted": "resident",
    "empty": "proposals",
    "unknown": "proposals",
    "too_many": "proposals",
    "districts": "proposals",
    "over_budget": "proposals",
    "limit": "proposals",
    "reason": "reason",
}


def option_label(option, method: str) -> str:
    if method == Method.BUDGET and option.cost is not None:
        return f"{option.proposal.title} — {_pln(option.cost)} ({option.pool_name})"
    return option.proposal.title


class BallotContentForm(forms.Form):
    """The marks on a card: proposals (or answers to questions), or "filled in wrongly"."""

    def __init__(self, *args, paper: BallotPaper, **kwargs):
        super().__init__(*args, **kwargs)
        self.paper = paper
        if paper.method in (Method.APPROVAL, Method.BUDGET):
            single = paper.method == Method.APPROVAL and paper.max_choices == 1
            # Numbered and ordered as on the printed card (consultations/paper_kit.py).
            choices = [
                (o.id, f"{number}. {option_label(o, paper.method)}")
                for number, o in card_order(paper)
            ]
            if paper.points:
                # Points: the card's places, first choice first (the order gives the points).
                for place in range(1, min(paper.max_choices or 99, len(paper.points)) + 1):
                    self.fields[f"place_{place}"] = forms.TypedChoiceField(
                        label=_("Place %(place)d on the card (%(points)d pts)")
                        % {"place": place, "points": paper.points[place - 1]},
                        choices=[("", "—"), *choices],
                        coerce=int,
                        required=False,
                    )
            elif single:
                self.fields["proposals"] = forms.TypedChoiceField(
                    label=_("Proposal marked on the card"),
                    choices=choices,
                    coerce=int,
                    required=False,
                    widget=forms.RadioSelect,
                )
            else:
                self.fields["proposals"] = forms.TypedMultipleChoiceField(
                    label=_("Proposals marked on the card"),
                    choices=choices,
                    coerce=int,
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                )
        for question in paper.questions:
            self.fields[f"question_{question.pk}"] = forms.ChoiceField(
                label=question.text,
                choices=BallotChoice.Answer.choices,
                required=False,
                widget=forms.RadioSelect,
            )
        self.fields["invalid"] = forms.BooleanField(
            label=_("The card was filled in wrongly (invalid)"),
            required=False,
            help_text=_("It is kept and counted in turnout as a void ballot."),
        )

    def place_fields(self):
        return [self[name] for name in self.fields if name.startswith("place_")]

    def question_fields(self):
        return [self[f"question_{question.pk}"] for question in self.paper.questions]

    def selection(self) -> dict:
        """Keyword arguments for the voting services."""
        data = self.cleaned_data
        proposals = data.get("proposals")
        if proposals in (None, ""):
            proposals = []
        elif not isinstance(proposals, list):
            proposals = [proposals]
        if self.paper.points:
            places = sorted(
                (int(name[6:]), value) for name, value in data.items() if name.startswith("place_")
            )
            proposals = [value for _place, value in places if value not in (None, "")]
        answers = {
            question.pk: data.get(f"question_{question.pk}") for question in self.paper.questions
        }
        return {"proposal_ids": proposals, "answers": answers, "invalid": data["invalid"]}

    def add_service_error(self, error: ValidationError) -> None:
        field = ERROR_FIELDS.get(error.code)
        if field not in self.fields:
            field = None
        for message in error.messages:
            self.add_error(field, message)


def centre_residents(centre):
    """Accounts known to the centre: verified there, or who declared residence there."""
    User = get_user_model()
    verified = Verification.objects.filter(centre=centre, revoked_at__isnull=True)
    declared = ResidencyDeclaration.objects.filter(centre=centre)
    return User.objects.filter(
        Q(pk__in=verified.values("user_id")) | Q(pk__in=declared.values("user_id")),
        is_active=True,
    )


class PaperBallotForm(BallotContentForm):
    """One paper card: its number, the marks, and the voter as written on it."""

    field_order = ["paper_number"]

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.centre = centre
        self.fields["paper_number"] = forms.IntegerField(
            label=_("Paper ballot number"), min_value=1, max_value=2_147_483_647
        )
        if not self.is_bound:
            # Fast entry: the cursor waits in the number field for the next card.
            self.fields["paper_number"].widget.attrs["autofocus"] = True
        self.fields["voter_name"] = forms.CharField(
            label=_("Voter's name as written on the card"), max_length=200
        )
        self.fields["voter_address"] = forms.CharField(
            label=_("Voter's address as written on the card"), max_length=300
        )
        self.fields["resident"] = forms.CharField(
            label=_("Resident's account (optional)"),
            required=False,
            max_length=254,
            help_text=_(
                "Email address or display name of the voter's account at this centre: "
                "they then cannot also vote online."
            ),
        )
        self.order_fields(
            ["paper_number", "proposals", *[f"question_{q.pk}" for q in self.paper.questions]]
            + ["invalid", "voter_name", "voter_address", "resident"]
        )

    def clean_resident(self):
        text = self.cleaned_data["resident"].strip()
        if not text:
            return None
        found = list(
            centre_residents(self.centre)
            .filter(Q(email__iexact=text) | Q(display_name__iexact=text))
            .order_by("pk")[:2]
        )
        if not found:
            raise ValidationError(
                _("No account of this centre's residents has this email address or name.")
            )
        if len(found) > 1:
            raise ValidationError(
                _("Several accounts have this name: type the email address instead.")
            )
        return found[0]


class CorrectionForm(BallotContentForm):
    """A paper ballot's marks typed in again, and why."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"] = forms.CharField(
            label=_("Why is the ballot corrected?"),
            max_length=300,
            help_text=_("E.g. “a mark was typed on the wrong proposal”."),
        )


def initial_for(ballot, paper: BallotPaper) -> dict:
    """A correction form's starting values: the ballot as it is now."""
    choices = list(ballot.choices.all())
    proposals = [choice.proposal_id for choice in choices if choice.proposal_id]
    single = paper.method == Method.APPROVAL and paper.max_choices == 1
    if paper.points:
        ranked = sorted((c for c in choices if c.proposal_id), key=lambda c: c.rank or 0)
        places = {f"place_{n}": c.proposal_id for n, c in enumerate(ranked, start=1)}
        return places | {"invalid": ballot.void_reason == ballot.Void.INVALID_CARD}
    initial = {
        "proposals": (proposals[0] if proposals else None) if single else proposals,
        "invalid": ballot.void_reason == ballot.Void.INVALID_CARD,
    }
    for choice in choices:
        if choice.question_id:
            initial[f"question_{choice.question_id}"] = choice.answer
    return initial


class ResolveForm(forms.Form):
    """Staff confirm that the paper voter and the online voter are the same person."""

    confirm = forms.BooleanField(
        label=_("I have checked: this is the same person"),
        help_text=_("A matching name and address alone is not proof."),
    )
