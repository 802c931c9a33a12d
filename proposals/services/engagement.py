"""Supports, offers of help ("I will help") and following a proposal.

Counters on the proposal change in the same transaction as the rows they count, under a
row lock on the proposal, so parallel supports are all counted and none twice.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail.log_actions import log

from accounts import roles
from accounts.models import User
from accounts.notifications import send_user_email
from accounts.services.residency import is_verified_resident
from config.cache_versions import pages_changed
from consultations import participation, selectors
from consultations.models import ConsultationPage
from jobs.services import enqueue_in_transaction, run_once
from proposals.models import OFFER_NOTE_MAX, Follow, Pledge, Proposal, Support
from proposals.services.status import proposal_absolute_url, unsubscribe_url

STAFF_PERMISSION = "proposals.change_proposal"

# Proposals that no longer gather supports, offers of help or comments.
CLOSED_STATUSES = {Proposal.Status.WITHDRAWN, Proposal.Status.MERGED, Proposal.Status.REJECTED}


def _check_open(proposal: Proposal) -> None:
    if proposal.is_hidden or proposal.status in CLOSED_STATUSES:
        raise ValidationError(_("This proposal no longer takes supports or offers of help."))


def _check_may(user, proposal: Proposal, action: str, now) -> None:
    participation.require(user, proposal.consultation, action, now)


def _lock(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_for_update().get(pk=proposal.pk)


def _count_support(proposal: Proposal, delta: int) -> Proposal:
    Proposal.objects.filter(pk=proposal.pk).update(supports_count=F("supports_count") + delta)
    proposal.refresh_from_db(fields=["supports_count", "threshold_reached_at"])
    return proposal


def _create_support(*, proposal: Proposal, user: User, **fields) -> Support | None:
    """Insert the row and count it; None when the person already supports the proposal."""
    locked = _lock(proposal)
    if Support.objects.filter(proposal=locked, user=user).exists():
        return None
    try:
        with transaction.atomic():
            support = Support.objects.create(proposal=locked, user=user, **fields)
    except IntegrityError:  # a parallel request of the same person won the race
        return None
    _count_support(proposal, +1)
    pages_changed(proposal.consultation_id)
    _threshold_check(proposal)
    return support


@transaction.atomic
def support_add(*, proposal: Proposal, user: User, now: datetime.datetime | None = None) -> Support:
    """Support a proposal once; supporting again changes nothing."""
    _check_open(proposal)
    _check_may(user, proposal, "support", now)
    support = _create_support(proposal=proposal, user=user)
    return support or Support.objects.get(proposal=proposal, user=user)


@transaction.atomic
def support_remove(*, proposal: Proposal, user: User, now: datetime.datetime | None = None) -> bool:
    """Withdraw one's support while supporting is open; True if there was one."""
    _check_may(user, proposal, "support", now)
    _lock(proposal)
    deleted, _rows = Support.objects.filter(proposal=proposal, user=user).delete()
    if deleted:
        _count_support(proposal, -1)
        pages_changed(proposal.consultation_id)
    return bool(deleted)


@transaction.atomic
def support_record_in_person(
    *, proposal: Proposal, resident: User, staff: User, now: datetime.datetime | None = None
) -> Support:
    """Record a support an identified resident gave at the centre's desk."""
    consultation = proposal.consultation
    if not roles.is_staff_for(staff, STAFF_PERMISSION, consultation.centre):
        raise ValidationError(_("You can record supports only for your own centre."))
    _check_open(proposal)
    if resident.is_blocked or not resident.is_active:
        raise ValidationError(_("This account is blocked, so it cannot support proposals."))
    phase = selectors.current_phase(consultation, now)
    if phase is None or phase.kind not in selectors.ACTION_PHASES["support"]:
        raise ValidationError(_("Supporting proposals is not possible now in this consultation."))
    if (
        consultation.eligibility == ConsultationPage.Eligibility.VERIFIED
        and not is_verified_resident(resident, consultation.centre)
    ):
        raise ValidationError(
            _("Only verified residents may support here: verify this resident first.")
        )
    support = _create_support(
        proposal=proposal, user=resident, channel=Support.Channel.IN_PERSON, recorded_by=staff
    )
    if support is None:
        raise ValidationError(_("This resident already supports the proposal."))
    log(proposal, "mam.proposal.support_in_person", user=staff, data={"resident": resident.pk})
    return support


