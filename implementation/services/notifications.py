"""Telling the project's author and followers about a change of its record, once."""

from __future__ import annotations

from django_tasks import task

from accounts.models import User
from accounts.notifications import send_user_email
from home.links import absolute_url
from implementation.models import TimelineEntry as Entry
from jobs.services import run_once
from proposals.models import Proposal


def recipients(proposal: Proposal) -> list[User]:
    """The author and every follower, each once."""
    people = {}
    if proposal.author_id and proposal.author is not None:
        people[proposal.author_id] = proposal.author
    for follow in proposal.follows.select_related("user"):
        people.setdefault(follow.user_id, follow.user)
    return [user for user in people.values() if user.is_active]


def change_notify(*, entry: Entry) -> None:
    """Email the change to the project's author and followers."""
    proposal = entry.implementation.proposal
    context = {
        "proposal": proposal,
        "entry": entry,
        "proposal_url": absolute_url(proposal.get_absolute_url()),
    }
    for user in recipients(proposal):
        send_user_email(user, "implementation/email/changed", context)


@task()
def notify_change(*, entry_id: int) -> None:
    """change_notify() in the worker, once however often it runs."""
    entry = Entry.objects.select_related(
        "implementation__proposal__author", "implementation__proposal__consultation"
    ).get(pk=entry_id)
    run_once(f"implementation-change:{entry_id}", lambda: change_notify(entry=entry))
