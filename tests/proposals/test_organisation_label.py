"""A confirmed organisation shows beside its member's name: on proposals, comments, offers of
help and in the API, with no extra queries per item."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from tests.factories import UserFactory
from tests.factories_proposals import (
    CommentFactory,
    PledgeFactory,
    ProposalFactory,
    confirmed_user,
    open_consultation,
)

pytestmark = pytest.mark.django_db
LABEL = "Ola z Rynku (Koło Gospodyń Wiejskich)"


def member(**kwargs):
    return UserFactory(
        display_name="Ola z Rynku",
        organisation_name="Koło Gospodyń Wiejskich",
        organisation_confirmed_at=timezone.now(),
        **kwargs,
    )


def detail_url(proposal):
    consultation = proposal.consultation
    return consultation.url + consultation.reverse_subpage(
        "proposal_detail", kwargs={"pk": proposal.pk}
    )


def count_queries(client, url) -> int:
    client.get(url)  # warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_label_names_the_organisation_once_staff_confirm_it(db):
    claimed = UserFactory(display_name="Ola z Rynku", organisation_name="Koło Gospodyń Wiejskich")
    assert claimed.public_label == "Ola z Rynku"
    assert member().public_label == LABEL


def test_label_of_a_deleted_account_names_no_organisation(db):
    gone = member(deleted_at=timezone.now())
    assert gone.public_label == gone.public_name


def test_proposal_and_comment_show_the_confirmed_organisation(client, home_page):
    consultation = open_consultation(home_page, current="discussion")
    proposal = ProposalFactory(consultation=consultation, author=member())
    CommentFactory(proposal=proposal, author=member(email="druga@example.org"))
    html = client.get(detail_url(proposal)).content.decode()
    assert html.count(LABEL) >= 2


def test_offers_of_help_show_the_confirmed_organisation(client, home_page):
    consultation = open_consultation(home_page, current="discussion")
    author = confirmed_user()
    proposal = ProposalFactory(consultation=consultation, author=author)
    PledgeFactory(proposal=proposal, user=member())
    client.force_login(author)
    assert LABEL in client.get(detail_url(proposal)).content.decode()


def test_detail_queries_do_not_grow_with_members_of_organisations(client, home_page):
    consultation = open_consultation(home_page, current="discussion")
    author = confirmed_user()
    proposal = ProposalFactory(consultation=consultation, author=author)
    CommentFactory(proposal=proposal, author=member(email="c0@example.org"))
    PledgeFactory(proposal=proposal, user=member(email="p0@example.org"))
    client.force_login(author)
    one = count_queries(client, detail_url(proposal))
    for n in range(1, 8):
        CommentFactory(proposal=proposal, author=member(email=f"c{n}@example.org"))
        PledgeFactory(proposal=proposal, user=member(email=f"p{n}@example.org"))
    assert count_queries(client, detail_url(proposal)) == one


def test_api_shows_the_confirmed_organisation_with_constant_queries(home_page):
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    consultation = open_consultation(home_page, current="discussion")
    proposal = ProposalFactory(consultation=consultation, author=member())
    CommentFactory(proposal=proposal, author=member(email="c0@example.org"))
    listing = "/api/v1/proposals/"
    comments = f"/api/v1/proposals/{proposal.pk}/comments/"
    assert api.get(listing).json()["results"][0]["author"] == LABEL
    assert api.get(f"/api/v1/proposals/{proposal.pk}/").json()["author"] == LABEL
    assert api.get(comments).json()["results"][0]["author"] == LABEL
    one_listing, one_comments = count_queries(api, listing), count_queries(api, comments)
    for n in range(1, 8):
        ProposalFactory(consultation=consultation, author=member(email=f"a{n}@example.org"))
        CommentFactory(proposal=proposal, author=member(email=f"c{n}@example.org"))
    assert count_queries(api, listing) == one_listing
    assert count_queries(api, comments) == one_comments
