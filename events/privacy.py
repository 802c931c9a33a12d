"""The person's activity sign-ups in their data download."""

from accounts.services.privacy import user_data_section
from events.models import SignUp


@user_data_section("activity_signups")
def activity_signups(user) -> list[dict]:
    """Every sign-up of the person, cancelled ones too, oldest first."""
    signups = SignUp.objects.filter(user=user).select_related("activity").order_by("pk")
    return [
        {
            "activity": s.activity.title,
            "date": s.occurrence.isoformat(),
            "name": s.name,
            "state": s.state,
            "signed_up_at": s.created_at.isoformat(),
            "changed_at": s.changed_at.isoformat(),
        }
        for s in signups
    ]
