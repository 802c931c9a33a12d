"""Reads shared by the pages, the admin and the demo."""

import datetime

from django.db.models import Prefetch, Q
from django.utils import timezone
from wagtail import hooks

from consultations.models import ConsultationPage, Phase
from initiatives.models import (
    Action,
    ContributionPledge,
    CriterionScore,
    Initiative,
    LocalInitiativeApplication,
    Membership,
    Need,
    NeedSignUp,
    Update,
)
from rooms.models import Booking

STALLED_AFTER = datetime.timedelta(days=30)


def initiatives_listed(index):
    """The index's public initiatives, running ones first, with their first photo."""
    return (
        Initiative.objects.public()
        .filter(index=index)
        .order_by("state", "-last_activity_at", "-pk")
        .prefetch_related("photos")
    )


def initiative_for(index, pk: int, user, *, organiser: bool = False) -> Initiative | None:
    """One initiative of the index as `user` may see it: public ones for everyone, waiting or
    declined ones for their members and the centre's organiser; None otherwise."""
    found = (
        Initiative.objects.filter(index=index, pk=pk)
        .select_related("origin_proposal__consultation", "proposal__consultation", "petition")
        .prefetch_related(
            "photos",
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(kind=Membership.Kind.MEMBER).select_related(
                    "user"
                ),
                to_attr="members",
            ),
            Prefetch("needs", queryset=Need.objects.order_by("starts_at", "pk")),
            Prefetch(
                "updates",
                queryset=Update.objects.filter(hidden_at__isnull=True).order_by(
                    "-created_at", "-pk"
                ),
            ),
            Prefetch("actions", queryset=Action.objects.select_related("activity")),
            "local_applications",
            Prefetch(
                "room_bookings",
                queryset=Booking.objects.open()
                .filter(ends_at__gt=timezone.now())
                .select_related("room")
                .order_by("starts_at", "pk"),
                to_attr="open_room_bookings",
            ),
        )
        .first()
    )
    if found is None or found.is_public or organiser:
        return found
    if user.is_authenticated and any(m.user_id == user.pk for m in found.members):
        return found
    return None


def waiting_for_review(centres):
    return Initiative.objects.filter(centre__in=centres, state=Initiative.State.PENDING)


def stalled(queryset, now: datetime.datetime | None = None):
    """Running initiatives with no activity (update, need, action) for 30 days."""
    now = now or timezone.now()
    return queryset.filter(state=Initiative.State.ACTIVE, last_activity_at__lt=now - STALLED_AFTER)


def open_consultations(centre, now: datetime.datetime | None = None):
    """The centre's live consultations whose proposals phase runs now."""
    now = now or timezone.now()
    running = Q(phases__kind=Phase.Kind.PROPOSALS, phases__starts_at__lte=now) & (
        Q(phases__closed_early_at__isnull=True, phases__ends_at__gt=now)
        | Q(phases__closed_early_at__gt=now, phases__ends_at__gt=now)
    )
    return (
        ConsultationPage.objects.live()
        .descendant_of(centre)
        .filter(running)
        .distinct()
        .order_by("title")
    )


def local_application_for(index, pk: int) -> LocalInitiativeApplication | None:
    """One local initiative application of the index with everything its pages show."""
    return (
        LocalInitiativeApplication.objects.filter(index=index, pk=pk)
        .select_related("initiative", "centre", "applicant")
        .prefetch_related(
            "cost_lines",
            "contribution_lines",
            Prefetch("pledges", queryset=ContributionPledge.objects.select_related("user")),
            Prefetch("scores", queryset=CriterionScore.objects.select_related("criterion")),
        )
        .first()
    )


def linked_activities(initiative: Initiative, request=None) -> dict[str, list[dict]]:
    """The centre's activities linked to the initiative, from the apps that hold them (events,
    through the `mam_initiative_activities` hook: the same layer): {"upcoming": [...],
    "past": [...]}, each row a page id, title, URL and start."""
    found = {"upcoming": [], "past": []}
    for hook in hooks.get_hooks("mam_initiative_activities"):
        for when, rows in hook(request, initiative).items():
            found.setdefault(when, []).extend(rows)
    return found


def linked_activity_ids(initiative: Initiative) -> set[int]:
    """The page ids of the activities linked to the initiative."""
    return {row["page_id"] for rows in linked_activities(initiative).values() for row in rows}


def _moment(value) -> datetime.datetime:
    """A date or a datetime as an aware datetime (a date at the start of its day), to sort."""
    if isinstance(value, datetime.datetime):
        return value
    return timezone.make_aware(datetime.datetime.combine(value, datetime.time()))


def initiative_timeline(initiative: Initiative, activities: dict, *, updates=None) -> list[dict]:
    """The group's public timeline, newest first: its updates and the meetings it held at the
    centre (the past linked activities), merged by date. Reads the prefetched updates. Each
    meeting is shown once: the coming ones have their own section at the top of the page (when
    to come), the held ones join the story here; what the group did is listed once, in its own
    section with its results."""
    updates = initiative.updates.all() if updates is None else updates
    entries = [{"kind": "update", "when": u.created_at, "update": u} for u in updates]
    entries += [
        {"kind": "activity", "when": row["starts_at"], "activity": row}
        for row in activities.get("past", [])
    ]
    return sorted(entries, key=lambda entry: _moment(entry["when"]), reverse=True)


def needs_with_signups(initiative: Initiative) -> list[Need]:
    """The group's needs with who signed up and their notes, for the coordinator and the
    contact persons: two queries whatever the numbers."""
    signups = NeedSignUp.objects.select_related("user").order_by("created_at", "pk")
    return list(
        Need.objects.filter(initiative=initiative)
        .prefetch_related(Prefetch("signups", queryset=signups))
        .order_by("starts_at", "pk")
    )
