"""Verifying residents: declarations, in-person checks, one-time codes, revocation."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts import codes
from accounts.models import (
    ResidencyDeclaration,
    User,
    Verification,
    VerificationCode,
    VerificationCodeBatch,
)
from home.models import CentrePage

MAX_CODES_PER_BATCH = 500


@transaction.atomic
def declaration_submit(
    *, user: User, centre: CentrePage, first_name: str, last_name: str, street_address: str
) -> ResidencyDeclaration:
    """Record a resident's own name and address for staff to review."""
    if Verification.objects.active().filter(user=user, centre=centre).exists():
        raise ValidationError(_("You are already a verified resident of this town."))
    pending = ResidencyDeclaration.objects.select_for_update().filter(
        user=user, centre=centre, state=ResidencyDeclaration.State.PENDING
    )
    declaration = pending.first() or ResidencyDeclaration(user=user, centre=centre)
    declaration.first_name = first_name.strip()
    declaration.last_name = last_name.strip()
    declaration.street_address = street_address.strip()
    declaration.save()
    return declaration


@transaction.atomic
def declaration_accept(*, declaration: ResidencyDeclaration, reviewer: User) -> Verification:
    declaration = ResidencyDeclaration.objects.select_for_update().get(pk=declaration.pk)
    if declaration.state != ResidencyDeclaration.State.PENDING:
        raise ValidationError(_("This declaration has already been reviewed."))
    declaration.state = ResidencyDeclaration.State.ACCEPTED
    declaration.reviewed_by = reviewer
    declaration.reviewed_at = timezone.now()
    declaration.save(update_fields=["state", "reviewed_by", "reviewed_at"])
    return verification_grant(
        user=declaration.user,
        centre=declaration.centre,
        method=Verification.Method.DECLARATION,
        by=reviewer,
        declaration=declaration,
    )


@transaction.atomic
def declaration_reject(
    *, declaration: ResidencyDeclaration, reviewer: User, reason: str
) -> ResidencyDeclaration:
    if not reason.strip():
        raise ValidationError(_("Give the reason, so the resident knows what to do next."))
    declaration = ResidencyDeclaration.objects.select_for_update().get(pk=declaration.pk)
    if declaration.state != ResidencyDeclaration.State.PENDING:
        raise ValidationError(_("This declaration has already been reviewed."))
    declaration.state = ResidencyDeclaration.State.REJECTED
    declaration.review_reason = reason.strip()
    declaration.reviewed_by = reviewer
    declaration.reviewed_at = timezone.now()
    declaration.save(update_fields=["state", "review_reason", "reviewed_by", "reviewed_at"])
    log(declaration, "mam.declaration.reject", user=reviewer, data={"reason": reason.strip()})
    return declaration


@transaction.atomic
def verification_grant(
    *,
    user: User,
    centre: CentrePage,
    method: str,
    by: User | None,
    declaration: ResidencyDeclaration | None = None,
    note: str = "",
    now: datetime.datetime | None = None,
) -> Verification:
    """Mark `user` a verified resident of `centre`; an existing active verification stands.

    A person lives in one place at a time (as civic-budget rules require): an active
    verification for another centre is ended, with the move as its reason.
    """
    now = now or timezone.now()
    User.objects.select_for_update().get(pk=user.pk)  # serialise grants for one person
    existing = Verification.objects.active().filter(user=user, centre=centre).first()
    if existing:
        return existing
    # One place of residence at a time: staff verifying the person here ends the other town's.
    for elsewhere in Verification.objects.active().filter(user=user).select_related("centre"):
        reason = _("Moved: now a verified resident of %(centre)s.") % {"centre": centre.title}
        verification_revoke(verification=elsewhere, by=by, reason=reason, now=now)
    verification = Verification.objects.create(
        user=user,
        centre=centre,
        method=method,
        verified_by=by,
        declaration=declaration,
        note=note,
        created_at=now,
    )
    log(
        verification,
        "mam.verification.grant",
        user=by,
        data={"method": method, "centre": centre.title, "resident": user.pk},
    )
    return verification


