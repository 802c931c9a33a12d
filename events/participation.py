"""The coming activity dates a person signed up for, on their own page (accounts)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from accounts.participation import LIMIT, Item, Section
from events import recurrence
from events.models import SignUp
from events.services.signups import cancel_token


@hooks.register("mam_account_participation")
def coming_sign_ups(request) -> Section:
    today = recurrence.local(timezone.now()).date()
    coming = SignUp.objects.active().filter(user=request.user, occurrence__gte=today)
    rows = coming.select_related("activity").order_by("occurrence", "pk")[:LIMIT]
    items = []
    for signup in rows:
        activity = signup.activity
        items.append(
            Item(
                title=activity.title,
                url=activity.get_url(request),
                detail=signup.get_state_display(),
                when=signup.occurrence,
                action_url=activity.get_url(request)
                + activity.reverse_subpage("cancel", args=[cancel_token(signup)]),
                action_label=_("Cancel your place"),
            )
        )
    return Section(
        key="sign_ups",
        title=_("Activities you signed up for"),
        items=items,
        total=coming.count(),
        empty=_("You are not signed up for any coming activity."),
        order=40,
    )
