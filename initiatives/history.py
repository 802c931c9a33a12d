"""An initiative's edits as its page shows them: dated, with what changed in words.

The edits are Wagtail action log entries (`mam.initiative.edit`, written by
initiatives.services.editing with the earlier values, which only the admin's history shows).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.models import ModelLogEntry

EDIT_ACTION = "mam.initiative.edit"
CHANGED_LABELS = {
    "title": _("the name"),
    "issue": _("the issue"),
    "goal": _("what the group wants to change"),
    "place": _("the place"),
    "latitude": _("the point on the map"),
    "longitude": _("the point on the map"),
    "area": _("the area"),
    "photos": _("the photos"),
}


def initiative_edits(initiative) -> list[dict]:
    """The initiative's edits, newest first: {"at": when, "changed": [words, once each]}."""
    entries = (
        ModelLogEntry.objects.for_instance(initiative)
        .filter(action=EDIT_ACTION)
        .order_by("-timestamp", "-pk")
        .only("timestamp", "data")
    )
    edits = []
    for entry in entries:
        names = (entry.data or {}).get("changed", [])
        words = dict.fromkeys(str(CHANGED_LABELS[n]) for n in names if n in CHANGED_LABELS)
        edits.append({"at": entry.timestamp, "changed": list(words)})
    return edits
