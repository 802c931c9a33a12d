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

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from consultations.models import ConsultationPage
from consultations.participation import require as require_participation
from consultations.participation import vote_hold
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

# What is on the ballot and checking a selection live in ballot_paper and selection;
# callers keep importing them from here.
from voting.services.ballot_paper import (  # noqa: F401
    OPTION_FIELDS,
    BallotPaper,
    Option,
    Pool,
    ballot_paper,
    pools,
    town_pool_name,
)
from voting.services.selection import (  # noqa: F401
    _pln,
    check_budget,
    check_limits,
    check_selection,
)
from voting.tally import TOWN_POOL  # noqa: F401

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
        raise ValidationError(
            _("The results are published; ballots can no longer be entered."), code="published"
        )
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
    if ballot.channel != Channel.PAPER:
        raise ValidationError(_("Only paper ballots can be corrected by staff."))
    if not reason.strip():
        raise ValidationError(_("Say why the ballot is corrected."), code="reason")
    # The page's row lock first, then the card's: the order publishing and confirming take
    # them, so a correction never deadlocks with them, and one that starts while the result
    # is switched on waits for it and is refused (below, under the lock) instead of
    # committing a change the published file does not hold.
    ConsultationPage.objects.select_for_update().filter(pk=ballot.consultation_id).first()
    ballot = (
        Ballot.objects.select_for_update(of=("self",))
        .select_related("consultation")
        .get(pk=ballot.pk)
    )
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
