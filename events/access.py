"""Who may work with an activity's sign-ups: the one rule the staff screens (Wagtail's admin)
and the organiser's screens on the public site both ask.

Staff hold add/change/publish page permission on their centre's subtree (moderators,
officials, editors of that centre); the organiser is a partner organisation of the centre
(`ActivityPage.partner`), whose people are the confirmed organisation accounts named on its
entry (`Partner.objects.represented_by`). Staff see a date's sign-ups, sign people up at the
desk, cancel, print the attendance list and enter how many came; the organiser sees the
sign-ups, prints the list and enters the count, for its own activities only.
"""

from __future__ import annotations

from wagtail.permission_policies.pages import PagePermissionPolicy

from events.models import ActivityPage
from partners.models import Partner

# Moderators and officials hold "add" on their centre's pages, editors also change/publish:
# all of them work at the desk.
STAFF_ACTIONS = ["add", "change", "publish"]


def editable_activities(user):
    """Activity pages under the pages where `user` is staff (their centre, through page
    permissions)."""
    pages = PagePermissionPolicy().instances_user_has_any_permission_for(user, STAFF_ACTIONS)
    return ActivityPage.objects.filter(pk__in=pages.values("pk"))


def may_manage(user) -> bool:
    """Staff of some centre's activities (the admin's menu and screens)."""
    return PagePermissionPolicy().user_has_any_permission(user, STAFF_ACTIONS)


def organised_activities(user):
    """Activity pages organised by a partner whose confirmed person `user` is (none, and no
    query, for anyone else)."""
    return ActivityPage.objects.filter(partner__in=Partner.objects.represented_by(user))


def list_activities(user):
    """Activity pages whose sign-ups, attendance list and count `user` may see and enter:
    the centre's staff, and the organising partner's people."""
    return editable_activities(user) | organised_activities(user)
