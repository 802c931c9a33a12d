"""Casting and changing ballots, online and on paper.

One ballot per person per consultation is kept by the database: a Participation is unique
per (consultation, user) and a Ballot per (consultation, voter_key). `cast_ballot` inserts
the participation first; of parallel attempts by the same voter exactly one insert wins and
the others (on PostgreSQL they wait for it on the unique index) go on to change that ballot,
under a row lock, or are refused when ballots are final. Budget limits are checked on the
ballot being saved, inside the same transaction, from the proposals' official costs.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from consultations import counting_rules
from consultations.models import ConsultationPage
from consultations.participation import require as require_participation
from consultations.participation import vote_hold
from home.ids import parse_id
from proposals.models import Proposal
from voting.models import (
    Ballot,
    BallotChoice,
    BallotCorrection,
    Channel,
    PaperEntry,
    Participation,
    ResultSnapshot,
    TieDraw,
)
from voting.tally import TOWN_POOL

Method = ConsultationPage.VotingMethod
Answer = BallotChoice.Answer
VOTER_KEY_SALT = "mam.voting.voter-key"


def voter_key(user, consultation: ConsultationPage) -> str:
    """Return the keyed hash that finds `user`'s ballot in `consultation` again.

    HMAC-SHA256 with MAM_VOTER_KEY_SECRET (SECRET_KEY unless set): without the server secret
    the ballots table does not say whose ballot is whose. Changing the secret while a vote
    runs would make ballots cast before it impossible to change (never to count twice: the
    participation record still stops a second ballot).
    """
    return salted_hmac(
        VOTER_KEY_SALT,
        f"{consultation.pk}:{user.pk}",
        secret=getattr(settings, "MAM_VOTER_KEY_SECRET", None) or None,
        algorithm="sha256",
    ).hexdigest()


# --- What is on the ballot -------------------------------------------------------------------


@dataclass(frozen=True)
class Option:
    """A proposal on the ballot, with its cost and budget pool (participatory budget)."""

    proposal: object
    cost: Decimal | None
    pool: str
    pool_name: str

    @property
    def id(self) -> int:
        return self.proposal.pk


@dataclass(frozen=True)
class Pool:
    id: str
    name: str
    amount: Decimal
    district_id: int | None = None


@dataclass
class BallotPaper:
    """Everything a ballot form needs: the options grouped by pool, and the questions."""

    method: str
    options: list[Option]
    pools: list[Pool]
    questions: list = field(default_factory=list)
    max_choices: int | None = None
    # The regulamin's rules: points per place (the voter ranks), most per category/district.
    points: list[int] = field(default_factory=list)
    limits: dict = field(default_factory=dict)

    @property
    def option_ids(self) -> set[int]:
        return {option.id for option in self.options}

    def options_in(self, pool_id: str) -> list[Option]:
        return [option for option in self.options if option.pool == pool_id]


def town_pool_name(consultation: ConsultationPage) -> str:
    """The one name of the town-wide pool on the ballot, the results, the files and the API:
    the town's own name (as the published ballot file has always given it)."""
    return getattr(consultation.centre, "town", "") or consultation.title


def pools(consultation: ConsultationPage, *, name_when_shown: bool = False) -> list[Pool]:
    """The budget's pools: the town-wide amount, then one per district that has its own.

    `name_when_shown`: the town pool's name (which looks up the centre) is read only if a
    message prints it (a cast, which names the pool only when it refuses the selection).
    """
    if consultation.voting_method != Method.BUDGET:
        return []
    town = (
        lazy(town_pool_name, str)(consultation) if name_when_shown else town_pool_name(consultation)
    )
    result = [Pool(TOWN_POOL, town, consultation.budget_amount or Decimal(0))]
    for pool in consultation.budget_pools.select_related("district").order_by("sort_order"):
        result.append(
            Pool(f"district-{pool.district_id}", pool.district.name, pool.amount, pool.district_id)
        )
    return result


# The proposal fields a ballot shows or checks, with its category's name annotated as
# `category_name` (no Category instance per option); the rest of a proposal (description,
# location, moderation, authorship) is not read for every option of a large ballot.
OPTION_FIELDS = (
    "id",
    "consultation",
    "status",
    "title",
    "place",
    "official_cost",
    "district",
    "category",
)


