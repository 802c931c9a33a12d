"""Casting and changing online ballots (paper ballots: paper_ballots.py).

One ballot per person per consultation is kept by the database: a Participation is unique
per (consultation, user) and a Ballot per (consultation, voter_key). `cast_ballot` inserts
the participation first; of parallel attempts by the same voter exactly one insert wins and
the others (on PostgreSQL they wait for it on the unique index) go on to change that ballot,
under a row lock, or are refused when ballots are final. Budget limits are checked on the
ballot being saved, inside the same transaction, from the proposals' official costs.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consultations.models import ConsultationPage
from consultations.participation import require as require_participation
from voting.models import Ballot, BallotChoice, Channel, Participation

# What is on the ballot, checking a selection, who a ballot belongs to, paper ballots and
# turnout live in modules of their own; callers keep importing them from here.
from voting.services.ballot_paper import (  # noqa: F401
    OPTION_FIELDS,
    BallotPaper,
    Option,
    Pool,
    ballot_paper,
    pools,
    town_pool_name,
)
from voting.services.paper_ballots import (  # noqa: F401
    _check_paper_not_entered,
    _paper_open,
    ballot_summary,
    correct_paper_ballot,
    enter_paper_ballot,
    entry_content,
)
from voting.services.selection import (  # noqa: F401
    _pln,
    check_budget,
    check_limits,
    check_selection,
)
from voting.services.turnout import counted_participations, turnout  # noqa: F401
from voting.services.voters import (  # noqa: F401
    VOTER_KEY_SALT,
    _published,
    own_ballot,
    participation_of,
    results_published,
    voter_key,
)
from voting.tally import TOWN_POOL  # noqa: F401

Method = ConsultationPage.VotingMethod
Answer = BallotChoice.Answer


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
