"""What residents can do now, on the home page and each centre's page (selectors.open_now)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultations import selectors
from tests.factories import CentrePageFactory
from tests.factories_consultations import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    with_phases,
)
from tests.factories_survey import survey_page
from tests.factories_voting import Method, vote_url

pytestmark = pytest.mark.django_db
PL = {"HTTP_ACCEPT_LANGUAGE": "pl"}
# 26 November 2026, noon in Warsaw: a voting phase of 14 days started 7 days before.
NOW = datetime.datetime(2026, 11, 26, 11, 0, tzinfo=datetime.UTC)


def consultation_in(centre, current="voting", now=NOW, **fields):
    fields.setdefault("voting_method", Method.APPROVAL)
    fields.setdefault("max_choices", 2)
    index = centre.get_children().type(ConsultationIndexPageFactory._meta.model).first()
    if index is None:
        index = ConsultationIndexPageFactory(parent=centre)
    page = ConsultationPageFactory(parent=index.specific, **fields)
    return with_phases(page, now, current=current)


@pytest.fixture
def centre(home_page):
    return CentrePageFactory(parent=home_page, title="MAM Nowy Sącz")


def test_an_open_vote_is_listed_with_its_closing_date_and_the_ballot_link(centre, home_page):
    consultation = consultation_in(centre, title="Budżet na lato 2027")
    open_now = selectors.open_now(home_page, now=NOW)
    [item] = open_now.items
    assert item.kind == selectors.VOTE
    assert item.consultation == consultation
    assert item.url == vote_url(consultation)
    assert item.centre == centre
    assert item.sentence == "Głosowanie trwa do 3 grudnia, zostało 7 dni"


def test_proposals_discussion_and_surveys_are_listed_each_with_its_action(centre, home_page):
    proposals = consultation_in(centre, current="proposals", voting_method="")
    discussion = consultation_in(centre, current="discussion", voting_method="")
    survey = survey_page(proposals, title="Ankieta o parku")
    items = {item.kind: item for item in selectors.open_now(home_page, now=NOW)}
    assert set(items) == {"propose", "comment", "survey"}
    assert items["propose"].url.endswith(proposals.url + "propozycje/nowa/")
    assert items["comment"].url.endswith(discussion.url + "propozycje/")
    assert items["survey"].page == survey


def test_finished_upcoming_and_unpublished_consultations_are_not_listed(centre, home_page):
    consultation_in(centre, current="finished")
    consultation_in(centre, current=None)
    draft = consultation_in(centre)
    draft.unpublish()
    assert not selectors.open_now(home_page, now=NOW)


def test_a_centre_lists_only_its_own_consultations(centre, home_page):
    other = CentrePageFactory(parent=home_page, title="MAM Chrzanów", town="Chrzanów")
    ours = consultation_in(centre)
    consultation_in(other)
    assert [item.consultation for item in selectors.open_now(centre, now=NOW)] == [ours]
    assert len(selectors.open_now(home_page, now=NOW).items) == 2


def test_the_soonest_closing_comes_first(centre, home_page):
    later = consultation_in(centre, now=NOW + datetime.timedelta(days=3))
    sooner = consultation_in(centre)
    assert [i.consultation for i in selectors.open_now(home_page, now=NOW)] == [sooner, later]


def test_changes_at_is_the_next_phase_boundary(centre, home_page):
    consultation = consultation_in(centre)
    voting = consultation.phases.get(kind="voting")
    assert selectors.open_now(home_page, now=NOW).changes_at == voting.ends_at


@pytest.mark.parametrize("count", [1, 6])
def test_the_selector_reads_in_a_constant_number_of_queries(
    centre, home_page, django_assert_num_queries, count
):
    for position in range(count):
        consultation = consultation_in(centre, current=["voting", "proposals"][position % 2])
        survey_page(consultation)
    # The eighth asks the apps that may hold a vote (mam_vote_holds_many: the review's
    # pending appeals) about all open votes at once.
    with django_assert_num_queries(8):
        items = selectors.open_now(home_page, now=NOW).items
        [(item.url, item.centre.title, item.sentence) for item in items]
    assert len(items) == count * 2


def page_queries(client, url) -> int:
    client.get(url)  # warm the site and chrome caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_home_and_centre_pages_read_as_many_queries_for_one_and_many(client, centre, home_page):
    consultation_in(centre, now=timezone.now())
    one = page_queries(client, "/"), page_queries(client, centre.url)
    for current in ("voting", "proposals", "discussion", "voting"):
        survey_page(consultation_in(centre, current=current, now=timezone.now()))
    assert (page_queries(client, "/"), page_queries(client, centre.url)) == one


def test_home_page_leads_with_an_open_vote_in_polish_words(client, centre, home_page):
    consultation = consultation_in(centre, title="Budżet na lato 2027", now=timezone.now())
    html = client.get("/", **PL).content.decode()
    assert "Co możesz zrobić teraz" in html
    assert "Głosowanie trwa do " in html
    assert "zostało 7 dni" in html
    assert f'href="{vote_url(consultation)}"' in html
    assert html.index("Budżet na lato 2027") < html.index('id="centres-title"')


def test_centre_page_leads_with_its_open_vote(client, centre):
    consultation = consultation_in(centre, now=timezone.now())
    html = client.get(centre.url, **PL).content.decode()
    assert f'href="{vote_url(consultation)}"' in html
    assert html.index(vote_url(consultation)) < html.index('id="visit-title"')


def test_when_nothing_is_open_the_page_says_so(client, centre, home_page):
    consultation_in(centre, current="finished", now=timezone.now())
    for url in ("/", centre.url):
        html = client.get(url, **PL).content.decode()
        assert "Teraz nic nie jest otwarte" in html
