"""Building blocks for the petition tests: a running initiative with a committee and a draft."""

from initiatives.models import Membership, Petition
from initiatives.services import membership, petitions
from tests.factories import UserFactory
from tests.factories_proposals import confirmed_user
from tests.initiatives.helpers import organiser, running


def committee(initiative, size=5, *, show_name=False):
    """`size` consented committee members: the coordinator and group members they invited."""
    coordinator = initiative.started_by
    people = [coordinator] + [confirmed_user() for _n in range(size - 1)]
    for number, person in enumerate(people, start=1):
        if person != coordinator:
            membership.initiative_join(initiative=initiative, user=person, kind="member")
        seat = Membership.objects.get(initiative=initiative, user=person)
        petitions.committee_invite(initiative=initiative, coordinator=coordinator, member=seat)
        petitions.committee_consent(
            initiative=initiative, user=person, full_name=f"Członek Komitetu {number}",
            show_name=show_name,
        )  # fmt: skip
    return people


def draft(initiative, kind="resolution", **kwargs):
    fields = {
        "kind": kind,
        "addressee": "council",
        "title": "Uchwała w sprawie lokalizacji masztów z dala od szkół",
        "text": "§ 1. Rada Miasta zobowiązuje prezydenta do konsultacji lokalizacji masztów.",
        **kwargs,
    }
    return petitions.petition_prepare(initiative=initiative, user=initiative.started_by, **fields)


def open_resolution(index, **kwargs):
    initiative = running(index, **kwargs)
    committee(initiative)
    petition = draft(initiative)
    return petitions.petition_publish(petition=petition, user=initiative.started_by)


def signed_resolution(index, **kwargs):
    """A published draft resolution with its threshold of confirmed signatures: ready to file."""
    return with_signatures(open_resolution(index, **kwargs))


def with_signatures(petition, count=None):
    """The petition with `count` (by default its threshold) confirmed paper signatures, as if
    two staff members had agreed on enough returned sheets."""
    count = petition.signatures_required if count is None else count
    Petition.objects.filter(pk=petition.pk).update(paper_signatures=count)
    petition.refresh_from_db()
    return petition


def staff_pair(centre):
    return organiser(centre), organiser(centre)


__all__ = [
    "UserFactory",
    "committee",
    "draft",
    "open_resolution",
    "signed_resolution",
    "staff_pair",
    "with_signatures",
]
