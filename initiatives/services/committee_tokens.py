"""The signed link in an art. 41a committee invitation: it lets the invited person consent or
decline without signing in, for as long as the invitation stands."""

from django.core import signing

from initiatives.models import CommitteeMember

SALT = "initiatives.committee-invitation"
MAX_AGE = 90 * 24 * 3600  # an invitation answered within three months; later: sign in


def committee_token(seat: CommitteeMember) -> str:
    """A signed token naming the seat and the invited person."""
    return signing.dumps({"s": seat.pk, "u": seat.user_id}, salt=SALT, compress=True)


def committee_seat(token: str, *, initiative_id: int) -> CommitteeMember | None:
    """The invited person's seat on this initiative's committee, or None for a bad, old or
    spent token (a declined invitation deletes the seat, so its link stops working)."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
        seat_id, user_id = int(data["s"]), int(data["u"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    return (
        CommitteeMember.objects.filter(pk=seat_id, user_id=user_id, initiative_id=initiative_id)
        .select_related("user")
        .first()
    )
