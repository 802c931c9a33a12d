"""People who voted both online and on paper, and settling each case by the consultation's rule.

A paper voter without an account is known only by the name and address written on the card.
`double_votes` lists paper voters whose name and address, folded like residency declarations
(accounts.models.residency.identity_key), match the declaration of someone who voted online.
A name match is not proof: staff confirm each case, and only then `resolve_double_vote`
voids what the rule says (ConsultationPage.double_vote_rule).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from accounts.models import ResidencyDeclaration
from accounts.models.residency import identity_key
from consultations.models import ConsultationPage
from voting.models import Ballot, Channel, Participation, TieDraw
from voting.services.voting import _published, voter_key

Rule = ConsultationPage.DoubleVoteRule
DOUBLE_VOTE = Ballot.Void.DOUBLE_VOTE
RESOLVE_ACTION = "mam.paper.double_vote"


@dataclass
class DoubleVote:
    """A paper voter who looks like someone who also voted online."""

    paper: Participation
    online: Participation
    declaration: ResidencyDeclaration
    resolved_by: object = None
    resolved_at: datetime.datetime | None = None

    @property
    def is_resolved(self) -> bool:
        return bool(self.paper.void_reason)


def paper_keys(participation: Participation) -> set[str]:
    """The written name and address folded, in both orders ("Jan Kowalski", "Kowalski Jan")."""
    words = participation.voter_name.split()
    if not words or not participation.voter_address.strip():
        return set()
    address = participation.voter_address
    return {
        identity_key(" ".join(words), "", address),
        identity_key(" ".join(words[1:]), words[0], address),
    }


def _online_declarations(consultation: ConsultationPage) -> dict[str, list[ResidencyDeclaration]]:
    """Declarations of online voters at the consultation's centre, by folded name and address."""
    declarations = (
        ResidencyDeclaration.objects.filter(
            centre=consultation.centre,
            user__participations__consultation=consultation,
            user__participations__channel=Channel.ONLINE,
        )
        .exclude(state=ResidencyDeclaration.State.REJECTED)
        .select_related("user")
        .order_by("-created_at", "-pk")
    )
    by_key: dict[str, list[ResidencyDeclaration]] = {}
    for declaration in declarations:
        by_key.setdefault(declaration.identity_key, []).append(declaration)
    return by_key


def _resolutions(participations: list[Participation]) -> dict[str, ModelLogEntry]:
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Participation),
        object_id__in=[str(participation.pk) for participation in participations],
        action=RESOLVE_ACTION,
    ).select_related("user")
    return {entry.object_id: entry for entry in entries}


def double_votes(consultation: ConsultationPage) -> list[DoubleVote]:
    """Paper voters without an account matching an online voter's declaration (resolved too).

    A fixed number of queries whatever the number of voters.
    """
    by_key = _online_declarations(consultation)
    if not by_key:
        return []
    paper = Participation.objects.filter(
        consultation=consultation, channel=Channel.PAPER, user__isnull=True
    ).order_by("paper_number")
    online = {
        participation.user_id: participation
        for participation in Participation.objects.filter(
            consultation=consultation,
            channel=Channel.ONLINE,
            user_id__in={d.user_id for ds in by_key.values() for d in ds},
        ).select_related("user")
    }
    cases = []
    for participation in paper:
        matches = [d for key in paper_keys(participation) for d in by_key.get(key, [])]
        seen = set()
        for declaration in matches:
            if declaration.user_id in seen or declaration.user_id not in online:
                continue
            seen.add(declaration.user_id)
            cases.append(DoubleVote(participation, online[declaration.user_id], declaration))
    resolved = _resolutions([case.paper for case in cases if case.is_resolved])
    for case in cases:
        entry = resolved.get(str(case.paper.pk))
        if entry is not None:
            case.resolved_by, case.resolved_at = entry.user, entry.timestamp
    return cases


