"""Paper ballots handed in at the centre: entered by staff, corrected with a trail.

A card is entered once (its number and its resident are unique per consultation, kept by the
database) and counts once a second staff member has typed the same marks
(voting/paper_entry.py). A correction keeps the before and after, with who and why.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consultations.models import ConsultationPage
from consultations.participation import vote_hold
from voting.models import (
    Ballot,
    BallotChoice,
    BallotCorrection,
    Channel,
    PaperEntry,
    Participation,
    TieDraw,
)
from voting.services.ballot_paper import ballot_paper
from voting.services.selection import check_selection
from voting.services.voters import _published, participation_of


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
