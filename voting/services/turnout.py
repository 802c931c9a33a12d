"""How many people have voted so far, online and on paper."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q

from consultations.models import ConsultationPage
from voting.models import Ballot, Channel, Participation


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