@transaction.atomic
def resolve_double_vote(
    *,
    consultation: ConsultationPage,
    paper: Participation,
    online_user,
    by,
    now: datetime.datetime | None = None,
) -> str:
    """Void what the consultation's rule says for a case staff confirmed; return the rule.

    "online_counts": the paper ballot is void. "both_void": the online ballot too, found
    through its voter key, so only before the results are published (the key is erased then).
    Once a deciding tie has been drawn by lot, a case that would void a valid ballot is refused:
    the draw settled the counts as they stood, and voiding a ballot afterwards could undo a
    public draw (docs/voting.md, "Double votes after a draw by lot").
    """
    now = now or timezone.now()
    # The page row is the lock that publishing and recording a draw take too: a draw
    # recorded at the same moment waits, then counts the ballots as this case left them.
    ConsultationPage.objects.select_for_update().filter(pk=consultation.pk).first()
    if _published(consultation):
        raise ValidationError(
            _("The results are published; double votes can no longer be settled."),
            code="published",
        )
    paper = Participation.objects.select_for_update().get(
        pk=paper.pk, consultation=consultation, channel=Channel.PAPER, user__isnull=True
    )
    if paper.void_reason:
        raise ValidationError(_("This case has already been settled."), code="resolved")
    online = _locked_online_match(consultation, paper=paper, online_user=online_user)
    rule = consultation.double_vote_rule or Rule.ONLINE_COUNTS
    paper_ballot = Ballot.objects.select_for_update().get(
        consultation=consultation, channel=Channel.PAPER, paper_number=paper.paper_number
    )
    online_ballot = None
    if rule == Rule.BOTH_VOID:
        online_ballot = _locked_online_ballot(consultation, online_user=online_user)
    refuse_after_draw(consultation, [paper_ballot, online_ballot])
    if online_ballot is not None:
        _void_as_double_vote(online_ballot, online)
    _void_as_double_vote(paper_ballot, paper)
    log(
        paper,
        RESOLVE_ACTION,
        user=by,
        timestamp=now,
        data={"paper_number": paper.paper_number, "rule": rule},
    )
    return rule


def _locked_online_match(
    consultation: ConsultationPage, *, paper: Participation, online_user
) -> Participation:
    """Lock and return `online_user`'s online participation, or raise ValidationError when
    they did not vote online or their residency declaration does not match the paper card."""
    online = (
        Participation.objects.select_for_update()
        .filter(consultation=consultation, channel=Channel.ONLINE, user=online_user)
        .first()
    )
    declared = ResidencyDeclaration.objects.filter(
        centre=consultation.centre, user=online_user, identity_key__in=paper_keys(paper)
    ).exclude(state=ResidencyDeclaration.State.REJECTED)
    if online is None or not declared.exists():
        raise ValidationError(
            _("This paper voter does not match anyone who voted online."), code="no_match"
        )
    return online


def _locked_online_ballot(consultation: ConsultationPage, *, online_user) -> Ballot:
    """Lock and return `online_user`'s online ballot, found through the voter key."""
    online_ballot = (
        Ballot.objects.select_for_update()
        .filter(consultation=consultation, voter_key=voter_key(online_user, consultation))
        .first()
    )
    if online_ballot is None:
        raise ValidationError(
            _("The online ballot cannot be found, so it cannot be made void."),
            code="no_online_ballot",
        )
    return online_ballot


def _void_as_double_vote(ballot: Ballot, participation: Participation) -> None:
    """Mark a ballot and its participation void as a double vote."""
    ballot.void_reason = DOUBLE_VOTE
    ballot.save(update_fields=["void_reason"])
    participation.void_reason = DOUBLE_VOTE
    participation.save(update_fields=["void_reason"])


def refuse_after_draw(consultation: ConsultationPage, ballots: list[Ballot | None]) -> None:
    """Raise ValidationError when a draw by lot is recorded and voiding `ballots` would change
    the counts it settled (a valid ballot would become void)."""
    changes = any(ballot is not None and ballot.is_valid for ballot in ballots)
    if changes and TieDraw.objects.filter(consultation=consultation).exists():
        raise ValidationError(
            _(
                "A tie has already been drawn by lot on the counts as they stand; settling "
                "this double vote would change them, so it is refused. Record the case in the "
                "explanation of the commission's protocol (Paper ballots → Protocol)."
            ),
            code="drawn",
        )