@transaction.atomic
def verification_revoke(
    *,
    verification: Verification,
    by: User | None,
    reason: str,
    now: datetime.datetime | None = None,
) -> Verification:
    if not reason.strip():
        raise ValidationError(_("Give the reason for revoking the verification."))
    verification = Verification.objects.select_for_update().get(pk=verification.pk)
    if verification.revoked_at:
        return verification
    verification.revoked_at = now or timezone.now()
    verification.revoked_by = by
    verification.revoke_reason = reason.strip()
    verification.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    log(verification, "mam.verification.revoke", user=by, data={"reason": reason.strip()})
    return verification


@transaction.atomic
def code_batch_create(
    *, centre: CentrePage, by: User, count: int, valid_days: int, note: str = ""
) -> tuple[VerificationCodeBatch, list[str]]:
    """Create `count` single-use codes; the plain codes are returned once, to be printed."""
    if not 1 <= count <= MAX_CODES_PER_BATCH:
        raise ValidationError(
            _("A batch holds from 1 to %(max)d codes.") % {"max": MAX_CODES_PER_BATCH}
        )
    if not 1 <= valid_days <= 366:
        raise ValidationError(_("Codes can be valid from 1 to 366 days."))
    batch = VerificationCodeBatch.objects.create(
        centre=centre,
        created_by=by,
        expires_at=timezone.now() + datetime.timedelta(days=valid_days),
        note=note,
    )
    plain = set()
    while len(plain) < count:
        plain.add(codes.generate())
    VerificationCode.objects.bulk_create(
        VerificationCode(batch=batch, code_hash=codes.hash_code(code)) for code in plain
    )
    log(batch, "mam.codes.create", user=by, data={"count": count, "centre": centre.title})
    return batch, sorted(plain)


class CodeError(ValidationError):
    pass


@transaction.atomic
def code_redeem(*, user: User, code: str, centre: CentrePage | None = None) -> Verification:
    """Use a printed code: it verifies the user for the code's centre, once, before it expires."""
    found = (
        VerificationCode.objects.select_for_update()
        .select_related("batch__centre")
        .filter(code_hash=codes.hash_code(code))
        .first()
    )
    if found is None:
        raise CodeError(_("This code is not right. Check it against the slip and try again."))
    if found.used_at is not None:
        if found.used_by_id == user.pk:
            raise CodeError(_("You have already used this code."))
        raise CodeError(_("This code has already been used. Ask the centre for a new one."))
    if centre is not None and found.batch.centre_id != centre.pk:
        raise CodeError(
            _("This code was issued by %(centre)s, not by this centre.")
            % {"centre": found.batch.centre.title}
        )
    if found.batch.expires_at <= timezone.now():
        raise CodeError(_("This code has expired. Ask the centre for a new one."))
    elsewhere = verified_elsewhere(user=user, centre=found.batch.centre).first()
    if elsewhere is not None:
        # A code moves no one: staff confirm a move, and their verification ends the old one.
        raise CodeError(
            _(
                "You are a verified resident of %(town)s. One can be a resident of one town at "
                "a time: if you have moved, ask the staff of the centre where you live now."
            )
            % {"town": elsewhere.centre.title}
        )
    found.used_by = user
    found.used_at = timezone.now()
    found.save(update_fields=["used_by", "used_at"])
    return verification_grant(
        user=user, centre=found.batch.centre, method=Verification.Method.CODE, by=None
    )


def verified_elsewhere(*, user: User, centre: CentrePage):
    """The person's active verifications for centres other than `centre` (at most one)."""
    return (
        Verification.objects.active()
        .filter(user=user)
        .exclude(centre=centre)
        .select_related("centre")
    )


def is_verified_resident(user: User, centre: CentrePage) -> bool:
    if not user.is_authenticated:
        return False
    return Verification.objects.active().filter(user=user, centre=centre).exists()


@transaction.atomic
def organisation_confirm(*, user: User, by: User) -> User:
    if not user.organisation_name:
        raise ValidationError(_("This user has not named an organisation."))
    user.organisation_confirmed_at = timezone.now()
    user.organisation_confirmed_by = by
    user.save(update_fields=["organisation_confirmed_at", "organisation_confirmed_by"])
    log(user, "mam.organisation.confirm", user=by, data={"organisation": user.organisation_name})
    return user
