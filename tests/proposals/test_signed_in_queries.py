"""A signed-in resident's proposal pages read what several parts share only once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultations.services.phases import close_phase_early
from tests.factories import UserFactory
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


def _detail_url(consultation, proposal) -> str:
    return consultation.url + consultation.reverse_subpage(
        "proposal_detail", kwargs={"pk": proposal.pk}
    )


def _phase_reads(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return sum('FROM "consultations_phase"' in q["sql"] for q in captured)


def test_a_warm_detail_reads_no_phase(client, home_page):
    """The phases are kept per version beside the shared fragments."""
    consultation = open_consultation(home_page, current="proposals")
    detail = _detail_url(consultation, ProposalFactory(consultation=consultation))
    client.force_login(confirmed_user())
    assert _phase_reads(client, detail) == 1
    assert _phase_reads(client, detail) == 0


def test_a_phase_closed_early_stops_the_support_button_at_once(client, home_page, committed):
    consultation = open_consultation(home_page, current="proposals")
    detail = _detail_url(consultation, ProposalFactory(consultation=consultation))
    client.force_login(confirmed_user())
    assert 'id="support-button"' in client.get(detail).content.decode()
    now = timezone.now()
    running = next(phase for phase in consultation.phases.all() if phase.is_running(now))
    with committed():
        close_phase_early(phase=running, by=UserFactory(), now=now)
    assert 'id="support-button"' not in client.get(detail).content.decode()


# The target: a signed-in resident's list and detail (with its comments) in at most
# ten queries whatever the data size, once the process has served the path before (Wagtail's
# tree walk is then resumed from the page, home/routing.py) and the chrome is cached
# (home/chrome.py). The test settings' in-memory cache stands for production's Redis.
MAX_QUERIES = 10


def _queries_of_second_visit(client, url) -> int:
    # Twice: the very first page of a site also creates its footer settings row.
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _list_url(consultation):
    return consultation.url + consultation.reverse_subpage("proposal_list")


def _detail_url(consultation, proposal):
    return consultation.url + consultation.reverse_subpage(
        "proposal_detail", kwargs={"pk": proposal.pk}
    )


def _supporter_who_pledged(home_page):
    """A proposal in an open consultation, and a resident who supports it and offers help."""
    from proposals.models import Pledge, Support

    consultation = open_consultation(home_page, current="proposals")
    proposal = ProposalFactory(consultation=consultation)
    resident = confirmed_user()
    Support.objects.create(proposal=proposal, user=resident)
    Pledge.objects.create(proposal=proposal, user=resident, note="Przyniosę grabie.")
    return consultation, proposal, resident


def test_the_list_takes_at_most_ten_queries_for_a_signed_in_resident_however_many(
    client, home_page
):
    consultation = open_consultation(home_page, current="proposals")
    ProposalFactory(consultation=consultation)
    client.force_login(confirmed_user())
    few = _queries_of_second_visit(client, _list_url(consultation))
    ProposalFactory.create_batch(20, consultation=consultation)
    many = _queries_of_second_visit(client, _list_url(consultation))
    assert few == many
    assert many <= MAX_QUERIES


def test_the_detail_takes_at_most_ten_queries_for_a_signed_in_resident_however_many_comments(
    client, home_page
):
    from tests.factories_proposals import CommentFactory

    consultation, proposal, resident = _supporter_who_pledged(home_page)
    first = CommentFactory(proposal=proposal)
    CommentFactory(proposal=proposal, parent=first)
    client.force_login(resident)
    few = _queries_of_second_visit(client, _detail_url(consultation, proposal))
    for _ in range(10):
        parent = CommentFactory(proposal=proposal)
        CommentFactory(proposal=proposal, parent=parent)
    many = _queries_of_second_visit(client, _detail_url(consultation, proposal))
    assert few == many
    assert many <= MAX_QUERIES


def test_the_detail_shows_the_residents_own_support_and_pledge_from_its_one_query(
    client, home_page
):
    consultation, proposal, resident = _supporter_who_pledged(home_page)
    client.force_login(resident)
    page = client.get(_detail_url(consultation, proposal), HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert "You offered help." in html
    assert "Przyniosę grabie." in html
