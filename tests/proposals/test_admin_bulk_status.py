"""Changing the status of several proposals at once, in Wagtail's admin."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from accounts import roles
from proposals.models import Proposal, StatusChange
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_consultations import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    with_phases,
)
from tests.factories_proposals import ProposalFactory

pytestmark = pytest.mark.django_db
BULK = "mam_proposals:bulk_status"
Status = Proposal.Status


def consultation_in(centre):
    index = ConsultationIndexPageFactory(parent=centre)
    return with_phases(ConsultationPageFactory(parent=index), current="discussion")


def staff(centre, role=roles.OFFICIAL):
    user = UserFactory()
    user.groups.add(roles.centre_groups_ensure(centre)[role])
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "en"})
    return user


@pytest.fixture
def nowy_sacz(home_page):
    return CentrePageFactory(parent=home_page, title="MAM Nowy Sącz", slug="nowy-sacz")


@pytest.fixture
def chrzanow(home_page):
    return CentrePageFactory(parent=home_page, title="MAM Chrzanów", slug="chrzanow")


@pytest.fixture
def consultation(nowy_sacz):
    return consultation_in(nowy_sacz)


def test_listing_links_to_the_bulk_form(client, nowy_sacz):
    client.force_login(staff(nowy_sacz))
    html = client.get(reverse("mam_proposals:index")).content.decode()
    assert reverse(BULK) in html


def test_chosen_proposals_move_to_the_new_status_with_one_answer(client, nowy_sacz, consultation):
    first, second = ProposalFactory.create_batch(2, consultation=consultation)
    client.force_login(staff(nowy_sacz))
    response = client.post(
        reverse(BULK),
        {
            "proposals": [first.pk, second.pk],
            "status": Status.UNDER_REVIEW,
            "answer": "Sprawdzamy.",
        },
    )
    assert response.status_code == 302
    for proposal in (first, second):
        proposal.refresh_from_db()
        assert proposal.status == Status.UNDER_REVIEW
        assert StatusChange.objects.get(proposal=proposal).answer == "Sprawdzamy."
    assert ModelLogEntry.objects.filter(action="mam.proposal.status").count() == 2


def test_proposals_whose_transition_is_not_allowed_are_skipped_and_listed(
    client, nowy_sacz, consultation
):
    movable = ProposalFactory(consultation=consultation)
    stuck = ProposalFactory(
        consultation=consultation, status=Status.IMPLEMENTED, title="Zrobione już ławki"
    )
    client.force_login(staff(nowy_sacz))
    response = client.post(
        reverse(BULK),
        {"proposals": [movable.pk, stuck.pk], "status": Status.UNDER_REVIEW, "answer": ""},
        follow=True,
    )
    html = response.content.decode()
    assert "Zrobione już ławki" in html
    assert "Skipped" in html
    movable.refresh_from_db()
    stuck.refresh_from_db()
    assert movable.status == Status.UNDER_REVIEW
    assert stuck.status == Status.IMPLEMENTED


def test_nothing_changes_when_no_chosen_proposal_can_move(client, nowy_sacz, consultation):
    stuck = ProposalFactory(consultation=consultation, status=Status.REJECTED)
    client.force_login(staff(nowy_sacz))
    response = client.post(
        reverse(BULK), {"proposals": [stuck.pk], "status": Status.ACCEPTED, "answer": ""}
    )
    assert response.status_code == 400
    assert "None of the chosen proposals can become" in response.content.decode()


def test_rejecting_needs_an_answer(client, nowy_sacz, consultation):
    proposal = ProposalFactory(consultation=consultation)
    client.force_login(staff(nowy_sacz))
    response = client.post(
        reverse(BULK), {"proposals": [proposal.pk], "status": Status.REJECTED, "answer": " "}
    )
    assert response.status_code == 400
    assert "Give the reason for rejecting" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED


def test_another_centres_proposals_are_neither_listed_nor_changed(
    client, nowy_sacz, chrzanow, consultation
):
    other = ProposalFactory(consultation=consultation_in(chrzanow), title="Kosze w Chrzanowie")
    client.force_login(staff(nowy_sacz))
    assert "Kosze w Chrzanowie" not in client.get(reverse(BULK)).content.decode()
    response = client.post(
        reverse(BULK), {"proposals": [other.pk], "status": Status.UNDER_REVIEW, "answer": ""}
    )
    assert response.status_code == 400
    other.refresh_from_db()
    assert other.status == Status.SUBMITTED


def test_filters_narrow_the_list(client, nowy_sacz, consultation):
    ProposalFactory(consultation=consultation, title="Nowa ławka")
    ProposalFactory(consultation=consultation, title="Stara fontanna", status=Status.ACCEPTED)
    client.force_login(staff(nowy_sacz))
    html = client.get(reverse(BULK), {"current": Status.ACCEPTED}).content.decode()
    assert "Stara fontanna" in html
    assert "Nowa ławka" not in html


def test_titles_in_the_skipped_message_are_escaped(client, nowy_sacz, consultation):
    movable = ProposalFactory(consultation=consultation)
    stuck = ProposalFactory(
        consultation=consultation, status=Status.IMPLEMENTED, title="<script>alert(1)</script>"
    )
    client.force_login(staff(nowy_sacz))
    response = client.post(
        reverse(BULK),
        {"proposals": [movable.pk, stuck.pk], "status": Status.UNDER_REVIEW, "answer": ""},
        follow=True,
    )
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_moderators_cannot_change_statuses(client, nowy_sacz):
    client.force_login(staff(nowy_sacz, roles.MODERATOR))
    assert client.get(reverse(BULK)).status_code in (302, 403)


# The same with 1 row and with 20: nothing is looked up per proposal.
QUERIES = 14  # 15 before the user's row was cached (accounts/backends.py), 20 before permissions


@pytest.mark.parametrize("rows", [1, 20])
def test_query_count_does_not_grow_with_rows(
    client, nowy_sacz, consultation, django_assert_num_queries, rows
):
    ProposalFactory.create_batch(rows, consultation=consultation)
    client.force_login(staff(nowy_sacz))
    client.get(reverse(BULK))
    with django_assert_num_queries(QUERIES):
        client.get(reverse(BULK))
