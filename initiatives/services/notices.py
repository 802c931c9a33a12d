"""Emails about the town's answers, petition deadline extensions and committee invitations,
sent by the worker.

Each task walks its recipients in batches and sends each email under a done-once mark
(`jobs.services.run_once`), so a task run again after its worker died sends nobody a second
copy. Members and supporters who stopped the initiative's emails get none; every email carries
the signed link that stops them without signing in.
"""

from urllib.parse import urlencode

from django_tasks import task

from accounts.notifications import send_user_email
from home.links import absolute_url
from initiatives.models import CommitteeMember, LocalInitiativeApplication, Membership, Petition
from initiatives.services.committee_tokens import committee_token
from initiatives.services.updates import BATCH, unsubscribe_url
from jobs.services import run_once

PETITION = "petition"
LOCAL = "local"


def _people(initiative_id: int):
    """Members and supporters who get the initiative's emails, in a stable order."""
    return (
        Membership.objects.filter(initiative_id=initiative_id, emails=True)
        .filter(user__is_active=True, user__deleted_at__isnull=True)
        .select_related("user")
        .order_by("pk")
    )


def _decided(kind: str, object_id: int):
    """The decided petition or application, with its initiative, or None."""
    if kind == PETITION:
        found = Petition.objects.filter(pk=object_id, state=Petition.State.DECIDED)
    else:
        found = LocalInitiativeApplication.objects.filter(
            pk=object_id,
            state__in=[
                LocalInitiativeApplication.State.ACCEPTED,
                LocalInitiativeApplication.State.REJECTED,
            ],
            initiative__isnull=False,
        )
    return found.select_related("initiative__index").first()


@task()
def send_decision_emails(*, kind: str, object_id: int) -> int:
    """Email the town's answer (a petition or draft resolution decided, a local initiative
    application accepted or rejected) to the initiative's people; return how many were sent."""
    decided = _decided(kind, object_id)
    if decided is None or not decided.initiative.is_public:
        return 0
    initiative = decided.initiative
    if kind == PETITION:
        link = absolute_url(initiative.index.sub_url("petition", pk=initiative.pk))
    else:
        link = absolute_url(decided.get_absolute_url())
    return _send_to_people(
        initiative,
        key=f"initiative-decision:{kind}:{object_id}",
        template="initiatives/email/decision",
        context={
            "initiative": initiative,
            "kind": kind,
            "petition": decided if kind == PETITION else None,
            "application": decided if kind == LOCAL else None,
            "link": link,
        },
    )


def _send_to_people(initiative, *, key: str, template: str, context: dict) -> int:
    """Email the initiative's people in batches, each once under `key`; return how many."""
    sent, last_pk = 0, 0
    while True:
        batch = list(_people(initiative.pk).filter(pk__gt=last_pk)[:BATCH])
        if not batch:
            return sent
        for membership in batch:
            person = membership.user
            personal = {**context, "unsubscribe_url": unsubscribe_url(initiative, person)}
            done = run_once(
                f"{key}:{person.pk}",
                lambda person=person, personal=personal: send_user_email(
                    person, template, personal
                ),
            )
            sent += int(done)
        last_pk = batch[-1].pk


@task()
def send_extension_emails(*, petition_id: int, deadline: str) -> int:
    """Email a petition's extended deadline (art. 10 ust. 2 of the ustawa o petycjach) to the
    initiative's people, once per announced date; return how many were sent."""
    petition = (
        Petition.objects.filter(
            pk=petition_id, state=Petition.State.FILED, extended_deadline=deadline
        )
        .select_related("initiative__index")
        .first()
    )
    if petition is None or not petition.initiative.is_public:
        return 0
    initiative = petition.initiative
    return _send_to_people(
        initiative,
        key=f"petition-extension:{petition.pk}:{deadline}",
        template="initiatives/email/extension",
        context={
            "initiative": initiative,
            "petition": petition,
            "link": absolute_url(initiative.index.sub_url("petition", pk=initiative.pk)),
        },
    )


def consent_url(seat: CommitteeMember) -> str:
    """The invitation's own page, with a signed token: the invited person consents or declines
    there without signing in, whether or not the coordinator has prepared the draft yet."""
    path = seat.initiative.index.sub_url("committee_consent", pk=seat.initiative_id)
    return absolute_url(f"{path}?{urlencode({'t': committee_token(seat)})}")


@task()
def send_committee_invitation(*, seat_id: int) -> bool:
    """Email an invited member the link where they consent (or decline); once per seat."""
    seat = (
        CommitteeMember.objects.filter(pk=seat_id, consented_at__isnull=True, user__isnull=False)
        .select_related("user", "initiative__index")
        .first()
    )
    if seat is None or not seat.user.is_active:
        return False
    context = {
        "initiative": seat.initiative,
        "seat": seat,
        "consent_url": consent_url(seat),
        "petition_ready": Petition.objects.filter(initiative_id=seat.initiative_id).exists(),
    }
    return run_once(
        f"committee-invitation:{seat.pk}",
        lambda: send_user_email(seat.user, "initiatives/email/committee_invitation", context),
    )
