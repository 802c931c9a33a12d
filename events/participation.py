"""On a person's own page (accounts): the coming activity dates they signed up for, and the
activities their partner organisation runs."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from accounts.participation import LIMIT, Item, Section
from events import access, recurrence
from events.models import Organiser, SignUp
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


@hooks.register("mam_account_participation")
def organised_activities(request) -> Section | None:
    """The activities run by the partner organisation the person represents or by the
    initiative they coordinate or are a contact person of, each with its organiser's screens
    (sign-ups, the attendance list, the count of who came); one query, none for anyone else."""
    pages = access.organised_activities(request.user).live()
    shown = list(pages.select_related("partner", "initiative").order_by("title", "pk")[:LIMIT])
    if not shown:
        return None
    items = [
        Item(
            title=page.title,
            url=page.get_url(request),
            detail=_organiser_name(page),
            action_url=page.get_url(request) + page.reverse_subpage("organiser"),
            action_label=_("Sign-ups and the attendance list"),
        )
        for page in shown
    ]
    return Section(
        key="organised_activities",
        title=_("Activities you organise"),
        items=items,
        total=len(shown) if len(shown) < LIMIT else pages.count(),
        order=41,
    )


def _organiser_name(page) -> str:
    if page.organiser == Organiser.INITIATIVE and page.initiative_id:
        return page.initiative.title
    return page.partner.name if page.partner_id else page.organiser_name
