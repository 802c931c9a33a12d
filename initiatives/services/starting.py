"""Starting an initiative and the organiser's review before it is public."""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts.notifications import send_user_email
from consultations.participation import refused
from home.links import absolute_url
from initiatives.areas import area_clean
from initiatives.models import Initiative, InitiativeIndexPage, InitiativePhoto, Membership
from initiatives.services.rules import is_organiser, start_refusal
from initiatives.versions import initiatives_changed
from proposals.models import Proposal
from proposals.services.submission import MAX_PHOTOS, photo_clean


def fields_check(
    *, title, issue, goal, place, latitude, longitude, origin_proposal, centre, area=None
) -> None:
    """Raise a ValidationError by field when the text or the place is missing or wrong."""
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Give your initiative a name.")]
    if not issue.strip():
        errors["issue"] = [_("Describe the issue in your own words.")]
    if not goal.strip():
        errors["goal"] = [_("Say what you want to change.")]
    if (latitude is None) != (longitude is None):
        errors["latitude"] = [_("Give both latitude and longitude, or neither.")]
    elif latitude is None and not place.strip() and not area:
        errors["place"] = [
            _("Say where it is: type a place or an address, or mark a point on the map.")
        ]
    if origin_proposal is not None and (
        origin_proposal.status != Proposal.Status.REJECTED
        or origin_proposal.is_hidden
        or origin_proposal.consultation.centre != centre
    ):
        errors["origin_proposal"] = [
            _("An initiative can continue only a proposal of this centre that was rejected.")
        ]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def initiative_start(
    *,
    index: InitiativeIndexPage,
    user,
    title: str,
    issue: str,
    goal: str,
    place: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    area: dict | None = None,
    photos: Iterable[tuple] = (),
    show_name: bool = False,
    origin_proposal: Proposal | None = None,
    now: datetime.datetime | None = None,
) -> Initiative:
    """Start an initiative, waiting for the organiser's review; its starter coordinates it."""
    now = now or timezone.now()
    centre = index.centre
    refusal = start_refusal(user, centre)
    if refusal:
        raise refusal
    fields_check(
        title=title,
        issue=issue,
        goal=goal,
        place=place,
        latitude=latitude,
        longitude=longitude,
        origin_proposal=origin_proposal,
        centre=centre,
        area=area,
    )
    cleaned = photos_clean(photos)
    area = area_clean_for_form(area)
    _refuse_a_second_start(user, centre, title.strip())
    initiative = Initiative.objects.create(
        index=index,
        centre=centre,
        started_by=user,
        title=title.strip(),
        issue=issue.strip(),
        goal=goal.strip(),
        place=place.strip(),
        latitude=latitude,
        longitude=longitude,
        area=area,
        origin_proposal=origin_proposal,
        members_count=1,
        created_at=now,
        last_activity_at=now,
    )
    photos_add(initiative, cleaned)
    _add_coordinator(initiative, user, show_name=show_name, now=now)
    return initiative


def _refuse_a_second_start(user, centre, title: str) -> None:
    """The same person's same title, still waiting or running, in the same centre is the
    form sent twice (a double click, a reload after a slow answer), not a second cause. The
    person's row is locked first, so two such requests at once are told apart too."""
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    waiting_or_running = (Initiative.State.PENDING, Initiative.State.ACTIVE)
    # Compared in Python: SQLite's case-insensitive match knows only ASCII letters ("Ó").
    titles = Initiative.objects.filter(
        centre=centre, started_by=user, state__in=waiting_or_running
    ).values_list("title", flat=True)
    if any(" ".join(t.split()).casefold() == " ".join(title.split()).casefold() for t in titles):
        message = _(
            "You have already started the initiative “%(title)s”; you find it on your "
            "participation page. A new initiative needs a title of its own."
        ) % {"title": title}
        raise ValidationError({"title": [message]})


def _add_coordinator(initiative: Initiative, user, *, show_name: bool, now) -> None:
    """The starter joins as the group's first member and coordinates it."""
    Membership.objects.create(
        initiative=initiative,
        user=user,
        kind=Membership.Kind.MEMBER,
        role=Membership.Role.COORDINATOR,
        show_name=show_name,
        created_at=now,
    )


def area_clean_for_form(area: dict | None) -> dict | None:
    """The area as stored, its errors under the form's `area` field."""
    try:
        return area_clean(area)
    except ValidationError as error:
        raise ValidationError({"area": error.messages}) from None


def photos_clean(photos: Iterable[tuple]) -> list[tuple]:
    """Check each (file, alt text) pair and return them cleaned; at most MAX_PHOTOS."""
    photos = list(photos)
    if len(photos) > MAX_PHOTOS:
        raise ValidationError({"photos": [_("Add at most 3 photos.")]})
    return [(photo_clean(file), (alt or "").strip()) for file, alt in photos]


def photos_add(initiative: Initiative, cleaned: list[tuple], *, start: int = 0) -> None:
    """Attach the cleaned photos in order from `start`, with a numbered alt text where none
    was given."""
    for position, (file, alt) in enumerate(cleaned, start=start):
        InitiativePhoto.objects.create(
            initiative=initiative,
            image=file,
            alt_text=alt or _("Photo %(number)d of the initiative") % {"number": position + 1},
            position=position,
        )


def _locked(initiative: Initiative) -> Initiative:
    return Initiative.objects.select_for_update().get(pk=initiative.pk)


@transaction.atomic
def initiative_approve(
    *, initiative: Initiative, organiser, now: datetime.datetime | None = None
) -> Initiative:
    """Make a waiting initiative public; its starter is told by email."""
    now = now or timezone.now()
    initiative = _locked(initiative)
    if not is_organiser(organiser, initiative.centre):
        raise refused("organiser", _("Only the centre's organiser can review initiatives."))
    if initiative.state != Initiative.State.PENDING:
        raise refused("state", _("This initiative has already been reviewed."))
    initiative.state = Initiative.State.ACTIVE
    initiative.reviewed_by, initiative.reviewed_at = organiser, now
    initiative.last_activity_at = now
    initiative.save(update_fields=["state", "reviewed_by", "reviewed_at", "last_activity_at"])
    log(initiative, "mam.initiative.approve", user=organiser)
    link = absolute_url(initiative.get_absolute_url())
    transaction.on_commit(
        lambda: send_user_email(
            initiative.started_by,
            "initiatives/email/approved",
            {"initiative": initiative, "initiative_url": link},
        )
    )
    initiatives_changed(initiative.index_id)
    return initiative


@transaction.atomic
def initiative_decline(
    *, initiative: Initiative, organiser, reason: str, now: datetime.datetime | None = None
) -> Initiative:
    """Decline a waiting initiative with a reason, which is emailed to its starter."""
    now = now or timezone.now()
    initiative = _locked(initiative)
    if not is_organiser(organiser, initiative.centre):
        raise refused("organiser", _("Only the centre's organiser can review initiatives."))
    if initiative.state != Initiative.State.PENDING:
        raise refused("state", _("This initiative has already been reviewed."))
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the initiative cannot be published.")]})
    initiative.state = Initiative.State.DECLINED
    initiative.review_reason = reason.strip()
    initiative.reviewed_by, initiative.reviewed_at = organiser, now
    initiative.save(update_fields=["state", "review_reason", "reviewed_by", "reviewed_at"])
    log(initiative, "mam.initiative.decline", user=organiser, data={"reason": reason.strip()})
    transaction.on_commit(
        lambda: send_user_email(
            initiative.started_by, "initiatives/email/declined", {"initiative": initiative}
        )
    )
    return initiative