def _proposal_ids(values) -> set[int]:
    """The ids among `values` that are whole numbers (others are never on a ballot)."""
    return {number for value in values if (number := parse_id(value)) is not None}


def ballot_paper(consultation: ConsultationPage, *, proposal_ids=None) -> BallotPaper:
    """Read what is on the ballot: accepted, visible proposals (with a cost for a budget).

    With `proposal_ids` (the ids a voter ticked) only those of them that are on the ballot are
    read: enough for `check_selection`, which looks only at the chosen options and the pools,
    so casting a ballot costs the same however many proposals the ballot lists.
    """
    method = consultation.voting_method
    pool_list = pools(consultation, name_when_shown=proposal_ids is not None)
    by_district = {pool.district_id: pool for pool in pool_list if pool.district_id}
    town = pool_list[0].name if pool_list else ""
    options = []
    questions = []
    if method in (Method.APPROVAL, Method.BUDGET):
        proposals = (
            Proposal.objects.visible()
            .filter(consultation=consultation, status=Proposal.Status.ACCEPTED)
            .only(*OPTION_FIELDS)
            .annotate(category_name=F("category__name"))
            .order_by("title", "pk")
        )
        if method == Method.BUDGET:
            proposals = proposals.filter(official_cost__isnull=False)
        if proposal_ids is not None:
            proposals = proposals.filter(pk__in=_proposal_ids(proposal_ids))
        for proposal in proposals:
            pool = by_district.get(proposal.district_id)
            options.append(
                Option(
                    proposal,
                    proposal.official_cost,
                    pool.id if pool else TOWN_POOL,
                    pool.name if pool else town,
                )
            )
    elif method == Method.QUESTION:
        questions = list(consultation.questions.order_by("sort_order", "pk"))
    rules = counting_rules.page_rules(consultation)
    return BallotPaper(
        method,
        options,
        pool_list,
        questions,
        consultation.max_choices,
        points=rules.get("points", []),
        limits=rules.get("limits", {}),
    )


# --- Checking a selection ----------------------------------------------------------------------


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


# --- Online ---------------------------------------------------------------------------------


def participation_of(user, consultation: ConsultationPage) -> Participation | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Participation.objects.filter(consultation=consultation, user=user).first()


