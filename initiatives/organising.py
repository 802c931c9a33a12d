"""The people who run an initiative's meetings at the centre, for events (a same-layer app:
it asks through these hooks, never an import).

An activity organised by a residents' initiative (`ActivityPage.organiser` "initiative" with
its `initiative`) gives the initiative's coordinator and contact persons the organiser's
screens: its sign-ups, the attendance list and the count of who came (events.access). Only
for an approved initiative, running or ended (the coordinator of an ended one still enters
the count of its last meeting); never for a waiting or declined one.
"""

from __future__ import annotations

from django.core.cache import cache
from wagtail import hooks

from config import cache_versions
from initiatives.models import Initiative, Membership
from initiatives.versions import LINKS_KEY

SHOWN_STATES = [Initiative.State.ACTIVE, Initiative.State.ENDED]
LEADER_ROLES = [Membership.Role.COORDINATOR, Membership.Role.CONTACT]
MAX_AGE = 24 * 3600


@hooks.register("mam_initiatives_organised_by")
def initiatives_organised_by(user):
    """The ids of the initiatives whose meetings `user` runs, as a subquery (nothing, and no
    query, for the anonymous or a closed account)."""
    if not (user.is_authenticated and user.is_active):
        return Initiative.objects.none().values("pk")
    return Initiative.objects.filter(
        state__in=SHOWN_STATES, memberships__user=user, memberships__role__in=LEADER_ROLES
    ).values("pk")


@hooks.register("mam_initiative_organisers")
def initiative_organisers(initiative_id: int) -> frozenset[int]:
    """The ids of the people who run the initiative's meetings, kept in the cache under the
    initiatives' links version (every initiative change bumps it on commit, a role or a state
    among them): the activity page asks it for every signed-in visitor with one cache read
    (the request's read-ahead learns the key for the page's address), not a query."""
    key = f"mam:initiative-organisers:{cache_versions.current(LINKS_KEY)}:{initiative_id}"
    found = cache.get(key)
    if found is None:
        found = frozenset(
            Membership.objects.filter(
                initiative_id=initiative_id,
                initiative__state__in=SHOWN_STATES,
                role__in=LEADER_ROLES,
                user__is_active=True,
            ).values_list("user_id", flat=True)
        )
        cache.set(key, found, MAX_AGE)
    return found
