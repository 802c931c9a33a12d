"""Recording a public draw by lot that settles a tie deciding the result (before publishing).

The regulamin may say that equal votes deciding what is selected or funded are settled by
lot, in public, with a protocol. Staff enter the protocol here; its order goes into the
published ballot file ("draws"), so `voting/tally.py` reproduces the outcome.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from consultations.counting_rules import TieRule
from consultations.models import ConsultationPage
from voting.models import TieDraw
from voting.services.results import published_result, ties_now, voting_over


def waiting_ties(consultation: ConsultationPage) -> list[dict]:
    """The deciding ties of the vote as it stands that still wait for their draw."""
    if consultation.tie_rule != TieRule.LOT:
        return []
    return [tie for tie in ties_now(consultation) if tie["decided"] is False]


@transaction.atomic
def tie_draw_record(
    *,
    consultation: ConsultationPage,
    pool: str,
    votes: int,
    order: list[int],
    drawn_at: datetime.datetime,
    drawn_by: str,
    witnesses: str,
    place: str = "",
    by,
    now: datetime.datetime | None = None,
) -> TieDraw:
    """Record the protocol of the draw of one waiting tie (`pool`, `votes`), in `order`.

    The caller checks that `by` may publish the consultation's results.
    """
    now = now or timezone.now()
    if consultation.tie_rule != TieRule.LOT:
        raise ValidationError(_("In this vote ties are not drawn by lot."))
    # Serialised with publishing and with settling double votes (they lock the page too).
    ConsultationPage.objects.select_for_update().filter(pk=consultation.pk).first()
    if not voting_over(consultation, now):
        raise ValidationError(_("A tie can be drawn once voting has closed."))
    if published_result(consultation) is not None:
        raise ValidationError(_("The results of this vote are already published."))
    if drawn_at > now:
        raise ValidationError(_("The draw cannot take place in the future."), code="future")
    if not drawn_by.strip() or not witnesses.strip():
        raise ValidationError(_("Say who drew and who witnessed the draw."), code="protocol")
    tie = next(
        (t for t in waiting_ties(consultation) if t["pool"] == pool and t["votes"] == votes),
        None,
    )
    if tie is None:
        raise ValidationError(_("This tie does not wait for a draw."), code="no_tie")
    options = [option["id"] for option in tie["options"]]
    if sorted(order) != sorted(options) or len(set(order)) != len(order):
        raise ValidationError(
            _("Put each of the tied proposals in one place, in the order drawn."), code="order"
        )
    try:
        with transaction.atomic():
            draw = TieDraw.objects.create(
                consultation=consultation,
                pool=pool,
                votes=votes,
                order=order,
                drawn_at=drawn_at,
                drawn_by=drawn_by.strip(),
                witnesses=witnesses.strip(),
                place=place.strip(),
                entered_by=by,
                entered_at=now,
            )
            log(consultation, "mam.results.tie_draw", user=by, data={"draw": draw.pk})
    except IntegrityError:
        raise ValidationError(_("This tie has already been drawn."), code="drawn") from None
    return draw
