"""The voting commission's protocol, reconciled with the paper cards entered in MAM.

A consultation has a paper channel once a paper card or a protocol is entered. Its result can
be published only when the protocol is entered and its figures agree with the confirmed cards
(valid, invalid, issued = valid + invalid, received = issued + unused, nothing left unconfirmed),
or when staff recorded why they do not (`explain_protocol`, logged). Consultations without a
paper channel are not affected.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.log_actions import log

from consultations.models import ConsultationPage
from voting.models import Ballot, Channel, PaperProtocol
from voting.paper_entry import paper_counts

FIGURES = (
    "cards_received",
    "cards_issued",
    "cards_unused",
    "cards_valid",
    "invalid_no_mark",
    "invalid_too_many",
    "invalid_other",
)


def protocol_of(consultation: ConsultationPage) -> PaperProtocol | None:
    return PaperProtocol.objects.filter(consultation=consultation).first()


@transaction.atomic
def record_protocol(
    *,
    consultation: ConsultationPage,
    by,
    figures: dict[str, int],
    members: str,
    now: datetime.datetime | None = None,
) -> PaperProtocol:
    """Save the commission's figures and members; a change of figures drops an earlier
    explanation (it explained other figures)."""
    now = now or timezone.now()
    if not members.strip():
        raise ValidationError(_("List the members of the commission."), code="members")
    protocol = PaperProtocol.objects.select_for_update().filter(consultation=consultation).first()
    if protocol is None:
        protocol = PaperProtocol(consultation=consultation)
    changed = any(getattr(protocol, name, None) != figures[name] for name in FIGURES)
    for name in FIGURES:
        setattr(protocol, name, figures[name])
    protocol.members = members.strip()
    protocol.entered_by = by
    protocol.entered_at = now
    if changed:
        protocol.explanation = ""
        protocol.explained_by = None
        protocol.explained_at = None
    protocol.save()
    log(consultation, "mam.paper.protocol", user=by, data={name: figures[name] for name in FIGURES})
    return protocol


def differences(consultation: ConsultationPage, protocol: PaperProtocol | None = None) -> list:
    """What does not agree between the protocol and the entered cards, in words (two queries)."""
    protocol = protocol or protocol_of(consultation)
    counts = paper_counts(consultation)
    found = []
    if protocol is None:
        return [_("The voting commission's protocol has not been entered.")]
    waiting = counts["entered"] - counts["confirmed"]
    if waiting:
        found.append(
            ngettext(
                "%(count)d paper card is not confirmed by a second person.",
                "%(count)d paper cards are not confirmed by a second person.",
                waiting,
            )
            % {"count": waiting}
        )
    valid = counts["confirmed"] - counts["confirmed_invalid"]
    checks = [
        (protocol.cards_valid, valid, _("valid cards")),
        (protocol.cards_invalid, counts["confirmed_invalid"], _("invalid cards")),
    ]
    for written, entered, label in checks:
        if written != entered:
            found.append(
                _("The protocol gives %(written)d %(what)s; %(entered)d are entered and confirmed.")
                % {"written": written, "entered": entered, "what": label}
            )
    valid_and_invalid = protocol.cards_valid + protocol.cards_invalid
    if protocol.cards_issued != valid_and_invalid:
        found.append(
            _(
                "Cards issued (%(issued)d) are not valid plus invalid cards (%(sum)d) in the "
                "protocol."
            )
            % {"issued": protocol.cards_issued, "sum": valid_and_invalid}
        )
    if protocol.cards_received != protocol.cards_issued + protocol.cards_unused:
        found.append(
            _(
                "Cards received (%(received)d) are not cards issued plus unused cards "
                "(%(sum)d) in the protocol."
            )
            % {
                "received": protocol.cards_received,
                "sum": protocol.cards_issued + protocol.cards_unused,
            }
        )
    return found


def has_paper_channel(consultation: ConsultationPage) -> bool:
    return (
        Ballot.objects.filter(consultation=consultation, channel=Channel.PAPER).exists()
        or PaperProtocol.objects.filter(consultation=consultation).exists()
    )


def publication_blocker(consultation: ConsultationPage) -> str:
    """Why the result cannot be published because of the paper vote, or "" when it can."""
    if not has_paper_channel(consultation):
        return ""
    protocol = protocol_of(consultation)
    found = differences(consultation, protocol)
    if not found or (protocol is not None and protocol.explanation):
        return ""
    return " ".join(
        [
            _(
                "The paper vote does not agree with the commission's protocol, so the result "
                "cannot be published until the paper cards and the protocol agree or staff "
                "explain why (Paper ballots → Protocol):"
            ),
            *found,
        ]
    )


@transaction.atomic
def explain_protocol(
    *,
    consultation: ConsultationPage,
    by,
    explanation: str,
    now: datetime.datetime | None = None,
) -> PaperProtocol:
    """Record why the protocol and the entered cards differ: publishing is then allowed."""
    now = now or timezone.now()
    protocol = PaperProtocol.objects.select_for_update().filter(consultation=consultation).first()
    if protocol is None:
        raise ValidationError(_("Enter the commission's protocol first."), code="no_protocol")
    if not explanation.strip():
        raise ValidationError(_("Say why the figures differ."), code="explanation")
    protocol.explanation = explanation.strip()
    protocol.explained_by = by
    protocol.explained_at = now
    protocol.save(update_fields=["explanation", "explained_by", "explained_at"])
    log(
        consultation,
        "mam.paper.protocol_explain",
        user=by,
        data={"explanation": protocol.explanation, "differences": differences(consultation)},
    )
    return protocol


def report_summary(consultation: ConsultationPage) -> dict | None:
    """The paper vote for the council report, or None without a paper channel (three queries).

    Cards entered and confirmed by a second person, mismatches settled (a card typed more than
    twice before it agreed) and still open, the commission's figures beside the confirmed
    cards, and whether they reconcile: "agrees", "explained" (with staff's explanation) or
    "differs".
    """
    protocol = (
        PaperProtocol.objects.filter(consultation=consultation)
        .select_related("explained_by")
        .first()
    )
    cards = list(
        Ballot.objects.filter(consultation=consultation, channel=Channel.PAPER)
        .annotate(typings=Count("entries"))
        .values_list("confirmed_at", "void_reason", "typings")
    )
    if protocol is None and not cards:
        return None
    confirmed = [card for card in cards if card[0] is not None]
    invalid = sum(1 for card in confirmed if card[1] == Ballot.Void.INVALID_CARD)
    found = differences(consultation, protocol)
    if not found:
        status = "agrees"
    elif protocol is not None and protocol.explanation:
        status = "explained"
    else:
        status = "differs"
    return {
        "cards": len(cards),
        "confirmed": len(confirmed),
        "waiting": len(cards) - len(confirmed),
        "mismatches_settled": sum(1 for card in confirmed if card[2] > 2),
        "mismatches_open": sum(1 for card in cards if card[0] is None and card[2] > 1),
        "protocol": protocol,
        "rows": _protocol_rows(protocol, len(confirmed), invalid) if protocol else [],
        "differences": found,
        "status": status,
    }


def _protocol_rows(protocol: PaperProtocol, confirmed: int, invalid: int) -> list[dict]:
    """The protocol's figures, each beside the confirmed cards' figure where there is one."""
    rows = [
        (_("Cards received by the commission"), protocol.cards_received, None),
        (_("Cards issued to voters"), protocol.cards_issued, confirmed),
        (_("Unused cards returned"), protocol.cards_unused, None),
        (_("Valid cards"), protocol.cards_valid, confirmed - invalid),
        (_("Invalid cards"), protocol.cards_invalid, invalid),
        (_("of them: no mark"), protocol.invalid_no_mark, None),
        (_("of them: too many marks or over the amount"), protocol.invalid_too_many, None),
        (_("of them: another reason"), protocol.invalid_other, None),
    ]
    return [
        {
            "label": label,
            "protocol": written,
            "entered": entered,
            "agrees": entered is None or entered == written,
        }
        for label, written, entered in rows
    ]
