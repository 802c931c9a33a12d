"""Shared by the paper-ballot tests: a consultation in its vote, its staff, a filled-in card."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import roles
from tests.accounts.staff_helpers import staff
from tests.factories_voting import voting_consultation
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
