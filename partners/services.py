"""Writes to partner entries: an organisation proposes a change, the centre's staff approve
or decline it (the organisation is emailed through the task worker either way)."""

from __future__ import annotations

import datetime

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.notifications import send_user_email
from accounts.roles import is_staff_for
from config import cache_versions
from consultations.participation import refused
from home.links import absolute_url
from partners.models import EDITABLE_FIELDS, Partner, PartnerChange, PartnerIndexPage

STAFF_PERMISSION = "partners.change_partnerchange"


def may_edit(user, partner: Partner) -> bool:
    """A confirmed organisation account named on the partner entry."""
    return Partner.objects.represented_by(user).filter(pk=partner.pk).exists()


@transaction.atomic
def partner_change_submit(
    *,
    partner: Partner,
    user,
    data: dict,
    logo: File | None = None,
    now: datetime.datetime | None = None,
) -> PartnerChange:
    """Propose new values for the partner's entry (replacing a change still waiting)."""
    now = now or timezone.now()
    if not may_edit(user, partner):
        raise refused(
            "not_partner", _("Only the partner's confirmed organisation account can do this.")
        )
    values = {name: data[name] for name in EDITABLE_FIELDS if name in data}
    if not any(values[name] != getattr(partner, name) for name in values) and not logo:
        raise refused("unchanged", _("Nothing is changed: edit a field first."))
    change = (
        PartnerChange.objects.select_for_update()
        .filter(partner=partner, state=PartnerChange.State.PENDING)
        .first()
    ) or PartnerChange(partner=partner, centre_id=partner.centre_id)
    change.data, change.submitted_by, change.submitted_at = values, user, now
    if logo:
        change.logo.save(f"logo-{partner.pk}.{_extension(logo)}", logo, save=False)
    change.save()
    return change


def _extension(upload) -> str:
    name = getattr(upload, "name", "") or ""
    return name.rsplit(".", 1)[-1].lower() if "." in name else "png"


def _locked_pending(change: PartnerChange) -> PartnerChange:
    change = (
        PartnerChange.objects.select_for_update(of=("self",))
        .select_related("partner", "centre", "submitted_by")
        .get(pk=change.pk)
    )
    if change.state != PartnerChange.State.PENDING:
        raise refused("state", _("This change has already been decided."))
    return change


def _check_staff(by, change: PartnerChange) -> None:
    if not is_staff_for(by, STAFF_PERMISSION, change.centre):
        raise refused("not_staff", _("Only the staff of this partner's centre can decide."))


@transaction.atomic
def partner_change_approve(
    *, change: PartnerChange, by, now: datetime.datetime | None = None
) -> PartnerChange:
    """Copy the proposed values to the partner's entry: now they are public."""
    now = now or timezone.now()
    change = _locked_pending(change)
    _check_staff(by, change)
    partner = change.partner
    for name in EDITABLE_FIELDS:
        if name in change.data:
            setattr(partner, name, change.data[name])
    if change.logo:
        partner.logo = change.logo.name
    partner.full_clean(exclude=["centre", "accounts"])
    partner.save()
    change.state, change.decided_by, change.decided_at = PartnerChange.State.APPROVED, by, now
    change.save(update_fields=["state", "decided_by", "decided_at"])
    _email(change, "change_approved")
    cache_versions.pages_changed(None, listings=True)
    return change


@transaction.atomic
def partner_change_decline(
    *, change: PartnerChange, by, reason: str, now: datetime.datetime | None = None
) -> PartnerChange:
    """Decline a proposed change with a reason the organisation is emailed."""
    now = now or timezone.now()
    if not reason.strip():
        raise refused("reason", _("Say why the change is declined."))
    change = _locked_pending(change)
    _check_staff(by, change)
    change.state, change.decided_by, change.decided_at = PartnerChange.State.DECLINED, by, now
    change.decline_reason = reason.strip()
    change.save(update_fields=["state", "decided_by", "decided_at", "decline_reason"])
    _email(change, "change_declined")
    return change


def partner_url(partner: Partner, index: PartnerIndexPage | None = None) -> str:
    """The partner's page (empty when the centre has no published partners index)."""
    index = index or PartnerIndexPage.objects.child_of(partner.centre).live().first()
    if index is None:
        return ""
    return index.url + index.reverse_subpage("partner", args=[partner.pk])


def _email(change: PartnerChange, template: str) -> None:
    if change.submitted_by is None:
        return
    url = partner_url(change.partner)
    context = {
        "change": change,
        "partner": change.partner,
        "centre": change.centre,
        "partner_url": absolute_url(url) if url else "",
    }
    send_user_email(change.submitted_by, f"partners/email/{template}", context)
