"""Joining as a member, following as a supporter, roles, and handing over coordination.

Each write locks the initiative's row first, so two joins at once by the same person make
one membership (a database constraint backs it) and the counters stay exact.
"""

import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from consultations.participation import refused
from initiatives.models import Initiative, Membership
from initiatives.services.coordination import (
    HANDED_OVER,
    LEFT_WITHOUT,
    PASSED_ON,
    coordinator_changed,
)
from initiatives.services.rules import person_refusal, require_coordinator, require_running
from initiatives.versions import initiatives_changed

COUNTER = {Membership.Kind.MEMBER: "members_count", Membership.Kind.SUPPORTER: "supporters_count"}


def _count(initiative_id: int, kind: str, delta: int) -> None:
    field = COUNTER[kind]
    Initiative.objects.filter(pk=initiative_id).update(**{field: F(field) + delta})


@transaction.atomic
def initiative_join(
    *,
    initiative: Initiative,
    user,
    kind: str,
    show_name: bool = False,
    now: datetime.datetime | None = None,
) -> Membership:
    """Join as a member or follow as a supporter; joining again changes the kind."""
    now = now or timezone.now()
    if kind not in Membership.Kind.values:
        raise ValueError(kind)
    refusal = person_refusal(user)
    if refusal:
        raise refusal
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    require_running(initiative)
    membership = Membership.objects.filter(initiative=initiative, user=user).first()
    if membership is None:
        membership = Membership.objects.create(
            initiative=initiative,
            user=user,
            kind=kind,
            show_name=show_name and kind == Membership.Kind.MEMBER,
            created_at=now,
        )
        _count(initiative.pk, kind, +1)
    elif membership.kind != kind:
        if membership.role == Membership.Role.COORDINATOR:
            raise refused("role", _("Hand over coordination before you leave the group."))
        _count(initiative.pk, membership.kind, -1)
        _count(initiative.pk, kind, +1)
        membership.kind = kind
        membership.role = Membership.Role.NONE
        membership.show_name = show_name and kind == Membership.Kind.MEMBER
        membership.save(update_fields=["kind", "role", "show_name"])
    elif kind == Membership.Kind.MEMBER and membership.show_name != show_name:
        membership.show_name = show_name
        membership.save(update_fields=["show_name"])
    initiatives_changed(initiative.index_id)
    return membership


@transaction.atomic
def initiative_leave(*, initiative: Initiative, user) -> bool:
    """Stop being a member or supporter; the coordinator must hand over first."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    membership = Membership.objects.filter(initiative=initiative, user=user).first()
    if membership is None:
        return False
    if membership.role == Membership.Role.COORDINATOR:
        raise refused("role", _("Hand over coordination before you leave the group."))
    membership.delete()
    _count(initiative.pk, membership.kind, -1)
    initiatives_changed(initiative.index_id)
    return True


@transaction.atomic
def role_set(*, initiative: Initiative, coordinator, member: Membership, role: str) -> Membership:
    """The coordinator makes a member a contact person (or takes the role away)."""
    if role not in (Membership.Role.CONTACT, Membership.Role.NONE):
        raise ValueError(role)
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    require_coordinator(coordinator, initiative)
    member = Membership.objects.get(pk=member.pk, initiative=initiative)
    if member.kind != Membership.Kind.MEMBER or member.role == Membership.Role.COORDINATOR:
        raise refused("role", _("Only another member of the group can take this role."))
    member.role = role
    member.save(update_fields=["role"])
    initiatives_changed(initiative.index_id)
    return member


@transaction.atomic
def coordination_hand_over(
    *,
    initiative: Initiative,
    coordinator,
    successor: Membership,
    now: datetime.datetime | None = None,
) -> Membership:
    """The coordinator hands the role to another member and becomes a contact person."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    require_coordinator(coordinator, initiative)
    successor = Membership.objects.filter(pk=successor.pk, initiative=initiative).first()
    if (
        successor is None
        or successor.kind != Membership.Kind.MEMBER
        or successor.user_id == coordinator.pk
        or person_refusal(successor.user)
    ):
        raise refused("successor", _("Choose another member of the group."))
    Membership.objects.filter(initiative=initiative, user=coordinator).update(
        role=Membership.Role.CONTACT
    )
    successor.role = Membership.Role.COORDINATOR
    successor.save(update_fields=["role"])
    now = now or timezone.now()
    coordinator_changed(initiative, successor, action=HANDED_OVER, by=coordinator, now=now)
    initiatives_changed(initiative.index_id)
    return successor


def _successor(initiative: Initiative, leaving) -> Membership | None:
    """Who takes over from a coordinator who cannot hand over: the longest-standing contact
    person who can still take part, else the longest-standing such member."""
    candidates = (
        Membership.objects.filter(initiative=initiative, kind=Membership.Kind.MEMBER)
        .exclude(user=leaving)
        .filter(user__is_active=True, user__deleted_at__isnull=True)
        .select_related("user")
        .order_by("created_at", "pk")
    )
    ordered = sorted(candidates, key=lambda m: m.role != Membership.Role.CONTACT)
    return next((m for m in ordered if person_refusal(m.user) is None), None)


@transaction.atomic
def coordination_pass_on(*, initiative: Initiative, user) -> Membership | None:
    """A coordinator whose account is deleted gives the role to `_successor`, so the group
    can still be run; return the new coordinator (None when nobody can take it: the centre's
    organiser appoints one, services.coordination)."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    leaving = Membership.objects.filter(
        initiative=initiative, user=user, role=Membership.Role.COORDINATOR
    ).first()
    if leaving is None:
        return None
    successor = _successor(initiative, user)
    leaving.role = Membership.Role.NONE  # one coordinator at a time (a constraint)
    leaving.save(update_fields=["role"])
    if successor is not None:
        successor.role = Membership.Role.COORDINATOR
        successor.save(update_fields=["role"])
        coordinator_changed(initiative, successor, action=PASSED_ON, by=None, now=timezone.now())
    else:
        log(initiative, LEFT_WITHOUT, user=None)
    initiatives_changed(initiative.index_id)
    return successor
