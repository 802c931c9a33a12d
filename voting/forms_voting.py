"""The online ballot: one form for the three voting methods, checked by the voting rules.

The form reads what was ticked; `voting.services.voting.check_selection` decides
whether it is allowed, so the page, the API and paper entry share one rule.
"""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from consultations.models import ConsultationPage
from home.ids import IdsField, parse_id
from voting.models import BallotChoice
from voting.services.voting import BallotPaper, check_selection

Method = ConsultationPage.VotingMethod
CHOICES_ANCHOR = "ballot-choices"


class BallotForm(forms.Form):
    """Ticked proposals (approval, budget) or one answer per question (question)."""

    # Ticked ids as sent: the voting rules, not the field, say which ones are on the ballot.
    proposals = IdsField(required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, paper: BallotPaper, *args, check: bool = True, **kwargs):
        """`check=False` only reads what was ticked: for a cast, whose rules `cast_ballot`
        checks once (see `over_budget`)."""
        super().__init__(*args, **kwargs)
        self.paper = paper
        self.check = check
        # Where the error summary sends the voter: the group of choices the error is about.
        self.error_anchor = CHOICES_ANCHOR
        if paper.pools:
            self.error_anchor = pool_anchor(paper.pools[0])
        elif paper.questions:
            self.error_anchor = f"question-{paper.questions[0].pk}"
        if paper.method == Method.QUESTION:
            del self.fields["proposals"]
            for question in paper.questions:
                self.fields[question_field(question)] = forms.ChoiceField(
                    label=question.text,
                    choices=BallotChoice.Answer.choices,
                    widget=forms.RadioSelect,
                    error_messages={"required": _("Choose yes, no or abstain.")},
                )
        elif paper.points:
            # Points: one select per place (works without JavaScript); the voting rules check
            # the proposals chosen, so a place is plain text here.
            del self.fields["proposals"]
            for place in range(1, places(paper) + 1):
                self.fields[place_field(place)] = forms.CharField(required=False)
        else:
            self.fields["proposals"].choices = [(o.id, o.proposal.title) for o in paper.options]

    def chosen_ids(self) -> set[int]:
        """The ticked ids that are numbers (to tick them again on a page with an error)."""
        if self.paper.points:
            return {pk for pk in self.ranked_ids() if pk is not None}
        values = self.data.getlist("proposals") if self.is_bound else self.initial_ids()
        return {number for value in values if (number := parse_id(value)) is not None}

    def ranked_ids(self) -> list[int | None]:
        """Points vote: the proposal chosen for each place, in place order (None: none, or
        not a number)."""
        source = self.data if self.is_bound else self.initial
        values = [source.get(place_field(n)) or "" for n in range(1, places(self.paper) + 1)]
        return [parse_id(value) if value else None for value in values]

    def initial_ids(self):
        return self.initial.get("proposals", [])

    def answers(self) -> dict[int, str]:
        return {
            question.pk: self.cleaned_data.get(question_field(question))
            for question in self.paper.questions
        }

    def clean(self):
        cleaned = super().clean()
        if self.paper.method == Method.QUESTION:
            if self.check and not self.errors:
                check_selection(self.paper, (), self.answers())
            return cleaned
        if self.paper.points:
            ranked = self.ranked_ids()
            posted = [self.data.get(place_field(n)) for n in range(1, len(ranked) + 1)]
            if any(pk is None and value for pk, value in zip(ranked, posted, strict=True)):
                raise ValidationError(_("Choose proposals from the list."), code="unknown")
            cleaned["proposals"] = [pk for pk in ranked if pk is not None]
            if self.check:
                check_selection(self.paper, cleaned["proposals"])
            return cleaned
        if "proposals" in self.errors or not self.check:
            return cleaned  # an id that cannot be one: the field says so
        try:
            check_selection(self.paper, cleaned.get("proposals", []))
        except ValidationError as error:
            self.refused(error)
            raise
        return cleaned

    def refused(self, error: ValidationError) -> None:
        """Point the error summary at the group a refused selection is about."""
        if getattr(error, "code", None) == "over_budget":
            self.error_anchor = self._over_budget_anchor()

    def _over_budget_anchor(self) -> str:
        wanted = self.chosen_ids()
        for pool in self.paper.pools:
            total = sum(
                (o.cost for o in self.paper.options_in(pool.id) if o.id in wanted), Decimal(0)
            )
            if total > pool.amount:
                return pool_anchor(pool)
        return self.error_anchor


def question_field(question) -> str:
    return f"question_{question.pk}"


def pool_anchor(pool) -> str:
    return f"pool-{pool.id}"


def places(paper: BallotPaper) -> int:
    """How many places a points ballot has: one per points value (or fewer, if the vote
    allows fewer choices)."""
    return min(paper.max_choices or len(paper.points), len(paper.points))


def place_field(place: int) -> str:
    return f"place_{place}"


def posted_ids(post) -> list[str]:
    """The proposal ids a POST names, ticked or put in a place (in place order)."""
    ranked = sorted(
        (int(key[6:]), value)
        for key, value in post.items()
        if key.startswith("place_") and key[6:].isdigit() and len(key) < 12
    )
    return post.getlist("proposals") + [value for _, value in ranked if value]