def own_ballot(user, consultation: ConsultationPage) -> Ballot | None:
    """The signed-in voter's own online ballot with its choices (to show or change it)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Ballot.objects.filter(consultation=consultation, voter_key=voter_key(user, consultation))
        .prefetch_related("choices")
        .first()
    )


def cast_ballot(
    *,
    user,
    consultation: ConsultationPage,
    proposal_ids=(),
    answers: dict | None = None,
    now: datetime.datetime | None = None,
    paper: BallotPaper | None = None,
) -> Ballot:
    """Cast `user`'s online ballot, or change it if they voted online before.

    Raises NotAllowed (the participation rule's decision) when the person may not vote now,
    ValidationError when the selection breaks the rules, when they voted on paper (code
    "voted_on_paper"), or when ballots are final and they voted (code "final").
    `paper`: the ballot as `ballot_paper(consultation, proposal_ids=...)` read it for these
    ids, when the caller already read it (the voting page, to parse the form): not read twice.
    """
    now = now or timezone.now()
    require_participation(user, consultation, "vote", now)
    if _published(consultation):
        raise ValidationError(_("The results are published; the vote is over."))
    if paper is None:
        paper = ballot_paper(consultation, proposal_ids=proposal_ids)
    choices = check_selection(paper, proposal_ids, answers)
    key = voter_key(user, consultation)
    with transaction.atomic():
        try:
            with transaction.atomic():
                Participation.objects.create(
                    consultation=consultation, user=user, channel=Channel.ONLINE, voted_at=now
                )
        except IntegrityError:
            ballot = _ballot_to_change(user, consultation, key, now)
            ballot.choices.all().delete()
        else:
            ballot = Ballot.objects.create(
                consultation=consultation, voter_key=key, channel=Channel.ONLINE
            )
        for choice in choices:
            choice.ballot = ballot
        BallotChoice.objects.bulk_create(choices)
    return ballot


def _ballot_to_change(user, consultation, key, now) -> Ballot:
    participation = Participation.objects.select_for_update().get(
        consultation=consultation, user=user
    )
    if participation.channel == Channel.PAPER:
        raise ValidationError(
            _("You voted on paper at the centre, so you cannot also vote online."),
            code="voted_on_paper",
        )
    if consultation.ballots_final:
        raise ValidationError(
            _("You have already voted, and in this vote a ballot cannot be changed."),
            code="final",
        )
    ballot = Ballot.objects.select_for_update().filter(consultation=consultation, voter_key=key)
    ballot = ballot.first()
    if ballot is None:
        # Only when the server secret changed after this person voted (see voter_key).
        raise ValidationError(_("Your earlier ballot cannot be found, so it cannot be changed."))
    participation.voted_at = now
    participation.save(update_fields=["voted_at"])
    return ballot


def results_published(consultation) -> bool:
    """True once the consultation's result is published (no ballot can change after)."""
    return ResultSnapshot.objects.filter(
        consultation=consultation, published_at__isnull=False
    ).exists()


_published = results_published


# --- On paper -----------------------------------------------------------------------------------


def _paper_open(consultation: ConsultationPage, now) -> None:
    started = any(
        phase.kind == phase.Kind.VOTING and phase.starts_at <= now
        for phase in consultation.phases.all()
    )
    if not started:
        raise ValidationError(_("Paper ballots can be entered once voting has started."))
    held = vote_hold(consultation)
    if held is not None:
        raise ValidationError(held.reason)
    if _published(consultation):
        raise ValidationError(_("The results are published; ballots can no longer be entered."))
    if TieDraw.objects.filter(consultation=consultation).exists():
        # A drawn tie was counted from these ballots: another card could undo the draw.
        raise ValidationError(
            _("A tie has been drawn by lot from the ballots entered: no more can be entered.")
        )


def _check_paper_not_entered(
    consultation: ConsultationPage, *, paper_number: int, resident
) -> None:
    """Raise ValidationError when the card's number was entered or the resident already voted."""
    if Participation.objects.filter(consultation=consultation, paper_number=paper_number).exists():
        raise ValidationError(
            _("Paper ballot number %(number)s has already been entered.")
            % {"number": paper_number},
            code="duplicate_number",
        )
    if resident is not None:
        earlier = participation_of(resident, consultation)
        if earlier is not None:
            raise ValidationError(
                _("This resident has already voted (%(channel)s).")
                % {"channel": earlier.get_channel_display()},
                code="already_voted",
            )


@transaction.atomic
def enter_paper_ballot(
    *,
    consultation: ConsultationPage,
    paper_number: int,
    by,
    proposal_ids=(),
    answers: dict | None = None,
    voter_name: str = "",
    voter_address: str = "",
    resident=None,
    invalid: bool = False,
    now: datetime.datetime | None = None,
) -> Ballot:
    """Record a paper ballot handed in at the centre, typed in by staff member `by`.

    `resident` (an account) is given when staff know who the voter is: they then cannot vote
    online, and a resident who already voted online cannot hand in a paper ballot. A card
    filled in wrongly is entered with `invalid=True`: it is kept, counted in turnout as void.
    The caller checks that `by` is staff of the consultation's centre.
    """
    now = now or timezone.now()
    _paper_open(consultation, now)
    _check_paper_not_entered(consultation, paper_number=paper_number, resident=resident)
    choices = [] if invalid else check_selection(ballot_paper(consultation), proposal_ids, answers)
    try:
        with transaction.atomic():
            Participation.objects.create(
                consultation=consultation,
                user=resident,
                channel=Channel.PAPER,
                voted_at=now,
                paper_number=paper_number,
                voter_name=voter_name.strip(),
                voter_address=voter_address.strip(),
                entered_by=by,
            )
            ballot = Ballot.objects.create(
                consultation=consultation,
                channel=Channel.PAPER,
                paper_number=paper_number,
                entered_by=by,
                void_reason=Ballot.Void.INVALID_CARD if invalid else "",
            )
    except IntegrityError:
        # A parallel entry took the number or the resident first.
        raise ValidationError(
            _("This paper ballot or this resident has just been entered by someone else."),
            code="duplicate_number",
        ) from None
    for choice in choices:
        choice.ballot = ballot
    BallotChoice.objects.bulk_create(choices)
    # The first of the two typings: the card counts once another staff member types the same.
    PaperEntry.objects.create(
        ballot=ballot, entered_by=by, entered_at=now, content=entry_content(ballot)
    )
    return ballot


def entry_content(ballot: Ballot) -> dict:
    """A paper ballot's marks as two typings of the card are compared (PaperEntry.content)."""
    summary = ballot_summary(ballot)
    return {
        "invalid": summary["void"] == Ballot.Void.INVALID_CARD,
        "proposals": summary["proposals"],
        "answers": summary["answers"],
    }


def ballot_summary(ballot: Ballot) -> dict:
    """A ballot's content as plain data (for the correction trail)."""
    choices = list(ballot.choices.all())
    return {
        "void": ballot.void_reason,
        "proposals": sorted(choice.proposal_id for choice in choices if choice.proposal_id),
        "answers": {
            str(choice.question_id): choice.answer for choice in choices if choice.question_id
        },
    }


@transaction.atomic
def correct_paper_ballot(
    *,
    ballot: Ballot,
    by,
    reason: str,
    proposal_ids=(),
    answers: dict | None = None,
    invalid: bool = False,
    now: datetime.datetime | None = None,
) -> Ballot:
    """Change a paper ballot typed in wrongly; the before and after are kept with who and why."""
    now = now or timezone.now()
    ballot = Ballot.objects.select_for_update().select_related("consultation").get(pk=ballot.pk)
    if ballot.channel != Channel.PAPER:
        raise ValidationError(_("Only paper ballots can be corrected by staff."))
    if not reason.strip():
        raise ValidationError(_("Say why the ballot is corrected."), code="reason")
    consultation = ballot.consultation
    _paper_open(consultation, now)
    choices = [] if invalid else check_selection(ballot_paper(consultation), proposal_ids, answers)
    before = ballot_summary(ballot)
    ballot.choices.all().delete()
    if ballot.void_reason in ("", Ballot.Void.INVALID_CARD):
        ballot.void_reason = Ballot.Void.INVALID_CARD if invalid else ""
        ballot.save(update_fields=["void_reason"])
    for choice in choices:
        choice.ballot = ballot
    BallotChoice.objects.bulk_create(choices)
    BallotCorrection.objects.create(
        ballot=ballot,
        corrected_by=by,
        corrected_at=now,
        reason=reason.strip(),
        before=before,
        after=ballot_summary(ballot),
    )
    # A corrected card is the corrector's typing: it counts again once a second person
    # types the same marks (consultations/paper_entry.py).
    PaperEntry.objects.create(
        ballot=ballot, entered_by=by, entered_at=now, content=entry_content(ballot)
    )
    if ballot.confirmed_at is not None:
        ballot.confirmed_at = None
        ballot.confirmed_by = None
        ballot.save(update_fields=["confirmed_at", "confirmed_by"])
    return ballot


# --- Turnout ---------------------------------------------------------------------------------


def counted_participations(consultation: ConsultationPage):
    """The consultation's participations that count: online, and paper cards confirmed by a
    second staff member (a card awaiting its second typing is not yet a vote)."""
    confirmed = Ballot.objects.filter(
        consultation=OuterRef("consultation"),
        paper_number=OuterRef("paper_number"),
        confirmed_at__isnull=False,
    )
    return Participation.objects.filter(consultation=consultation).filter(
        Q(channel=Channel.ONLINE) | Exists(confirmed)
    )


def turnout(consultation: ConsultationPage) -> dict:
    """How many people have voted so far, online and on paper (one query).

    "online" and "paper" count ballots cast each way; "total" counts people: a paper voter
    whom staff confirmed as having voted online too ("double") is one person, not two.
    """
    counts = counted_participations(consultation).aggregate(
        online=Count("pk", filter=Q(channel=Channel.ONLINE)),
        paper=Count("pk", filter=Q(channel=Channel.PAPER)),
        double=Count("pk", filter=Q(channel=Channel.PAPER, void_reason=Ballot.Void.DOUBLE_VOTE)),
    )
    counts["total"] = counts["online"] + counts["paper"] - counts["double"]
    return counts
