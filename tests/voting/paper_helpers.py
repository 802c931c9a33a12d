"""Shared by the paper-ballot tests: a consultation in its vote, its staff, a filled-in card."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import roles
from tests.accounts.staff_helpers import staff
from tests.factories_voting import voting_consultation
from voting import paper_entry, paper_protocol
from voting.models import Ballot, Channel
from voting.services import voting


def paper_vote(home_page, **kwargs):
    """(consultation, proposals, official of its centre)."""
    consultation, proposals = voting_consultation(home_page, **kwargs)
    return consultation, proposals, staff(consultation.centre, roles.OFFICIAL)


def enter(consultation, by, number, proposals=(), **kwargs):
    kwargs.setdefault("voter_name", f"Wyborca {number}")
    kwargs.setdefault("voter_address", f"ul. Papierowa {number}")
    return voting.enter_paper_ballot(
        consultation=consultation,
        paper_number=number,
        by=by,
        proposal_ids=[p.pk for p in proposals],
        **kwargs,
    )


def url(name, consultation, *args):
    return reverse(name, args=[consultation.pk, *args])


def query_count(client, address) -> int:
    client.get(address)  # warm caches (content types, site, menus) first
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return len(queries)


def confirm(consultation, number, proposals=(), by=None, **kwargs):
    """Type card `number` again as a second official (a new one unless `by` is given)."""
    by = by or staff(consultation.centre, roles.OFFICIAL)
    return paper_entry.confirm_paper_ballot(
        consultation=consultation,
        paper_number=number,
        by=by,
        proposal_ids=[p.pk for p in proposals],
        **kwargs,
    )


def settle_paper(consultation):
    """Confirm every paper card as typed and enter a protocol that agrees (before publishing)."""
    cards = Ballot.objects.filter(consultation=consultation, channel=Channel.PAPER)
    if not cards.exists():
        return None
    second = staff(consultation.centre, roles.OFFICIAL)
    for ballot in cards.filter(confirmed_at__isnull=True):
        content = voting.entry_content(ballot)
        paper_entry.confirm_paper_ballot(
            consultation=consultation,
            paper_number=ballot.paper_number,
            by=second,
            proposal_ids=content["proposals"],
            answers={int(key): value for key, value in content["answers"].items()},
            invalid=content["invalid"],
        )
    counts = paper_entry.paper_counts(consultation)
    valid = counts["confirmed"] - counts["confirmed_invalid"]
    invalid = counts["confirmed_invalid"]
    return paper_protocol.record_protocol(
        consultation=consultation,
        by=second,
        figures={
            "cards_received": valid + invalid + 5,
            "cards_issued": valid + invalid,
            "cards_unused": 5,
            "cards_valid": valid,
            "invalid_no_mark": invalid,
            "invalid_too_many": 0,
            "invalid_other": 0,
        },
        members="Anna Kowalska, przewodnicząca\nJan Nowak, członek",
    )
