"""Who a ballot belongs to: the voter key, a person's participation and own ballot.

The ballots table keeps no account: a ballot is found again only through the keyed hash of
the person and the consultation (`voter_key`), which publishing erases.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.crypto import salted_hmac

from consultations.models import ConsultationPage
from voting.models import Ballot, Participation, ResultSnapshot

VOTER_KEY_SALT = "mam.voting.voter-key"


def voter_key(user, consultation: ConsultationPage) -> str:
    """Return the keyed hash that finds `user`'s ballot in `consultation` again.

    HMAC-SHA256 with MAM_VOTER_KEY_SECRET (SECRET_KEY unless set): without the server secret
    the ballots table does not say whose ballot is whose. Changing the secret while a vote
    runs would make ballots cast before it impossible to change (never to count twice: the
    participation record still stops a second ballot).
    """
    return salted_hmac(
        VOTER_KEY_SALT,
        f"{consultation.pk}:{user.pk}",
        secret=getattr(settings, "MAM_VOTER_KEY_SECRET", None) or None,
        algorithm="sha256",
    ).hexdigest()


def participation_of(user, consultation: ConsultationPage) -> Participation | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Participation.objects.filter(consultation=consultation, user=user).first()


def own_ballot(user, consultation: ConsultationPage) -> Ballot | None:
    """The signed-in voter's own online ballot with its choices (to show or change it)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Ballot.objects.filter(consultation=consultation, voter_key=voter_key(user, consultation))
        .prefetch_related("choices")
        .first()
    )


def results_published(consultation) -> bool:
    """True once the consultation's result is published (no ballot can change after)."""
    return ResultSnapshot.objects.filter(
        consultation=consultation, published_at__isnull=False
    ).exists()


_published = results_published
