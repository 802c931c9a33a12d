"""Checking a voter's selection against the ballot paper: the same rules for online
ballots, paper ballots and the API."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from consultations.models import ConsultationPage
from home.ids import parse_id
from voting.models import BallotChoice
from voting.services.ballot_paper import BallotPaper, Option
from voting.tally import TOWN_POOL

Method = ConsultationPage.VotingMethod
Answer = BallotChoice.Answer


def _pln(amount: Decimal) -> str:
    return _("%(amount)s zł") % {"amount": number_format(amount, 2, force_grouping=True)}


def check_selection(
    paper: BallotPaper, proposal_ids, answers: dict | None = None
) -> list[BallotChoice]:
    """Return the unsaved choices for a valid selection, or raise ValidationError saying why."""
    method = paper.method
    if not method:
        raise ValidationError(_("There is no vote in this consultation."))
    if method == Method.QUESTION:
        return _answer_choices(paper, answers or {})
    in_order = _chosen_proposal_ids(paper, proposal_ids)
    wanted = set(in_order)
    chosen = [option for option in paper.options if option.id in wanted]
    check_limits(paper, chosen)
    if method == Method.BUDGET:
        check_budget(paper, chosen)
    if paper.points:
        by_id = {option.id: option for option in chosen}
        return [
            BallotChoice(proposal=by_id[pk].proposal, rank=place)
            for place, pk in enumerate(in_order, start=1)
        ]
    return [BallotChoice(proposal=option.proposal) for option in chosen]


def _answer_choices(paper: BallotPaper, answers: dict) -> list[BallotChoice]:
    """Return one choice per question, or raise ValidationError naming the unanswered ones."""
    choices = []
    missing = []
    for question in paper.questions:
        answer = answers.get(question.pk) or answers.get(str(question.pk))
        if answer not in Answer.values:
            missing.append(question.text)
            continue
        choices.append(BallotChoice(question=question, answer=answer))
    if missing:
        raise ValidationError(
            _("Answer every question (you may abstain): %(questions)s")
            % {"questions": "; ".join(missing)},
            code="unanswered",
        )
    return choices


def _chosen_proposal_ids(paper: BallotPaper, proposal_ids) -> list[int]:
    """Return the chosen proposal ids in the voter's order, or raise ValidationError when
    they are unknown, repeated on a points ballot, none, or more than the ballot allows."""
    in_order = [parse_id(pk) for pk in proposal_ids]
    wanted = set(in_order)
    if None in wanted:
        raise ValidationError(_("Choose proposals from the list."), code="unknown")
    if paper.points and len(wanted) < len(in_order):
        raise ValidationError(
            _("Each proposal may take one place only: choose different proposals."),
            code="repeated",
        )
    if not wanted:
        raise ValidationError(_("Choose at least one proposal."), code="empty")
    unknown = wanted - paper.option_ids
    if unknown:
        raise ValidationError(
            _("Some of the chosen proposals are not on this ballot."), code="unknown"
        )
    if paper.method == Method.APPROVAL and paper.max_choices and len(wanted) > paper.max_choices:
        raise ValidationError(
            ngettext(
                "You may choose at most %(count)d proposal.",
                "You may choose at most %(count)d proposals.",
                paper.max_choices,
            )
            % {"count": paper.max_choices},
            code="too_many",
        )
    return in_order


def check_budget(paper: BallotPaper, chosen: list[Option]) -> None:
    """Raise ValidationError when the chosen proposals span two districts or cost more than
    a pool holds."""
    district_pools = {option.pool for option in chosen if option.pool != TOWN_POOL}
    if len(district_pools) > 1:
        raise ValidationError(
            _("You may choose proposals from one district only (and from the whole town)."),
            code="districts",
        )
    for pool in paper.pools:
        total = sum((option.cost for option in chosen if option.pool == pool.id), Decimal(0))
        if total > pool.amount:
            raise ValidationError(
                _(
                    "The chosen proposals in “%(pool)s” cost %(total)s, more than the "
                    "%(amount)s available. Remove one and try again."
                )
                % {"pool": pool.name, "total": _pln(total), "amount": _pln(pool.amount)},
                code="over_budget",
            )


def check_limits(paper: BallotPaper, chosen: list[Option]) -> None:
    """Raise ValidationError when more proposals of one category or district are chosen than
    the regulamin allows (the same rule tally.py applies to the published ballots)."""
    most = paper.limits.get("category")
    if most:
        counts = Counter(o.proposal.category_id for o in chosen if o.proposal.category_id)
        for category_id, count in counts.items():
            if count > most:
                name = next(
                    o.proposal.category_name
                    for o in chosen
                    if o.proposal.category_id == category_id
                )
                raise ValidationError(
                    ngettext(
                        "You may choose at most %(count)d proposal in the category “%(name)s”.",
                        "You may choose at most %(count)d proposals in the category “%(name)s”.",
                        most,
                    )
                    % {"count": most, "name": name},
                    code="limit",
                )
    most = paper.limits.get("district")
    if most:
        counts = Counter(o.proposal.district_id for o in chosen if o.proposal.district_id)
        if any(count > most for count in counts.values()):
            raise ValidationError(
                ngettext(
                    "You may choose at most %(count)d proposal in one district.",
                    "You may choose at most %(count)d proposals in one district.",
                    most,
                )
                % {"count": most},
                code="limit",
            )
