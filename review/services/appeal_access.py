"""The admin for an appeal body's members who are not officials (residents on a civic-budget
council, the mayor's own account): they reach the appeals of their consultations only.

One group, kept equal to the members of every appeal body, grants Wagtail's admin access and
`review.decide_appeal`; review.middleware keeps someone who holds nothing more to the appeal
screens, and the screens show the appeals of the consultations whose body they sit on.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from accounts.models import User
from review.models import ReviewSetup

# The group's name is data (Polish, as the admin shows it), like accounts.roles' names.
APPEAL_BODY_GROUP = "Organy odwoławcze budżetu obywatelskiego"
ADMIN_ACCESS = "wagtailadmin.access_admin"
DECIDE_PERMISSION = "review.decide_appeal"
_GRANTED = {ADMIN_ACCESS, DECIDE_PERMISSION}


def _permission(name: str) -> Permission:
    app_label, codename = name.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def appeal_body_access_sync() -> Group:
    """Make the appeal bodies' group hold exactly the members of every appeal body."""
    group, _created = Group.objects.get_or_create(name=APPEAL_BODY_GROUP)
    group.permissions.add(_permission(ADMIN_ACCESS), _permission(DECIDE_PERMISSION))
    through = ReviewSetup.appeal_body_members.through
    group.user_set.set(User.objects.filter(pk__in=through.objects.values("user_id")))
    return group


def appeal_body_only(user) -> bool:
    """Whether `user` reaches the admin only as a member of an appeal body (no other right:
    the permission sets are cached, so this costs no query)."""
    if not (user.is_authenticated and user.is_active) or user.is_superuser:
        return False
    return user.has_perm(DECIDE_PERMISSION) and user.get_all_permissions() <= _GRANTED


def may_open_appeals(user) -> bool:
    """Officials (their centres' appeals) and appeal bodies' members (their consultations')."""
    return user.has_perm(DECIDE_PERMISSION) or user.has_perm("proposals.change_proposal")
