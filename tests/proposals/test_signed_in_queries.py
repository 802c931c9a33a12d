"""A signed-in resident's proposal pages read what several parts share only once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories_proposals import ProposalFactory, confirmed_user, open_consultation

pytestmark = pytest.mark.django_db


def test_the_detail_reads_the_phases_once_for_a_signed_in_resident(client, home_page):
    consultation = open_consultation(home_page, current="proposals")
    proposal = ProposalFactory(consultation=consultation)
    client.force_login(confirmed_user())
    detail = consultation.url + consultation.reverse_subpage(
        "proposal_detail", kwargs={"pk": proposal.pk}
    )
    with CaptureQueriesContext(connection) as captured:
        assert client.get(detail).status_code == 200
    phase_reads = [q for q in captured if 'FROM "consultations_phase"' in q["sql"]]
    assert len(phase_reads) == 1
