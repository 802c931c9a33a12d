"""Public pages: the proposal's review, the list of all projects, the author's appeal form."""

import pytest

from review import services
from review.models import Appeal
from tests.factories_proposals import ProposalFactory, confirmed_user
from tests.review.conftest import CRITERIA, assess_all, warsaw

pytestmark = pytest.mark.django_db


def detail_url(proposal):
    return proposal.get_absolute_url()


def appeal_url(proposal):
    return proposal.consultation.sub_url("review_appeal", pk=proposal.pk)


def test_the_outcome_and_reasons_are_public_on_the_proposal(client, refused, proposal):
    html = client.get(detail_url(proposal)).content.decode()
    assert "Review before the vote" in html or "Weryfikacja" in html
    assert CRITERIA[1] in html
    assert "Działka należy do Skarbu Państwa." in html
    assert "10 marca 2026" in html


def test_the_author_sees_the_appeal_button_within_the_period(client, refused, proposal, author):
    client.force_login(author)
    html = client.get(detail_url(proposal)).content.decode()
    # The fixture's decision is in March 2026: the period is over by now.
    assert appeal_url(proposal) not in html


def test_the_author_appeals_through_the_form(client, setup, proposal, official, author):
    review = services.review_start(proposal=proposal, by=official)
    assess_all(review, official, failing=[CRITERIA[0]])
    services.review_decide(review=review, outcome="not_admitted", by=official)
    client.force_login(author)
    assert appeal_url(proposal) in client.get(detail_url(proposal)).content.decode()
    response = client.post(appeal_url(proposal), {"reasons": "Gmina ma takie zadanie."})
    assert response.status_code == 302
    appeal = Appeal.objects.get()
    assert appeal.filed_by == author
    assert appeal.channel == Appeal.Channel.ONLINE


def test_an_empty_appeal_is_a_400_with_the_error(client, setup, proposal, official, author):
    review = services.review_start(proposal=proposal, by=official)
    assess_all(review, official, failing=[CRITERIA[0]])
    services.review_decide(review=review, outcome="not_admitted", by=official)
    client.force_login(author)
    response = client.post(appeal_url(proposal), {"reasons": ""})
    assert response.status_code == 400
    assert not Appeal.objects.exists()


def test_someone_else_cannot_open_the_appeal_form(client, refused, proposal):
    client.force_login(confirmed_user())
    assert client.get(appeal_url(proposal)).status_code == 403


def test_the_appeal_form_asks_anonymous_visitors_to_sign_in(client, refused, proposal):
    assert client.get(appeal_url(proposal)).status_code == 302


def test_the_list_shows_every_project_with_its_outcome_and_appeal(
    client, refused, proposal, author, official
):
    appeal = services.appeal_file(review=refused, reasons="R.", by=author, now=warsaw(2026, 3, 11))
    html = client.get(proposal.consultation.sub_url("review_list")).content.decode()
    assert proposal.title in html
    assert "25 marca 2026" in html  # the decision is due
    assert "Działka należy do Skarbu Państwa." in html
    assert appeal.decide_by.year == 2026
    # Overdue: no decision by 25 March 2026.
    assert "overdue" in html.lower() or "po terminie" in html.lower() or "Zaległe" in html


def test_the_list_is_404_without_a_review_step(client, consultation):
    assert client.get(consultation.sub_url("review_list")).status_code == 404


def test_the_list_query_count_does_not_grow(
    client, settings, refused, consultation, official, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.MAM_PAGE_CACHE = False  # count the view's own queries, not a stored copy
    url = consultation.sub_url("review_list")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        response = client.get(url)
    assert response.status_code == 200
    expected = len(one)  # read now: the next request resets the connection's query log
    for _ in range(4):
        other = ProposalFactory(consultation=consultation)
        review = services.review_start(proposal=other, by=official)
        assess_all(review, official)
        services.review_decide(review=review, outcome="admitted", by=official)
    client.get(url)
    with django_assert_num_queries(expected):
        client.get(url)


def test_the_consultation_page_links_to_the_review_list(client, setup, consultation):
    html = client.get(consultation.url).content.decode()
    assert consultation.sub_url("review_list") in html


def test_no_link_without_a_review_step(client, consultation):
    html = client.get(consultation.url).content.decode()
    assert consultation.sub_url("review_list") not in html
