"""The online ballot page (…/glosowanie/): seeing, casting and changing a vote."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Verification
from consultations.models import ConsultationPage
from home.models import District
from tests.factories_proposals import ProposalFactory, confirmed_user
from tests.factories_voting import Method, district_pool, vote_url, voting_consultation
from voting.models import Ballot, BallotChoice, Channel, Participation
from voting.services import voting

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def signed_in(client, user=None):
    user = user or confirmed_user()
    client.force_login(user)
    return user


def chosen(consultation, user):
    ballot = voting.own_ballot(user, consultation)
    return sorted(c.proposal_id for c in ballot.choices.all()) if ballot else None


# --- Approval -----------------------------------------------------------------------------


def test_approval_ballot_shows_checkboxes_and_the_limit(client, home_page):
    consultation, proposals = voting_consultation(home_page, max_choices=2)
    signed_in(client)
    response = client.get(vote_url(consultation), **EN)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Choose up to 2 proposals" in html
    for proposal in proposals:
        assert f'name="proposals" value="{proposal.pk}"' in html
        assert consultation.reverse_subpage("proposal_detail", kwargs={"pk": proposal.pk}) in html


def test_approval_vote_is_recorded_and_redirects_back_with_a_message(client, home_page):
    consultation, (first, second, _third) = voting_consultation(home_page)
    user = signed_in(client)
    response = client.post(vote_url(consultation), {"proposals": [first.pk, second.pk]}, **EN)
    assert response.status_code == 302
    assert response.url == vote_url(consultation)
    assert chosen(consultation, user) == sorted([first.pk, second.pk])
    page = client.get(response.url, **EN).content.decode()
    assert "Your vote has been recorded" in page


def test_the_success_message_says_when_results_are_published(client, home_page):
    consultation, (first, *_rest) = voting_consultation(home_page)
    results = consultation.phases.get(kind="results")
    signed_in(client)
    response = client.post(vote_url(consultation), {"proposals": [first.pk]}, follow=True, **EN)
    day = timezone.localtime(results.starts_at)
    assert f"results will be published from {day.day} " in response.content.decode()


def test_too_many_choices_are_refused_and_nothing_is_saved(client, home_page):
    consultation, proposals = voting_consultation(home_page, max_choices=2)
    signed_in(client)
    response = client.post(vote_url(consultation), {"proposals": [p.pk for p in proposals]}, **EN)
    assert response.status_code == 400
    assert "You may choose at most 2 proposals." in response.content.decode()
    assert not Ballot.objects.exists()
    assert not Participation.objects.exists()


def test_a_proposal_not_on_the_ballot_is_refused(client, home_page):
    consultation, (first, *_rest) = voting_consultation(home_page)
    other = ProposalFactory(consultation=consultation)  # submitted, never accepted
    signed_in(client)
    response = client.post(vote_url(consultation), {"proposals": [first.pk, other.pk]}, **EN)
    assert response.status_code == 400
    assert "not on this ballot" in response.content.decode()
    assert not Ballot.objects.exists()


def test_a_tampered_id_gets_400_not_500(client, home_page):
    consultation, _proposals = voting_consultation(home_page)
    signed_in(client)
    response = client.post(vote_url(consultation), {"proposals": ["x'; DROP", "99999"]}, **EN)
    assert response.status_code == 400
    assert not Ballot.objects.exists()


@pytest.mark.parametrize("value", ["²", "999999999999999999999999", "-1", "0x1"])
def test_an_id_that_cannot_be_one_is_a_400_with_the_error_summary(client, home_page, value):
    consultation, (first, *_rest) = voting_consultation(home_page)
    signed_in(client)
    response = client.post(vote_url(consultation), {"proposals": [first.pk, value]}, **EN)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Choose proposals from the list." in html
    assert 'href="#ballot-choices"' in html
    assert not Ballot.objects.exists()


def test_an_empty_ballot_is_refused_with_a_link_to_the_choices(client, home_page):
    consultation, _proposals = voting_consultation(home_page)
    signed_in(client)
    response = client.post(vote_url(consultation), {}, **EN)
    html = response.content.decode()
    assert response.status_code == 400
    assert 'href="#ballot-choices"' in html
    assert 'id="ballot-choices"' in html


# --- Changing, final ballots, paper -------------------------------------------------------


def test_a_voter_sees_their_choices_ticked_and_may_change_them(client, home_page):
    consultation, (first, second, _third) = voting_consultation(home_page)
    user = signed_in(client)
    voting.cast_ballot(user=user, consultation=consultation, proposal_ids=[first.pk])
    html = client.get(vote_url(consultation), **EN).content.decode()
    assert "You voted on" in html
    assert "may change your vote until voting closes" in html
    assert f'value="{first.pk}" id="proposal-{first.pk}" checked' in html
    assert f'value="{second.pk}" id="proposal-{second.pk}" checked' not in html
    assert "Change your vote" in html

    response = client.post(vote_url(consultation), {"proposals": [second.pk]})
    assert response.status_code == 302
    assert chosen(consultation, user) == [second.pk]
    assert Ballot.objects.count() == 1


def test_before_a_final_ballot_the_page_warns_it_cannot_be_changed(client, home_page):
    consultation, _proposals = voting_consultation(home_page, ballots_final=True)
    signed_in(client)
    html = client.get(vote_url(consultation), **EN).content.decode()
    assert "once cast, your ballot cannot be changed" in html


def test_a_final_ballot_is_shown_read_only(client, home_page):
    consultation, (first, second, _t) = voting_consultation(home_page, ballots_final=True)
    user = signed_in(client)
    voting.cast_ballot(user=user, consultation=consultation, proposal_ids=[first.pk])
    html = client.get(vote_url(consultation), **EN).content.decode()
    assert "cannot be changed" in html
    assert "Your choice" in html
    assert 'type="checkbox"' not in html
    assert '<form class="form ballot__form"' not in html


def test_a_final_ballot_cannot_be_changed_by_post(client, home_page):
    consultation, (first, second, _t) = voting_consultation(home_page, ballots_final=True)
    user = signed_in(client)
    voting.cast_ballot(user=user, consultation=consultation, proposal_ids=[first.pk])
    response = client.post(vote_url(consultation), {"proposals": [second.pk]})
    assert response.status_code == 403
    assert chosen(consultation, user) == [first.pk]


def paper_vote(consultation, resident, proposal):
    staff = confirmed_user()
    voting.enter_paper_ballot(
        consultation=consultation,
        paper_number=1,
        by=staff,
        proposal_ids=[proposal.pk],
        resident=resident,
    )


def test_a_paper_voter_is_told_so_and_gets_no_form(client, home_page):
    consultation, (first, *_rest) = voting_consultation(home_page)
    user = signed_in(client)
    paper_vote(consultation, user, first)
    html = client.get(vote_url(consultation), **EN).content.decode()
    assert "You voted on paper at the centre" in html
    assert 'type="checkbox"' not in html


def test_a_paper_voter_cannot_vote_online_by_post(client, home_page):
    consultation, (first, second, _t) = voting_consultation(home_page)
    user = signed_in(client)
    paper_vote(consultation, user, first)
    response = client.post(vote_url(consultation), {"proposals": [second.pk]})
    assert response.status_code == 403
    assert Ballot.objects.filter(channel=Channel.ONLINE).count() == 0


# --- Participatory budget -----------------------------------------------------------------


@pytest.fixture
def budget(home_page):
    consultation, proposals = voting_consultation(
        home_page, method=Method.BUDGET, costs=[120000, 90000, 50000], budget=200000
    )
    return consultation, proposals


def test_budget_ballot_shows_costs_and_the_budget_in_polish(client, budget):
    consultation, _proposals = budget
    signed_in(client)
    html = client.get(vote_url(consultation)).content.decode()
    assert "120\xa0000,00 zł" in html
    assert "200\xa0000,00 zł" in html
    assert 'data-cost="120000.00"' in html
    assert 'aria-live="polite"' in html
    assert "voting/vote.js" in html


def test_budget_vote_within_the_amount_is_recorded(client, budget):
    consultation, (a, b, c) = budget
    user = signed_in(client)
    response = client.post(vote_url(consultation), {"proposals": [a.pk, c.pk]})
    assert response.status_code == 302
    assert chosen(consultation, user) == sorted([a.pk, c.pk])


def test_over_budget_is_refused_with_the_reason_and_nothing_is_saved(client, budget):
    consultation, (a, b, c) = budget
    signed_in(client)
    response = client.post(vote_url(consultation), {"proposals": [a.pk, b.pk]}, **EN)
    html = response.content.decode()
    assert response.status_code == 400
    assert "more than the" in html
    assert 'href="#pool-town"' in html
    assert "Over the budget by 10,000.00 zł" in html
    assert f'value="{a.pk}" id="proposal-{a.pk}" checked' in html  # the choices are kept
    assert not Ballot.objects.exists()
    assert not Participation.objects.exists()


def test_budget_ballot_groups_proposals_by_district_pool(client, budget):
    consultation, (a, b, c) = budget
    district = District.objects.create(centre=consultation.centre, name="Wólki")
    district_pool(consultation, district, 80000)
    c.district = district
    c.save()
    signed_in(client)
    html = client.get(vote_url(consultation)).content.decode()
    assert f'id="pool-district-{district.pk}"' in html
    assert "80\xa0000,00 zł" in html
    town, wolki = html.index('id="pool-town"'), html.index(f'id="pool-district-{district.pk}"')
    assert town < html.index(f'id="proposal-{a.pk}"') < wolki < html.index(f'id="proposal-{c.pk}"')


def test_over_a_district_pool_links_to_that_pool(client, budget):
    consultation, (a, b, c) = budget
    district = District.objects.create(centre=consultation.centre, name="Wólki")
    district_pool(consultation, district, 40000)
    c.district = district
    c.save()
    signed_in(client)
    response = client.post(vote_url(consultation), {"proposals": [c.pk]})
    assert response.status_code == 400
    assert f'href="#pool-district-{district.pk}"' in response.content.decode()


# --- Questions ----------------------------------------------------------------------------


@pytest.fixture
def questions(home_page):
    consultation, _ = voting_consultation(
        home_page,
        method=Method.QUESTION,
        proposals=0,
        questions=["Czy zamknąć Rynek dla aut?", "Czy dodać linię autobusową?"],
    )
    return consultation, list(consultation.questions.order_by("sort_order"))


def test_each_question_is_a_fieldset_with_three_answers(client, questions):
    consultation, (first, second) = questions
    signed_in(client)
    html = client.get(vote_url(consultation), **EN).content.decode()
    for question in (first, second):
        assert f'<fieldset class="ballot-group ballot-question" id="question-{question.pk}"' in html
        for answer in ("yes", "no", "abstain"):
            assert f'id="question-{question.pk}-{answer}" value="{answer}"' in html


def test_answers_are_recorded(client, questions):
    consultation, (first, second) = questions
    user = signed_in(client)
    data = {f"question_{first.pk}": "yes", f"question_{second.pk}": "abstain"}
    assert client.post(vote_url(consultation), data).status_code == 302
    ballot = voting.own_ballot(user, consultation)
    answers = {c.question_id: c.answer for c in ballot.choices.all()}
    assert answers == {first.pk: "yes", second.pk: "abstain"}


def test_an_unanswered_question_is_flagged_beside_it(client, questions):
    consultation, (first, second) = questions
    signed_in(client)
    response = client.post(vote_url(consultation), {f"question_{first.pk}": "no"}, **EN)
    html = response.content.decode()
    assert response.status_code == 400
    assert f'href="#question-{second.pk}"' in html
    assert f'id="question-{second.pk}-error"' in html
    assert f'id="question-{first.pk}-no" value="no" checked' in html
    assert not Ballot.objects.exists()


def test_a_made_up_answer_is_refused(client, questions):
    consultation, (first, second) = questions
    signed_in(client)
    data = {f"question_{first.pk}": "maybe", f"question_{second.pk}": "yes"}
    assert client.post(vote_url(consultation), data).status_code == 400
    assert not BallotChoice.objects.exists()


def test_a_voter_sees_their_answers_selected(client, questions):
    consultation, (first, second) = questions
    user = signed_in(client)
    voting.cast_ballot(
        user=user, consultation=consultation, answers={first.pk: "no", second.pk: "yes"}
    )
    html = client.get(vote_url(consultation)).content.decode()
    assert f'id="question-{first.pk}-no" value="no" checked' in html
    assert f'id="question-{second.pk}-yes" value="yes" checked' in html


# --- Who may vote -------------------------------------------------------------------------


def test_anonymous_visitor_sees_the_ballot_read_only_with_a_sign_in_link(client, home_page):
    consultation, (first, *_rest) = voting_consultation(home_page)
    response = client.get(vote_url(consultation), **EN)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sign in or create an account to vote." in html
    assert "/accounts/login/?next=" in html
    assert first.title in html
    assert 'type="checkbox"' not in html


def test_anonymous_post_is_refused_with_403(client, home_page):
    consultation, (first, *_rest) = voting_consultation(home_page)
    response = client.post(vote_url(consultation), {"proposals": [first.pk]}, **EN)
    assert response.status_code == 403
    assert "Sign in or create an account to vote." in response.content.decode()
    assert not Ballot.objects.exists()


@pytest.mark.parametrize("current", ["discussion", "results"])
def test_outside_the_voting_phase_a_vote_is_refused(client, home_page, current):
    consultation, (first, *_rest) = voting_consultation(home_page, current=current)
    signed_in(client)
    page = client.get(vote_url(consultation), **EN)
    assert page.status_code == 200
    assert 'type="checkbox"' not in page.content.decode()
    response = client.post(vote_url(consultation), {"proposals": [first.pk]}, **EN)
    assert response.status_code == 403
    assert not Ballot.objects.exists()


def test_unverified_person_cannot_vote_in_a_verified_only_consultation(client, home_page):
    consultation, (first, *_rest) = voting_consultation(
        home_page, eligibility=ConsultationPage.Eligibility.VERIFIED
    )
    signed_in(client)
    response = client.post(vote_url(consultation), {"proposals": [first.pk]}, **EN)
    assert response.status_code == 403
    assert "Only verified residents" in response.content.decode()
    assert not Ballot.objects.exists()


def test_unverified_person_is_shown_the_way_to_confirm_residence(client, home_page):
    consultation, _ = voting_consultation(
        home_page, eligibility=ConsultationPage.Eligibility.VERIFIED
    )
    signed_in(client)
    html = client.get(vote_url(consultation), **EN).content.decode()
    assert f"/konto/zamieszkanie/{consultation.centre.pk}/?next=" in html
    assert 'type="checkbox"' not in html


def test_verified_resident_may_vote_in_a_verified_only_consultation(client, home_page):
    consultation, (first, *_rest) = voting_consultation(
        home_page, eligibility=ConsultationPage.Eligibility.VERIFIED
    )
    user = signed_in(client)
    Verification.objects.create(
        user=user, centre=consultation.centre, method=Verification.Method.IN_PERSON
    )
    assert client.post(vote_url(consultation), {"proposals": [first.pk]}).status_code == 302
    assert chosen(consultation, user) == [first.pk]


def test_a_consultation_without_a_vote_has_no_ballot_page(client, home_page):
    consultation, _ = voting_consultation(home_page, method="", proposals=0)
    assert client.get(vote_url(consultation)).status_code == 404


def test_posting_too_often_is_rate_limited(client, home_page):
    consultation, (first, *_rest) = voting_consultation(home_page)
    signed_in(client)
    for _attempt in range(10):
        client.post(vote_url(consultation), {"proposals": [first.pk]})
    response = client.post(vote_url(consultation), {"proposals": [first.pk]})
    assert response.status_code == 429


# --- Turnout and results ------------------------------------------------------------------


def test_turnout_is_shown_while_voting_when_the_setting_allows(client, home_page):
    consultation, (first, *_rest) = voting_consultation(home_page, show_turnout=True)
    for _voter in range(3):
        voting.cast_ballot(
            user=confirmed_user(), consultation=consultation, proposal_ids=[first.pk]
        )
    html = client.get(vote_url(consultation), **EN).content.decode()
    assert "3 people have voted so far." in html


def test_turnout_is_hidden_when_the_setting_says_so(client, home_page):
    consultation, (first, *_rest) = voting_consultation(home_page, show_turnout=False)
    voting.cast_ballot(user=confirmed_user(), consultation=consultation, proposal_ids=[first.pk])
    html = client.get(vote_url(consultation), **EN).content.decode()
    assert "voted so far" not in html


def test_turnout_is_not_shown_once_voting_is_over(client, home_page):
    consultation, _ = voting_consultation(home_page, show_turnout=True, current="results")
    html = client.get(vote_url(consultation), **EN).content.decode()
    assert "voted so far" not in html


def test_the_ballot_page_never_shows_how_many_votes_a_proposal_has(client, home_page):
    consultation, (first, second, _t) = voting_consultation(home_page, show_turnout=False)
    first.title, first.place = "Ławki przy stawie", "Rynek"
    first.save()
    for _voter in range(7):
        voting.cast_ballot(
            user=confirmed_user(), consultation=consultation, proposal_ids=[first.pk]
        )
    signed_in(client)
    html = client.get(vote_url(consultation), **EN).content.decode()
    start = html.rindex("<li", 0, html.index(f'id="proposal-{first.pk}"'))
    row_text = re.sub(r"<[^>]+>", "", html[start : html.index("</li>", start)])
    assert not re.search(r"\d", row_text), row_text
    assert "wyniki/" not in html


# --- Query count ---------------------------------------------------------------------------


@pytest.mark.parametrize("method", [Method.APPROVAL, Method.BUDGET])
def test_ballot_page_query_count_does_not_grow_with_proposals(client, home_page, method):
    consultation, (first,) = voting_consultation(
        home_page, method=method, proposals=1, costs=[100], budget=10**6, max_choices=3
    )
    user = signed_in(client)
    voting.cast_ballot(user=user, consultation=consultation, proposal_ids=[first.pk])
    url = vote_url(consultation)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for _ in range(19):
        ProposalFactory(consultation=consultation, status="accepted", official_cost=100)
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()
    assert html.count('name="proposals"') == 20
    assert len(many) == len(one), [q["sql"] for q in many.captured_queries]


# --- Ways to the ballot --------------------------------------------------------------------


def test_consultation_page_calls_to_vote_while_voting_runs(client, home_page):
    consultation, _ = voting_consultation(home_page)
    html = client.get(consultation.url, **EN).content.decode()
    assert f'href="{vote_url(consultation)}"' in html


def test_consultation_page_has_no_call_to_vote_outside_voting(client, home_page):
    consultation, _ = voting_consultation(home_page, current="discussion")
    html = client.get(consultation.url, **EN).content.decode()
    assert "glosowanie/" not in html


def detail_url(consultation, proposal):
    return consultation.url + consultation.reverse_subpage(
        "proposal_detail", kwargs={"pk": proposal.pk}
    )


def test_an_accepted_proposal_links_to_the_vote_while_voting_runs(client, home_page):
    consultation, (first, *_rest) = voting_consultation(home_page)
    html = client.get(detail_url(consultation, first), **EN).content.decode()
    assert "This proposal is on the ballot." in html
    assert f'href="{vote_url(consultation)}"' in html


def test_a_proposal_not_on_the_ballot_has_no_link_to_the_vote(client, home_page):
    consultation, _ = voting_consultation(home_page)
    other = ProposalFactory(consultation=consultation)
    html = client.get(detail_url(consultation, other), **EN).content.decode()
    assert "on the ballot" not in html


def test_choosing_in_two_districts_is_refused_with_a_link_to_the_ballot(client, budget):
    consultation, (a, b, c) = budget
    pools = []
    for name, proposal in (("Wólki", b), ("Centrum", c)):
        district = District.objects.create(centre=consultation.centre, name=name)
        pools.append(district_pool(consultation, district, 100000))
        proposal.district = district
        proposal.save()
    signed_in(client)
    response = client.post(vote_url(consultation), {"proposals": [b.pk, c.pk]}, **EN)
    html = response.content.decode()
    assert response.status_code == 400
    assert "one district only" in html
    assert 'href="#pool-town"' in html
    assert not Ballot.objects.exists()
