"""Numbered paper sheets and their counts, confirmed by two staff members."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from consultations.participation import refused
from initiatives.models import (
    Petition,
    SheetCount,
    SignatureSheet,
)
from initiatives.services.petitions.support import _require_open
from initiatives.services.petitions.thresholds import MAX_SHEETS_AT_ONCE, ROWS_PER_SHEET, _changed
from initiatives.services.rules import (
    is_leader,
    is_organiser,
)


def may_print_sheets(user, petition: Petition) -> bool:
    """The group's leaders and the centre's organisers print the numbered sheets."""
    if not user.is_authenticated:
        return False
    return is_leader(user, petition.initiative) or is_organiser(user, petition.centre)


@transaction.atomic
def sheets_print(
    *, petition: Petition, user, count: int, now: datetime.datetime | None = None
) -> list[SignatureSheet]:
    """Number `count` new sheets (after the last printed) for a draft resolution."""
    now = now or timezone.now()
    petition = Petition.objects.select_for_update().select_related("initiative").get(pk=petition.pk)
    if not may_print_sheets(user, petition):
        raise refused(
            "leader", _("Only the group's coordinators and the centre's staff print sheets.")
        )
    if not petition.is_resolution:
        raise refused("kind", _("Signature sheets are for a draft council resolution."))
    _require_open(petition)
    if not 1 <= count <= MAX_SHEETS_AT_ONCE:
        raise ValidationError(
            _("Print between 1 and %(max)s sheets at once.") % {"max": MAX_SHEETS_AT_ONCE}
        )
    first = petition.sheets_printed + 1
    sheets = SignatureSheet.objects.bulk_create(
        SignatureSheet(petition=petition, number=number, printed_at=now)
        for number in range(first, first + count)
    )
    Petition.objects.filter(pk=petition.pk).update(sheets_printed=F("sheets_printed") + count)
    return sheets


@transaction.atomic
def sheet_count_enter(
    *,
    petition: Petition,
    staff,
    number: int,
    count: int,
    now: datetime.datetime | None = None,
) -> SignatureSheet:
    """A staff member enters the valid signatures on a returned sheet. The count is confirmed
    once a second, different staff member enters the same number; until then it is listed
    as waiting (or as a mismatch when two numbers differ)."""
    now = now or timezone.now()
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    if not is_organiser(staff, petition.centre):
        raise refused("organiser", _("Only the centre's organiser can do this."))
    if petition.state not in (Petition.State.OPEN, Petition.State.FILED):
        raise refused("closed", _("This petition does not take sheet counts now."))
    sheet = SignatureSheet.objects.filter(petition=petition, number=number).first()
    if sheet is None:
        raise ValidationError({"number": [_("No sheet with this number was printed.")]})
    if not 0 <= count <= ROWS_PER_SHEET:
        raise ValidationError(
            {"count": [_("A sheet has %(rows)s rows.") % {"rows": ROWS_PER_SHEET}]}
        )
    if sheet.confirmed_count is not None:
        raise ValidationError({"number": [_("This sheet's count is already confirmed.")]})
    SheetCount.objects.update_or_create(
        sheet=sheet, entered_by=staff, defaults={"count": count, "entered_at": now}
    )
    agreeing = SheetCount.objects.filter(sheet=sheet, count=count).exclude(entered_by=staff)
    if agreeing.exists():
        sheet.confirmed_count = count
        sheet.save(update_fields=["confirmed_count"])
        total = SignatureSheet.objects.filter(petition=petition).aggregate(
            total=Sum("confirmed_count")
        )["total"]
        Petition.objects.filter(pk=petition.pk).update(paper_signatures=total or 0)
        _changed(petition)
    log(petition, "mam.petition.sheet_count", user=staff, data={"sheet": number, "count": count})
    return sheet


def sheets_mismatched(petition: Petition) -> list[SignatureSheet]:
    """Sheets two staff members counted differently, waiting for another count."""
    sheets = (
        SignatureSheet.objects.filter(petition=petition, confirmed_count__isnull=True)
        .prefetch_related("counts__entered_by")
        .order_by("number")
    )
    return [sheet for sheet in sheets if len({c.count for c in sheet.counts.all()}) > 1]


def sheets_waiting(petition: Petition) -> list[SignatureSheet]:
    """Sheets counted once, waiting for a second staff member's count."""
    sheets = (
        SignatureSheet.objects.filter(petition=petition, confirmed_count__isnull=True)
        .prefetch_related("counts")
        .order_by("number")
    )
    return [sheet for sheet in sheets if len({c.count for c in sheet.counts.all()}) == 1]
