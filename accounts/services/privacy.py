"""The resident's own data: a copy to download, and deleting the account."""

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from rest_framework.authtoken.models import Token
from wagtail import hooks
from wagtail.log_actions import log

from accounts.models import Report, ResidencyDeclaration, User

# Stored with the ended verification; the same text as the data migration writes.
DELETED_REASON = "Konto usunięte przez właściciela."


# What the apps above accounts hold about a person (proposals, surveys), each a section of the
# download: they register it from their AppConfig.ready, so accounts imports none of them.
USER_DATA_SECTIONS: dict[str, Callable[[User], object]] = {}


def user_data_section(name: str):
    """Register `func(user)` as the section `name` of the personal-data download."""

    def register(func):
        USER_DATA_SECTIONS[name] = func
        return func

    return register


def when_iso(value):
    """A date or moment in the data download: ISO 8601, or None when it is not set."""
    return value.isoformat() if value else None


def _api_key(user: User) -> dict | None:
    """That a key exists and since when; never the key itself."""
    token = Token.objects.filter(user=user).first()
    return {"exists": True, "created_at": when_iso(token.created)} if token else None


def _account(user: User) -> dict:
    """The account itself: profile, settings and any block."""
    return {
        "email": user.email,
        "display_name": user.display_name,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "joined_at": when_iso(user.date_joined),
        "last_login": when_iso(user.last_login),
        "district": user.district.name if user.district else None,
        "organisation": user.organisation_name,
        "organisation_confirmed": user.organisation_confirmed_at is not None,
        "accepted_terms_at": when_iso(user.accepted_terms_at),
        "shares_contact_with_officials": user.share_contact_with_officials,
        "notifications": {
            "status_changes": user.notify_status_changes,
            "comments": user.notify_comments,
        },
        "blocked": {"at": when_iso(user.blocked_at), "reason": user.blocked_reason}
        if user.blocked_at
        else None,
    }


def _residency_declarations(user: User) -> list[dict]:
    """The residency declarations the person sent, with their review."""
    return [
        {
            "centre": declaration.centre.title,
            "first_name": declaration.first_name,
            "last_name": declaration.last_name,
            "street_address": declaration.street_address,
            "state": declaration.state,
            "reason": declaration.review_reason,
            "submitted_at": when_iso(declaration.created_at),
        }
        for declaration in user.residency_declarations.select_related("centre")
    ]


def _verifications(user: User) -> list[dict]:
    """The centres' verifications of the person, ended ones too."""
    return [
        {
            "centre": verification.centre.title,
            "method": verification.method,
            "verified_at": when_iso(verification.created_at),
            "revoked_at": when_iso(verification.revoked_at),
            "revoke_reason": verification.revoke_reason,
        }
        for verification in user.verifications.select_related("centre")
    ]


def _reports_made(user: User) -> list[dict]:
    """The reports the person made about content (not the ones about them)."""
    return [
        {
            "content": f"{report.content_type.name} #{report.object_id}",
            "reason": report.reason,
            "details": report.details,
            "state": report.state,
            "reported_at": when_iso(report.created_at),
        }
        for report in Report.objects.filter(reporter=user).select_related("content_type")
    ]


def _votes(user: User) -> list[dict]:
    """The consultations the person voted in, and through which channel."""
    # That the person voted, never what: ballots are secret (docs/voting.md).
    return [
        {
            "consultation": participation.consultation.title,
            "channel": participation.channel,
            "voted_at": when_iso(participation.voted_at),
        }
        for participation in user.participations.select_related("consultation")
    ]


def user_data_export(user: User) -> dict:
    """Everything the platform holds about `user`, and nothing about anybody else."""
    return {
        "format": "mam-user-data/1",
        "exported_at": when_iso(timezone.now()),
        "account": _account(user),
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in user.emailaddress_set.all()
        ],
        "residency_declarations": _residency_declarations(user),
        "verifications": _verifications(user),
        "reports_made": _reports_made(user),
        "warnings": [
            {"reason": warning.reason, "given_at": when_iso(warning.created_at)}
            for warning in user.warnings.all()
        ],
        "votes": _votes(user),
        "api_key": _api_key(user),
        **{name: collect(user) for name, collect in USER_DATA_SECTIONS.items()},
    }


@transaction.atomic
def user_delete(*, user: User) -> User:
    """Remove personal data; contributions stay under "deleted user" and counts stay whole."""
    user = User.objects.select_for_update().get(pk=user.pk)
    now = timezone.now()
    # A deleted account is nobody's residence: its verifications end (lists and CSVs follow).
    user.verifications.active().update(
        revoked_at=now, revoked_by=None, revoke_reason=DELETED_REASON
    )
    user.emailaddress_set.all().delete()
    ResidencyDeclaration.objects.filter(user=user).delete()
    user.email = f"deleted-{user.pk}@deleted.invalid"
    user.display_name = ""
    user.first_name = ""
    user.last_name = ""
    user.district = None
    user.organisation_name = ""
    user.organisation_confirmed_at = None
    user.organisation_confirmed_by = None
    user.notify_status_changes = False
    user.notify_comments = False
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.deleted_at = now
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    # What the apps above accounts keep only for the person (the consultations they follow).
    for erase in hooks.get_hooks("mam_user_delete"):
        erase(user)
    log(user, "mam.user.delete", user=None)
    return user
