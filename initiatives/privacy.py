"""The person's initiatives, memberships, sign-ups and updates in their data download."""

from accounts.services.privacy import user_data_section
from initiatives.models import (
    CommitteeMember,
    Initiative,
    Membership,
    NeedSignUp,
    PetitionSupport,
    Update,
)


def _when(value):
    return value.isoformat() if value else None


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
                "started_at": _when(i.created_at),
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
                "joined_at": _when(m.created_at),
            }
            for m in memberships
        ],
        "need_sign_ups": [
            {"need": s.need.title, "note": s.note, "signed_up_at": _when(s.created_at)}
            for s in signups
        ],
        "updates": [
            {"initiative": u.initiative.title, "text": u.body, "posted_at": _when(u.created_at)}
            for u in posted
        ],
        "petition_supports": [
            {"petition": s.petition.title, "supported_at": _when(s.created_at)} for s in supports
        ],
        "committee_seats": [
            {
                "initiative": c.initiative.title,
                "full_name": c.full_name,
                "consented_at": _when(c.consented_at),
                "name_shown_publicly": c.show_name,
            }
            for c in seats
        ],
    }
