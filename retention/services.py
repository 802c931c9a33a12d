"""Delete or anonymise personal data whose retention period is over (docs/retention.md).

Each kind of data has its own period, counted from the event after which the data is no longer
needed; settings.MAM_RETENTION_DAYS gives the periods. Running twice changes nothing more:
what expired is gone the first time, and a run that finds nothing records nothing.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.log_actions import log

from accounts.models import ResidencyDeclaration, Verification
from consultations.models import ConsultationPage
from events import recurrence
from events.models import SignUp
from proposals.models import Support
from retention.models import RetentionRecord
from rooms.models import Booking
from voting.models import Participation, ResultSnapshot

Kind = RetentionRecord.Kind
Action = RetentionRecord.Action


def period_days(kind: str) -> int:
    """The retention period of `kind` in days, from settings.MAM_RETENTION_DAYS."""
    return int(settings.MAM_RETENTION_DAYS[kind])


def _paper_voters(cutoff: datetime.datetime) -> tuple[int, dict]:
    """Clear paper voters' names and addresses once their result can no longer be challenged.

    The participation itself stays (turnout and the double-vote check count it); the ballot
    never carried a name, so the published result and its checksums are untouched.
    """
    published = ResultSnapshot.objects.filter(
        published_at__isnull=False, published_at__lt=cutoff
    ).values("consultation_id")
    rows = Participation.objects.filter(consultation_id__in=published).exclude(
        voter_name="", voter_address=""
    )
    consultations = sorted(set(rows.values_list("consultation_id", flat=True)))
    count = rows.update(voter_name="", voter_address="")
    return count, {"consultations": consultations}


def _residency_declarations(cutoff: datetime.datetime) -> tuple[int, dict]:
    """Delete declarations (names, addresses) once no verification rests on them any more.

    Rejected ones go a period after the decision; accepted ones a period after the
    verification they support ended (revoked, or the account deleted). Pending ones wait
    for staff.
    """
    still_needed = Verification.objects.filter(declaration=OuterRef("pk")).filter(
        Q(revoked_at__isnull=True) | Q(revoked_at__gte=cutoff)
    )
    rows = ResidencyDeclaration.objects.filter(
        Q(state=ResidencyDeclaration.State.REJECTED, reviewed_at__lt=cutoff)
        | (
            Q(state=ResidencyDeclaration.State.ACCEPTED, reviewed_at__lt=cutoff)
            & ~Exists(still_needed)
        )
    )
    centres = sorted(set(rows.values_list("centre_id", flat=True)))
    _total, by_model = rows.delete()
    return by_model.get(ResidencyDeclaration._meta.label, 0), {"centres": centres}


def _supports(cutoff: datetime.datetime) -> tuple[int, dict]:
    """Delete the lists of who supported which proposal a period after the consultation ended.

    The proposals keep their support counts (Proposal.supports_count) and the date the
    threshold was reached; only the names behind the numbers go.
    """
    ended = (
        ConsultationPage.objects.annotate(
            ended_at=Max(Coalesce("phases__closed_early_at", "phases__ends_at"))
        )
        .filter(ended_at__lt=cutoff)
        .values("pk")
    )
    rows = Support.objects.filter(proposal__consultation__in=ended)
    consultations = sorted(set(rows.values_list("proposal__consultation_id", flat=True)))
    _total, by_model = rows.delete()
    return by_model.get(Support._meta.label, 0), {"consultations": consultations}


def _room_callers(cutoff: datetime.datetime) -> tuple[int, dict]:
    """Clear the name, phone and email staff wrote for a caller without an account a period
    after the booking ended; the booking stays for the room's yearly usage (organisation,
    hours, number of people carry no person's data)."""
    rows = Booking.objects.filter(ends_at__lt=cutoff).exclude(
        caller_name="", caller_phone="", caller_email=""
    )
    centres = sorted(set(rows.values_list("centre_id", flat=True)))
    count = rows.update(caller_name="", caller_phone="", caller_email="")
    return count, {"centres": centres}


def _desk_sign_ups(cutoff: datetime.datetime) -> tuple[int, dict]:
    """Clear the name staff wrote for someone signed up at the desk or by phone (no account) a
    period after the date; the sign-up stays, so the counts of who signed up and came do not
    change (lists show it as a deleted name)."""
    rows = SignUp.objects.filter(
        user__isnull=True, occurrence__lt=recurrence.local(cutoff).date()
    ).exclude(name="")
    activities = sorted(set(rows.values_list("activity_id", flat=True)))
    count = rows.update(name="")
    return count, {"activities": activities}


SCHEDULE = [
    (Kind.PAPER_VOTERS, Action.ANONYMISED, _paper_voters),
    (Kind.RESIDENCY_DECLARATIONS, Action.DELETED, _residency_declarations),
    (Kind.SUPPORTS, Action.DELETED, _supports),
    (Kind.ROOM_CALLERS, Action.ANONYMISED, _room_callers),
    (Kind.DESK_SIGN_UPS, Action.ANONYMISED, _desk_sign_ups),
]


def apply_retention(*, now: datetime.datetime | None = None) -> list[RetentionRecord]:
    """Remove every kind of personal data whose period is over; record what went and when."""
    now = now or timezone.now()
    records = []
    for kind, action, remove in SCHEDULE:
        days = period_days(kind)
        cutoff = now - datetime.timedelta(days=days)
        with transaction.atomic():
            count, detail = remove(cutoff)
            if not count:
                continue
            record = RetentionRecord.objects.create(
                kind=kind,
                action=action,
                count=count,
                period_days=days,
                cutoff=cutoff,
                applied_at=now,
                detail=detail,
            )
            log(
                record,
                "mam.retention.apply",
                data={"kind": kind, "action": action, "count": count, "days": days},
            )
        records.append(record)
    return records
