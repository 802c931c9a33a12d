"""Two-person entry of paper ballots: a card counts once two staff members typed the same marks.

The first typing (`voting.enter_paper_ballot`) saves the card unconfirmed. A second staff
member types the card again without seeing the first typing (`confirm_paper_ballot`). When
their marks equal another person's latest typing the card is confirmed with those marks;
otherwise it is a mismatch, listed for resolution, and settled the same way: a third person's
typing, or one of the two typing it again, that agrees with another person's latest typing.
Unconfirmed cards are counted neither in the result nor in turnout (`counted_ballots`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from consultations.models import ConsultationPage
from voting.models import Ballot, BallotChoice, Channel, PaperEntry
from voting.services import voting

CONFIRMED = "confirmed"
MISMATCH = "mismatch"


def selection_content(
    paper: voting.BallotPaper, *, proposal_ids=(), answers: dict | None = None, invalid: bool
) -> tuple[dict, list[BallotChoice]]:
    """The typed marks as entry content, with the unsaved choices (checked like any ballot)."""
    choices = [] if invalid else voting.check_selection(paper, proposal_ids, answers)
    content = {
        "invalid": invalid,
        "proposals": sorted(c.proposal_id for c in choices if c.proposal_id),
        "answers": {str(c.question_id): c.answer for c in choices if c.question_id},
    }
    return content, choices


def latest_by_person(entries) -> dict:
    """Each staff member's latest typing of a card: {user id: entry}."""
    latest: dict = {}
    for entry in sorted(entries, key=lambda e: (e.entered_at, e.pk)):
        latest[entry.entered_by_id] = entry
    return latest


def _locked_unconfirmed_card(consultation: ConsultationPage, *, paper_number: int) -> Ballot:
    """Lock and return card `paper_number`, or raise ValidationError when it was never
    entered or is confirmed already."""
    ballot = (
        Ballot.objects.select_for_update()
        .filter(consultation=consultation, channel=Channel.PAPER, paper_number=paper_number)
        .first()
    )
    if ballot is None:
        raise ValidationError(
            _("No card with number %(number)s has been entered yet: enter it first.")
            % {"number": paper_number},
            code="unknown_number",
        )
    if ballot.confirmed_at is not None:
        raise ValidationError(
            _("Card no. %(number)s is already confirmed.") % {"number": paper_number},
            code="confirmed",
        )
    return ballot


@transaction.atomic
def confirm_paper_ballot(
    *,
    consultation: ConsultationPage,
    paper_number: int,
    by,
    proposal_ids=(),
    answers: dict | None = None,
    invalid: bool = False,
    now: datetime.datetime | None = None,
) -> tuple[Ballot, str]:
    """Type card `paper_number` again as staff member `by`; return (ballot, CONFIRMED or MISMATCH).

    The card row is locked, so of two people confirming the same card at once one confirms
    and the other is told it is confirmed already. The caller checks `by` is staff of the
    consultation's centre.
    """
    now = now or timezone.now()
    # The page's row lock first, as publishing and settling double votes take it: a card
    # confirmed while the result is switched on waits for it and is refused, instead of
    # finding "not published yet" before the switch and counting after it.
    ConsultationPage.objects.select_for_update().filter(pk=consultation.pk).first()
    voting._paper_open(consultation, now)
    ballot = _locked_unconfirmed_card(consultation, paper_number=paper_number)
    latest = latest_by_person(ballot.entries.all())
    others = {user: entry for user, entry in latest.items() if user != by.pk}
    if not others:
        raise ValidationError(
            _("You entered this card: another staff member must enter it again to confirm it."),
            code="same_person",
        )
    content, choices = selection_content(
        voting.ballot_paper(consultation),
        proposal_ids=proposal_ids,
        answers=answers,
        invalid=invalid,
    )
    PaperEntry.objects.create(ballot=ballot, entered_by=by, entered_at=now, content=content)
    if not any(entry.content == content for entry in others.values()):
        return ballot, MISMATCH
    if voting.entry_content(ballot) != content:
        # Settled in favour of another typing than the one the card holds now.
        ballot.choices.all().delete()
        for choice in choices:
            choice.ballot = ballot
        BallotChoice.objects.bulk_create(choices)
        if ballot.void_reason in ("", Ballot.Void.INVALID_CARD):
            ballot.void_reason = Ballot.Void.INVALID_CARD if invalid else ""
    ballot.confirmed_at = now
    ballot.confirmed_by = by
    ballot.save(update_fields=["void_reason", "confirmed_at", "confirmed_by"])
    return ballot, CONFIRMED


@dataclass
class Unconfirmed:
    """A card not yet counted: awaiting its second typing, or typed differently by two people."""

    ballot: Ballot
    entries: list[PaperEntry]

    @property
    def people(self) -> list:
        return [entry.entered_by for entry in latest_by_person(self.entries).values()]

    @property
    def is_mismatch(self) -> bool:
        return len(latest_by_person(self.entries)) > 1


def unconfirmed_cards(consultation: ConsultationPage) -> list[Unconfirmed]:
    """The paper cards not yet confirmed, by number, with who typed them (two queries)."""
    ballots = (
        Ballot.objects.filter(
            consultation=consultation, channel=Channel.PAPER, confirmed_at__isnull=True
        )
        .prefetch_related(
            Prefetch("entries", queryset=PaperEntry.objects.select_related("entered_by"))
        )
        .order_by("paper_number")
    )
    return [Unconfirmed(ballot, list(ballot.entries.all())) for ballot in ballots]


def paper_counts(consultation: ConsultationPage) -> dict:
    """Paper cards entered, confirmed and awaiting (one query)."""
    return Ballot.objects.filter(consultation=consultation, channel=Channel.PAPER).aggregate(
        entered=Count("pk"),
        confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
        confirmed_invalid=Count(
            "pk",
            filter=Q(confirmed_at__isnull=False, void_reason=Ballot.Void.INVALID_CARD),
        ),
    )
