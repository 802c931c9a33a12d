"""Writes with rules on consultations: closing a phase before its planned end."""

import datetime

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from config.cache_versions import pages_changed
from consultations.models import ConsultationPage, Phase


@transaction.atomic
def close_phase_early(*, phase: Phase, by, now: datetime.datetime | None = None) -> Phase:
    """End a running phase now, record who did it, and keep it closed in later revisions.

    Phases are stored in the page's revisions too, so the latest and the live revision are
    updated as well: publishing an older draft later must not reopen the phase.
    """
    now = now or timezone.now()
    phase = Phase.objects.select_for_update().get(pk=phase.pk)
    if not phase.is_running(now):
        raise ValidationError(_("Only a phase that is running now can be closed early."))
    phase.closed_early_at = now
    phase.save(update_fields=["closed_early_at"])
    page = ConsultationPage.objects.get(pk=phase.consultation_id)
    stamp = DjangoJSONEncoder().default(now)
    for revision in {page.latest_revision, page.live_revision} - {None}:
        for item in revision.content.get("phases", []):
            if item.get("pk") == phase.pk:
                item["closed_early_at"] = stamp
        revision.save(update_fields=["content"])
    # The consultation's page copies and the listings of what is open change now.
    pages_changed(page.pk, listings=True)
    log(
        page,
        "mam.phase.close_early",
        user=by,
        data={"phase": phase.kind, "phase_id": phase.pk, "closed_at": stamp},
    )
    return phase
