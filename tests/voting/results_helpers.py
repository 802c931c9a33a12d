"""Helpers for the results tests: votes cast, voting closed, results published."""

from django.utils import timezone

from accounts import roles
from tests.factories_proposals import confirmed_user
from tests.voting.paper_helpers import settle_paper
from voting.services import results, voting


def cast(consultation, *selections, answers=None):
    """Cast one online ballot per selection (a list of proposals), each by a new voter."""
    for chosen in selections:
        voting.cast_ballot(
            user=confirmed_user(),
            consultation=consultation,
            proposal_ids=[proposal.pk for proposal in chosen],
        )
    for given in answers or ():
        voting.cast_ballot(user=confirmed_user(), consultation=consultation, answers=given)


def close_voting(consultation):
    phase = consultation.phases.get(kind="voting")
    phase.closed_early_at = timezone.now()
    phase.save()


def official_of(consultation, role=roles.OFFICIAL):
    user = confirmed_user()
    user.groups.add(roles.centre_groups_ensure(consultation.centre)[role])
    return user


def publish(consultation):
    settle_paper(consultation)
    close_voting(consultation)
    return results.publish_results(consultation=consultation, by=official_of(consultation))


def sub_url(consultation, name, **kwargs) -> str:
    return consultation.url + consultation.reverse_subpage(name, kwargs=kwargs or None)
