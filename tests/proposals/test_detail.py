"""The proposal page: facts, status timeline, forwarding, hidden proposals, print, escaping."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from home.models import District
from proposals.models import Proposal
from tests.factories import UserFactory
from tests.factories_proposals import (
    ProposalFactory,
    ProposalPhotoFactory,
    StatusChangeFactory,
    open_consultation,
)

pytestmark = pytest.mark.django_db
XSS = '<script>alert("x")</script>'


def url(consultation, name, proposal):
    return consultation.url + consultation.reverse_subpage(name, kwargs={"pk": proposal.pk})


def test_detail_shows_the_facts(client, home_page):
    consultation = open_consultation(home_page, categories=["Zieleń"])
    proposal = ProposalFactory(
        consultation=consultation,
        category=consultation.categories.get(),
        place="Park Strzelecki",
        latitude="49.625",
        longitude="20.691",
        estimated_cost="15000",
        author=UserFactory(display_name="Ania"),
    )
    ProposalPhotoFactory(proposal=proposal, alt_text="Zniszczona ławka")
    html = client.get(url(consultation, "proposal_detail", proposal)).content.decode()
    assert "<h1>" + proposal.title + "</h1>" in html
    assert "Zieleń" in html and "Park Strzelecki" in html and "Ania" in html
    assert 'alt="Zniszczona ławka"' in html
    assert "openstreetmap.org/?mlat=49.625" in html
    assert "15" in html


def test_body_links_are_clickable_and_nofollow_and_html_is_escaped(client, home_page):
    consultation = open_consultation(home_page)
    proposal = ProposalFactory(
        consultation=consultation,
        title=XSS,
        place=XSS,
        body=f"Pierwszy akapit {XSS}\n\nZobacz https://example.org/plan",
    )
    html = client.get(url(consultation, "proposal_detail", proposal)).content.decode()
    assert XSS not in html
    assert "&lt;script&gt;" in html
    assert '<a href="https://example.org/plan" rel="nofollow">' in html
    assert html.count("<p>Pierwszy akapit") == 1


def test_submitted_at_the_centre_is_said(client, home_page):
    consultation = open_consultation(home_page)
    proposal = ProposalFactory(
        consultation=consultation, author=None, submitted_by_staff=UserFactory()
    )
    html = client.get(url(consultation, "proposal_detail", proposal)).content.decode()
    assert "submitted at the centre" in html.lower() or "w centrum" in html.lower()


def test_timeline_shows_forwarding_and_overdue_marker(client, home_page):
    consultation = open_consultation(home_page)
    proposal = ProposalFactory(consultation=consultation)
    StatusChangeFactory(proposal=proposal)
    StatusChangeFactory(
        proposal=proposal,
        status=Proposal.Status.UNDER_REVIEW,
        forwarded_to="Sądeckie Wodociągi",
        answer_due=timezone.localdate() - datetime.timedelta(days=3),
    )
    response = client.get(url(consultation, "proposal_detail", proposal))
    html = response.content.decode()
    assert "Sądeckie Wodociągi" in html
    assert "status-overdue" in html
    assert [c.overdue for c in response.context["timeline"]] == [False, True]


def test_answered_forwarding_is_not_overdue(client, home_page):
    consultation = open_consultation(home_page)
    proposal = ProposalFactory(consultation=consultation)
    StatusChangeFactory(
        proposal=proposal,
        status=Proposal.Status.UNDER_REVIEW,
        forwarded_to="MPK",
        answer_due=timezone.localdate() - datetime.timedelta(days=3),
    )
    StatusChangeFactory(proposal=proposal, status=Proposal.Status.ACCEPTED, answer="Zrobimy to.")
    response = client.get(url(consultation, "proposal_detail", proposal))
    assert "status-overdue" not in response.content.decode()


def test_hidden_proposal_shows_only_the_moderators_reason(client, home_page):
    consultation = open_consultation(home_page)
    proposal = ProposalFactory(
        consultation=consultation,
        title="Tajny tytuł",
        body="Obraźliwa treść",
        hidden_at=timezone.now(),
        hidden_reason="Obraża innych <b>",
    )
    for name in ("proposal_detail", "proposal_print"):
        html = client.get(url(consultation, name, proposal)).content.decode()
        assert "Tajny tytuł" not in html and "Obraźliwa treść" not in html
        assert "Obraża innych &lt;b&gt;" in html


def test_proposal_of_another_consultation_is_404(client, home_page):
    consultation = open_consultation(home_page)
    other = ProposalFactory(consultation=open_consultation(home_page))
    assert client.get(url(consultation, "proposal_detail", other)).status_code == 404


def test_print_page_is_plain_and_complete(client, home_page):
    consultation = open_consultation(home_page)
    proposal = ProposalFactory(consultation=consultation, body="Treść do druku")
    html = client.get(url(consultation, "proposal_print", proposal)).content.decode()
    assert "Treść do druku" in html
    assert "site-header" not in html


def test_author_sees_edit_and_withdraw_links_others_do_not(client, home_page):
    from tests.factories_proposals import confirmed_user

    consultation = open_consultation(home_page)
    proposal = ProposalFactory(consultation=consultation, author=confirmed_user())
    detail = url(consultation, "proposal_detail", proposal)
    assert url(consultation, "proposal_edit", proposal) not in client.get(detail).content.decode()
    client.force_login(proposal.author)
    html = client.get(detail).content.decode()
    assert url(consultation, "proposal_edit", proposal) in html
    assert url(consultation, "proposal_withdraw", proposal) in html


def test_detail_query_count_does_not_grow(client, home_page, django_assert_num_queries):
    consultation = open_consultation(home_page)
    district = District.objects.create(centre=consultation.centre, name="Wólki")
    proposal = ProposalFactory(consultation=consultation, district=district)
    ProposalPhotoFactory(proposal=proposal)
    StatusChangeFactory(proposal=proposal)
    detail = url(consultation, "proposal_detail", proposal)
    client.get(detail)
    with CaptureQueriesContext(connection) as one:
        client.get(detail)
    for _ in range(19):
        ProposalFactory(consultation=consultation)
        StatusChangeFactory(proposal=proposal)
    ProposalPhotoFactory(proposal=proposal)
    ProposalPhotoFactory(proposal=proposal)
    with django_assert_num_queries(len(one)):
        assert client.get(detail).status_code == 200
