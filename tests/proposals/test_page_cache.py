"""Anonymous visitors get copies of proposal pages (home/page_cache.py), never a stale count."""

import pytest

from accounts import roles
from accounts.services.moderation import contribution_hide
from proposals.models import Proposal
from proposals.services import discussion, engagement, status
from tests.factories import UserFactory
from tests.factories_proposals import ProposalFactory, confirmed_user, open_consultation

pytestmark = pytest.mark.django_db

SUBMISSION = {
    "title": "Przejście dla pieszych",
    "body": "Bezpieczne przejście przy szkole podstawowej, z sygnalizacją świetlną.",
    "place": "ul. Szkolna 3",
}


@pytest.fixture
def consultation(home_page):
    return open_consultation(home_page, current="proposals")


@pytest.fixture
def proposal(consultation):
    return ProposalFactory(consultation=consultation, title="Ławki w parku")


def detail_url(consultation, proposal):
    return consultation.url + consultation.reverse_subpage(
        "proposal_detail", kwargs={"pk": proposal.pk}
    )


def list_url(consultation):
    return consultation.url + consultation.reverse_subpage("proposal_list")


def geojson_url(consultation):
    return consultation.url + consultation.reverse_subpage("proposal_geojson")


def staff_of(consultation):
    user = UserFactory()
    user.groups.add(roles.centre_groups_ensure(consultation.centre)[roles.OFFICIAL])
    user.groups.add(roles.centre_groups_ensure(consultation.centre)[roles.MODERATOR])
    return user


def test_second_anonymous_request_is_served_from_the_cache(client, consultation, proposal):
    assert client.get(detail_url(consultation, proposal))["X-Page-Cache"] == "miss"
    assert client.get(detail_url(consultation, proposal))["X-Page-Cache"] == "hit"


def test_a_support_shows_at_once_in_the_list_and_the_detail(
    client, consultation, proposal, committed
):
    client.get(list_url(consultation))
    client.get(detail_url(consultation, proposal))
    with committed():
        engagement.support_add(proposal=proposal, user=confirmed_user())
    assert Proposal.objects.get(pk=proposal.pk).supports_count == 1
    listing = client.get(list_url(consultation))
    assert listing.context["page_obj"].object_list[0].supports_count == 1
    detail = client.get(detail_url(consultation, proposal))
    assert detail.context["proposal"].supports_count == 1


def test_a_support_changes_the_geojson_count(client, consultation, committed):
    proposal = ProposalFactory(consultation=consultation, latitude="49.62", longitude="20.69")
    assert (
        client.get(geojson_url(consultation)).json()["features"][0]["properties"]["supports"] == 0
    )
    with committed():
        engagement.support_add(proposal=proposal, user=confirmed_user())
    feature = client.get(geojson_url(consultation)).json()["features"][0]
    assert feature["properties"]["supports"] == 1


def test_a_comment_is_visible_to_the_next_anonymous_visitor(
    client, consultation, proposal, committed
):
    client.get(detail_url(consultation, proposal))
    with committed():
        discussion.comment_add(proposal=proposal, author=confirmed_user(), body="Świetny pomysł!")
    assert "Świetny pomysł!" in client.get(detail_url(consultation, proposal)).content.decode()


def test_a_status_change_is_visible_to_the_next_anonymous_visitor(
    client, consultation, proposal, committed
):
    client.get(detail_url(consultation, proposal))
    staff = staff_of(consultation)
    with committed():
        status.status_change(
            proposal=proposal,
            status=Proposal.Status.UNDER_REVIEW,
            answer="Sprawdzamy koszty z wydziałem.",
            by=staff,
        )
    html = client.get(detail_url(consultation, proposal)).content.decode()
    assert "Sprawdzamy koszty z wydziałem." in html


def test_a_hidden_proposal_leaves_the_cached_list(client, consultation, proposal, committed):
    assert "Ławki w parku" in client.get(list_url(consultation)).content.decode()
    moderator = staff_of(consultation)
    with committed():
        contribution_hide(target=proposal, moderator=moderator, reason="Spam.")
    assert "Ławki w parku" not in client.get(list_url(consultation)).content.decode()


def test_signed_in_residents_never_get_the_anonymous_copy(client, consultation, proposal):
    client.get(detail_url(consultation, proposal))
    client.force_login(confirmed_user())
    response = client.get(detail_url(consultation, proposal))
    assert "X-Page-Cache" not in response
    assert response.context["user"].is_authenticated


def test_a_change_rolled_back_leaves_the_version_alone(consultation, proposal, committed):
    from django.db import transaction

    from config.cache_versions import consultation_key, current

    before = current(consultation_key(consultation.pk))
    with committed(), pytest.raises(RuntimeError), transaction.atomic():
        engagement.support_add(proposal=proposal, user=confirmed_user())
        raise RuntimeError
    assert current(consultation_key(consultation.pk)) == before


def test_a_new_proposal_shows_at_once_in_the_cached_list(client, consultation, proposal, committed):
    from proposals.services.submission import proposal_submit

    assert client.get(list_url(consultation))["X-Page-Cache"] == "miss"
    assert client.get(list_url(consultation))["X-Page-Cache"] == "hit"
    with committed():
        proposal_submit(**SUBMISSION, consultation=consultation, author=confirmed_user())
    response = client.get(list_url(consultation))
    assert response["X-Page-Cache"] == "miss"
    assert "Przejście dla pieszych" in response.content.decode()


def test_a_repeated_anonymous_request_reads_no_proposal_rows(
    client, consultation, proposal, django_assert_max_num_queries
):
    client.get(list_url(consultation))
    with django_assert_max_num_queries(12) as captured:
        response = client.get(list_url(consultation))
    assert response["X-Page-Cache"] == "hit"
    assert not [q for q in captured.captured_queries if "proposals_proposal" in q["sql"]]
