"""The person's initiatives, memberships, sign-ups and updates in their data download, and
what deleting the account does to them."""

from django.db.models import Q
from django.utils import timezone
from wagtail import hooks

from accounts.services.privacy import user_data_section, when_iso
from initiatives.models import (
    CommitteeMember,
    Initiative,
    Membership,
    NeedSignUp,
    PetitionSupport,
    Update,
)
from initiatives.services.membership import coordination_pass_on, initiative_leave
from initiatives.services.needs import need_withdraw


@user_data_section("initiatives")
def initiatives(user) -> dict:
    """What the person started, joined, signed up for and posted, hidden items too."""
    started = Initiative.objects.filter(started_by=user).order_by("created_at", "pk")
    memberships = Membership.objects.filter(user=user).select_related("initiative").order_by("pk")
    signups = NeedSignUp.objects.filter(user=user).select_related("need").order_by("pk")
    posted = Update.objects.filter(author=user).select_related("initiative").order_by("pk")
    supports = PetitionSupport.objects.filter(user=user).select_related("petition").order_by("pk")
    seats = CommitteeMember.objects.filter(user=user).select_related("initiative").order_by("pk")
    return {
        "started": [
            {
                "title": i.title,
                "issue": i.issue,
                "goal": i.goal,
                "place": i.place,
                "state": i.state,
                "started_at": when_iso(i.created_at),
            }
            for i in started
        ],
        "memberships": [
            {
                "initiative": m.initiative.title,
                "kind": m.kind,
                "role": m.role,
                "name_shown_publicly": m.show_name,
                "gets_emails": m.emails,
                "joined_at": when_iso(m.created_at),
            }
            for m in memberships
        ],
        "need_sign_ups": [
            {"need": s.need.title, "note": s.note, "signed_up_at": when_iso(s.created_at)}
            for s in signups
        ],
        "updates": [
            {"initiative": u.initiative.title, "text": u.body, "posted_at": when_iso(u.created_at)}
            for u in posted
        ],
        "petition_supports": [
            {"petition": s.petition.title, "supported_at": when_iso(s.created_at)} for s in supports
        ],
        "committee_seats": [
            {
                "initiative": c.initiative.title,
                "full_name": c.full_name,
                "consented_at": when_iso(c.consented_at),
                "name_shown_publicly": c.show_name,
            }
            for c in seats
        ],
    }


@hooks.register("mam_user_delete")
def initiatives_of_deleted_account(user) -> None:
    """The person leaves every group; a coordinator's role passes on first (a group must stay
    manageable: services.membership.coordination_pass_on). Coming need sign-ups are withdrawn,
    so the places are free; past ones stay (who helped counts) without their note. Petition
    supports keep counting and updates stay, both under the anonymised account."""
    now = timezone.now()
    coming = NeedSignUp.objects.filter(user=user).filter(
        Q(need__starts_at__isnull=True) | Q(need__starts_at__gt=now)
    )
    for signup in coming.select_related("need").order_by("need_id"):
        need_withdraw(need=signup.need, user=user)
    NeedSignUp.objects.filter(user=user).update(note="")
    memberships = Membership.objects.filter(user=user).select_related("initiative")
    for membership in memberships.order_by("initiative_id"):
        coordination_pass_on(initiative=membership.initiative, user=user)
        initiative_leave(initiative=membership.initiative, user=user)
