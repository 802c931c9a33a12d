"""A petition's dated steps as the API gives them, in the order its page shows them."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from initiatives.models import Petition
from initiatives.services import petitions


def petition_timeline(petition: Petition) -> list[dict]:
    """The petition's dated steps, in order, as its page shows them."""
    entries = []
    if petition.opened_at:
        entries.append(
            {
                "date": timezone.localdate(petition.opened_at),
                "event": "published",
                "text": gettext("published, collecting support"),
            }
        )
    if petition.filed_on:
        text = gettext("filed with %(addressee)s") % {"addressee": petition.addressee_label}
        if petition.below_threshold:
            text += f"; {petitions.below_threshold_text(petition)}"
        entries.append({"date": petition.filed_on, "event": "filed", "text": text})
    if petition.council_deadline:
        text = gettext(
            "the council's deadline: it debates the draft at its next session, no later than "
            "3 months after filing"
        )
        if not petition.is_resolution:
            text = gettext(
                "the deadline for the answer: under the ustawa o petycjach a petition is "
                "considered no later than 3 months after filing"
            )
        entries.append(
            {"date": petition.council_deadline, "event": "council_deadline", "text": text}
        )
    if petition.extended_deadline:
        entries += _extension_entries(petition)
    if petition.decided_on:
        text = f"{gettext('decision:')} {petition.get_decision_display()}"
        if petition.decision_text:
            text += f" – {petition.decision_text}"
        entries.append({"date": petition.decided_on, "event": "decided", "text": text})
    return entries


def _extension_entries(petition: Petition) -> list[dict]:
    """The addressee's announced extension (art. 10 ust. 2 of the ustawa o petycjach)."""
    announced = gettext(
        "the addressee extended the deadline for the answer to %(date)s (art. 10 ust. 2 of the "
        "ustawa o petycjach: by at most another 3 months)"
    ) % {"date": date_format(petition.extended_deadline)}
    return [
        {
            "date": petition.extension_announced_on,
            "event": "deadline_extended",
            "text": f"{announced} – {petition.extension_reason}",
        },
        {
            "date": petition.extended_deadline,
            "event": "extended_deadline",
            "text": gettext("the extended deadline for the answer"),
        },
    ]
