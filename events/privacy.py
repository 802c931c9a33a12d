"""A person's activity sign-ups in their data download, and what deleting the account does."""

from django.utils import timezone
from wagtail import hooks

from accounts.services.privacy import user_data_section, when_iso
from events import recurrence
from events.models import SignUp
from events.services.signups import signup_cancel


@user_data_section("activity_sign_ups")
def activity_sign_ups(user) -> list[dict]:
    """Every date the person signed up for, cancelled ones too."""
    signups = SignUp.objects.filter(user=user).select_related("activity")
    return [
        {
            "activity": signup.activity.title,
            "date": signup.occurrence.isoformat(),
            "state": signup.state,
            "name": signup.name,
            "signed_up_at": when_iso(signup.created_at),
            "changed_at": when_iso(signup.changed_at),
        }
        for signup in signups.order_by("occurrence", "pk")
    ]


@hooks.register("mam_user_delete")
def sign_ups_of_deleted_account(user) -> None:
    """Coming sign-ups are cancelled (a freed place goes to the next person waiting, as when
    someone cancels); the name goes from every sign-up, the counts of who came stay."""
    today = recurrence.local(timezone.now()).date()
    coming = SignUp.objects.active().filter(user=user, occurrence__gte=today)
    for signup in coming.order_by("pk"):
        signup_cancel(signup=signup)
    SignUp.objects.filter(user=user).update(name="")