def _threshold_check(proposal: Proposal) -> None:
    """Record, once, that the consultation's threshold was reached, and tell people."""
    threshold = proposal.consultation.support_threshold
    if not threshold or proposal.supports_count < threshold or proposal.threshold_reached_at:
        return
    proposal.threshold_reached_at = timezone.now()
    Proposal.objects.filter(pk=proposal.pk).update(
        threshold_reached_at=proposal.threshold_reached_at
    )
    enqueue_in_transaction(notify_threshold, proposal_id=proposal.pk)


@task()
def notify_threshold(*, proposal_id: int) -> None:
    """threshold_notify() in the worker; its emails are queued once, however often it runs."""
    proposal = Proposal.objects.select_related("consultation").get(pk=proposal_id)
    run_once(f"threshold:{proposal_id}", lambda: threshold_notify(proposal=proposal))


def threshold_notify(*, proposal: Proposal) -> None:
    """Email the centre's officials and the proposal's followers that the threshold is reached."""
    consultation = proposal.consultation
    officials = roles.centre_groups_ensure(consultation.centre)[roles.OFFICIAL].user_set.all()
    context = {
        "proposal": proposal,
        "consultation": consultation,
        "threshold": consultation.support_threshold,
        "proposal_url": proposal_absolute_url(proposal),
    }
    notified = set()
    for official in officials.filter(is_active=True):
        notified.add(official.pk)
        send_user_email(official, "proposals/email/threshold_official", context)
    followers = User.objects.filter(follows__proposal=proposal, is_active=True).exclude(
        pk__in=notified
    )
    for follower in followers:
        send_user_email(
            follower,
            "proposals/email/threshold_follower",
            {**context, "unsubscribe_url": unsubscribe_url(proposal, follower)},
        )


def offer_note_clean(note: str) -> str:
    """An offer of help's note, stripped; refused past OFFER_NOTE_MAX characters. The rule of
    pledges and of sign-ups for an initiative's needs, which generalise them."""
    note = (note or "").strip()
    if len(note) > OFFER_NOTE_MAX:
        raise ValidationError(_("Keep the note to 300 characters."), code="note_too_long")
    return note


@transaction.atomic
def pledge_add(*, proposal: Proposal, user: User, note: str = "") -> Pledge:
    """Offer help ("I will help"), or change the note of an earlier offer."""
    _check_open(proposal)
    _check_may(user, proposal, "pledge", None)
    note = offer_note_clean(note)
    pledge, _created = Pledge.objects.update_or_create(
        proposal=proposal, user=user, defaults={"note": note}
    )
    pages_changed(proposal.consultation_id)
    return pledge


@transaction.atomic
def pledge_remove(*, proposal: Proposal, user: User) -> bool:
    deleted, _rows = Pledge.objects.filter(proposal=proposal, user=user).delete()
    if deleted:
        pages_changed(proposal.consultation_id)
    return bool(deleted)


def follow(*, proposal: Proposal, user: User) -> Follow:
    """Follow a proposal (emails about comments and status); following twice is one follow."""
    try:
        with transaction.atomic():
            return Follow.objects.get_or_create(proposal=proposal, user=user)[0]
    except IntegrityError:
        return Follow.objects.get(proposal=proposal, user=user)


def unfollow(*, proposal: Proposal, user: User) -> bool:
    deleted, _rows = Follow.objects.filter(proposal=proposal, user=user).delete()
    return bool(deleted)
