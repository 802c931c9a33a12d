"""Who may work with an activity's sign-ups: the one rule the staff screens (Wagtail's admin)
and the organiser's screens on the public site both ask.

Staff hold add/change/publish page permission on their centre's subtree (moderators,
officials, editors of that centre). The organiser is a partner organisation of the centre
(`ActivityPage.partner`), whose people are the confirmed organisation accounts named on its
entry (`Partner.objects.represented_by`), or a residents' initiative (organiser "initiative"
with its `initiative`), whose people are its coordinator and contact persons while it is
running or ended: initiatives shares events' layer, so it answers through the
`mam_initiatives_organised_by` and `mam_initiative_organisers` hooks (initiatives.organising).
Staff see a date's sign-ups, sign people up at the desk, cancel, print the attendance list and
enter how many came; the organiser sees the sign-ups, prints the list and enters the count,
for its own activities only.
"""

from __future__ import annotations

from django.db.models import Q
from wagtail import hooks
from wagtail.permission_policies.pages import PagePermissionPolicy

from events.models import ActivityPage, Organiser
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
    """Activity pages organised by a partner whose confirmed person `user` is, or by an
    initiative whose coordinator or contact person they are (none, and no query, for the
    anonymous)."""
    condition = Q(partner__in=Partner.objects.represented_by(user))
    for initiatives_of in hooks.get_hooks("mam_initiatives_organised_by"):
        condition |= Q(organiser=Organiser.INITIATIVE, initiative__in=initiatives_of(user))
    return ActivityPage.objects.filter(condition)


def organises(user, page) -> bool:
    """Whether the activity page links its organiser's screens for `user`, as cheaply as it
    can be told: an initiative's meeting asks the initiative's organisers kept in the cache
    (no query), a partner's activity a query for the partner's people only."""
    if not user.is_authenticated:
        return False
    if page.organiser == Organiser.INITIATIVE and page.initiative_id:
        for organisers_of in hooks.get_hooks("mam_initiative_organisers"):
            if user.pk in organisers_of(page.initiative_id):
                return True
    if not page.partner_id:
        return False
    partners = Partner.objects.represented_by(user)
    return ActivityPage.objects.filter(pk=page.pk, partner__in=partners).exists()


def list_activities(user):
    """Activity pages whose sign-ups, attendance list and count `user` may see and enter:
    the centre's staff, and the organiser's people."""
    return editable_activities(user) | organised_activities(user)
