"""Centre staff type in paper ballots in the admin: entry, refusals, corrections, secrecy."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import ModelLogEntry

from accounts import roles
from tests.accounts.staff_helpers import html, login_url, staff
from tests.factories import UserFactory
from tests.factories_proposals import confirmed_user
from tests.factories_voting import Method
from tests.voting.paper_helpers import enter, paper_vote, query_count, url
from voting.models import Ballot, BallotCorrection, Participation
from voting.services import voting

pytestmark = pytest.mark.django_db

ENTER = "voting_paper:enter"


def card(number, proposals=(), **fields):
    data = {
        "paper_number": number,
        "proposals": [p.pk for p in proposals],
        "voter_name": "Anna Nowak",
        "voter_address": "ul. Lipowa 3",
    }
    return data | fields


@pytest.fixture
def vote(home_page):
    return paper_vote(home_page)


def test_entering_a_card_saves_the_ballot_and_who_entered_it(client, vote):
    consultation, (first, second, _third), official = vote
    client.force_login(official)
    response = client.post(url(ENTER, consultation), card(7, [first, second]), follow=True)
    ballot = Ballot.objects.get(paper_number=7)
    assert ballot.entered_by == official
    assert {c.proposal_id for c in ballot.choices.all()} == {first.pk, second.pk}
    voter = Participation.objects.get(paper_number=7)
    assert (voter.voter_name, voter.voter_address, voter.entered_by) == (
        "Anna Nowak",
        "ul. Lipowa 3",
        official,
    )
    assert "Ballot no. 7 saved." in html(response)


def test_after_saving_the_empty_form_waits_with_focus_on_the_number(client, vote):
    consultation, (first, *_rest), official = vote
    client.force_login(official)
    response = client.post(url(ENTER, consultation), card(8, [first]), follow=True)
    assert response.redirect_chain[-1][0] == url(ENTER, consultation)
    assert 'name="paper_number"' in html(response)
    assert "autofocus" in html(response).split('name="paper_number"')[1].split(">")[0]


def test_entry_is_logged_in_the_admin_history(client, vote):
    consultation, (first, *_rest), official = vote
    client.force_login(official)
    client.post(url(ENTER, consultation), card(9, [first]))
    entry = ModelLogEntry.objects.get(action="mam.paper.enter")
    assert (entry.user, entry.data) == (official, {"paper_number": 9})


def test_a_duplicate_number_is_refused_in_the_form_and_nothing_is_saved(client, vote):
    consultation, (first, second, _third), official = vote
    enter(consultation, official, 5, [first])
    client.force_login(official)
    response = client.post(url(ENTER, consultation), card(5, [second], voter_name="Inna Osoba"))
    assert response.status_code == 400
    assert "Paper ballot number 5 has already been entered." in html(response)
    assert Ballot.objects.count() == 1
    assert not Participation.objects.filter(voter_name="Inna Osoba").exists()


def test_a_resident_who_voted_online_is_refused_on_paper(client, vote):
    consultation, (first, *_rest), official = vote
    resident = confirmed_user(display_name="Jan Online")
    official_centre = consultation.centre
    resident.verifications.create(centre=official_centre, method="in_person")
    voting.cast_ballot(user=resident, consultation=consultation, proposal_ids=[first.pk])
    client.force_login(official)
    response = client.post(url(ENTER, consultation), card(3, [first], resident=resident.email))
    assert response.status_code == 400
    assert "This resident has already voted (online)." in html(response)
    assert not Ballot.objects.filter(paper_number=3).exists()


def test_a_resident_marked_on_paper_cannot_then_vote_online(client, vote):
    consultation, (first, *_rest), official = vote
    resident = confirmed_user()
    resident.verifications.create(centre=consultation.centre, method="in_person")
    client.force_login(official)
    client.post(url(ENTER, consultation), card(4, [first], resident=resident.email.upper()))
    assert Participation.objects.get(paper_number=4).user == resident
    with pytest.raises(ValidationError) as error:
        voting.cast_ballot(user=resident, consultation=consultation, proposal_ids=[first.pk])
    assert error.value.code == "voted_on_paper"


def test_an_account_outside_the_centre_cannot_be_named_as_the_voter(client, vote):
    consultation, (first, *_rest), official = vote
    stranger = confirmed_user()
    client.force_login(official)
    response = client.post(url(ENTER, consultation), card(6, [first], resident=stranger.email))
    assert response.status_code == 400
    assert not Ballot.objects.exists()


def test_an_over_budget_card_is_refused_beside_the_proposals(client, home_page):
    consultation, (a, b, _c), official = paper_vote(
        home_page, method=Method.BUDGET, costs=[600, 500, 100], budget=1000
    )
    client.force_login(official)
    response = client.post(url(ENTER, consultation), card(1, [a, b]))
    assert response.status_code == 400
    assert 'href="#id_proposals"' in html(response)
    assert not Ballot.objects.exists()


def test_a_card_filled_in_wrongly_is_kept_as_void(client, vote):
    consultation, (first, second, third), official = vote
    client.force_login(official)
    client.post(url(ENTER, consultation), card(2, [first, second, third], invalid="on"))
    ballot = Ballot.objects.get(paper_number=2)
    assert ballot.void_reason == Ballot.Void.INVALID_CARD
    assert not ballot.choices.exists()


def test_a_correction_needs_a_reason(client, vote):
    consultation, (first, second, _third), official = vote
    ballot = enter(consultation, official, 11, [first])
    client.force_login(official)
    address = url("voting_paper:ballot", consultation, ballot.pk)
    response = client.post(address, {"proposals": [second.pk], "reason": ""})
    assert response.status_code == 400
    assert not BallotCorrection.objects.exists()


def test_a_correction_leaves_a_trail_on_the_ballots_page(client, vote):
    consultation, (first, second, _third), official = vote
    ballot = enter(consultation, official, 12, [first])
    client.force_login(official)
    address = url("voting_paper:ballot", consultation, ballot.pk)
    client.post(address, {"proposals": [second.pk], "reason": "Pomyłka przy wpisywaniu"})
    correction = BallotCorrection.objects.get(ballot=ballot)
    assert correction.corrected_by == official
    assert (correction.before["proposals"], correction.after["proposals"]) == (
        [first.pk],
        [second.pk],
    )
    page = html(client.get(address))
    assert "Pomyłka przy wpisywaniu" in page
    trail = page.split("Corrections</caption>")[1].split("</table>")[0]
    assert first.title in trail
    assert second.title in trail


def test_question_cards_are_entered_with_answers(client, home_page):
    consultation, _proposals, official = paper_vote(
        home_page, method=Method.QUESTION, proposals=0, questions=["Czy park?"]
    )
    question = consultation.questions.get()
    client.force_login(official)
    data = card(1, [], **{f"question_{question.pk}": "yes"})
    client.post(url(ENTER, consultation), data)
    assert Ballot.objects.get(paper_number=1).choices.get().answer == "yes"


# --- Secrecy -----------------------------------------------------------------------------


def test_ballot_list_and_page_never_show_voter_names_or_addresses(client, vote):
    consultation, (first, *_rest), official = vote
    ballot = enter(
        consultation, official, 21, [first], voter_name="Zofia Tajna", voter_address="Sekretna 9"
    )
    client.force_login(official)
    for address in (
        url("voting_paper:ballots", consultation),
        url("voting_paper:ballot", consultation, ballot.pk),
    ):
        page = html(client.get(address))
        assert first.title in page
        assert "Zofia Tajna" not in page
        assert "Sekretna" not in page


def test_voter_list_never_shows_choices(client, vote):
    consultation, (first, *_rest), official = vote
    enter(consultation, official, 22, [first], voter_name="Zofia Jawna")
    client.force_login(official)
    page = html(client.get(url("voting_paper:voters", consultation)))
    assert "Zofia Jawna" in page
    assert first.title not in page


# --- Who may -----------------------------------------------------------------------------


def all_urls(consultation, ballot, participation):
    return [
        ("get", url(ENTER, consultation)),
        ("post", url(ENTER, consultation)),
        ("get", url("voting_paper:ballots", consultation)),
        ("get", url("voting_paper:ballot", consultation, ballot.pk)),
        ("post", url("voting_paper:ballot", consultation, ballot.pk)),
        ("get", url("voting_paper:voters", consultation)),
        ("get", url("voting_paper:double_votes", consultation)),
        ("post", url("voting_paper:double_vote_resolve", consultation, participation.pk)),
    ]


@pytest.mark.parametrize("who", ["other centre's official", "resident", "editor"])
def test_others_are_refused_on_every_paper_url(client, home_page, vote, who):
    consultation, (first, *_rest), official = vote
    ballot = enter(consultation, official, 31, [first])
    participation = Participation.objects.get(paper_number=31)
    other, *_ = paper_vote(home_page)
    person = {
        "other centre's official": lambda: staff(other.centre, roles.OFFICIAL),
        "resident": lambda: UserFactory(),
        "editor": lambda: staff(consultation.centre, roles.EDITOR),
    }[who]()
    client.force_login(person)
    for method, address in all_urls(consultation, ballot, participation):
        response = getattr(client, method)(address, {"paper_number": 99})
        assert response.status_code in (302, 403), (method, address)
        if response.status_code == 302:
            assert response.url.startswith(login_url()) or response.url.endswith("/admin/")
    assert not Ballot.objects.filter(paper_number=99).exists()
    assert not BallotCorrection.objects.exists()


def test_moderators_of_the_centre_may_enter_ballots(client, vote):
    consultation, (first, *_rest), _official = vote
    client.force_login(staff(consultation.centre, roles.MODERATOR))
    assert client.get(url(ENTER, consultation)).status_code == 200


def test_the_menu_index_lists_only_own_centres_consultations(client, home_page, vote):
    consultation, _proposals, official = vote
    other, *_ = paper_vote(home_page)
    client.force_login(official)
    page = html(client.get("/admin/paper-ballots/"))
    assert url(ENTER, consultation) in page
    assert url(ENTER, other) not in page


# --- Query counts ------------------------------------------------------------------------


def fill(consultation, official, proposals, count, start=100):
    for number in range(start, start + count):
        enter(consultation, official, number, proposals)


@pytest.mark.parametrize("name", ["voting_paper:ballots", "voting_paper:voters"])
def test_list_query_count_does_not_grow_with_rows(client, home_page, name):
    small, (a1, b1, _c1), official_small = paper_vote(home_page)
    large, (a2, b2, _c2), official_large = paper_vote(home_page)
    fill(small, official_small, [a1, b1], 1)
    fill(large, official_large, [a2, b2], 20)
    client.force_login(official_small)
    one = query_count(client, url(name, small))
    client.force_login(official_large)
    twenty = query_count(client, url(name, large))
    assert one == twenty


def test_the_page_editor_offers_paper_ballots_on_a_consultation_with_a_vote(admin_client, vote):
    consultation, _proposals, _official = vote
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[consultation.pk]))
    assert url(ENTER, consultation) in html(response)


# --- After the result is published ---------------------------------------------------------


@pytest.fixture
def published_vote(vote):
    from tests.voting.results_helpers import publish

    consultation, proposals, official = vote
    enter(consultation, official, 1, proposals[:1])
    publish(consultation)
    return consultation, proposals, official


def test_no_card_entry_is_offered_once_the_result_is_published(client, published_vote):
    consultation, _proposals, official = published_vote
    client.force_login(official)
    index = html(client.get("/admin/paper-ballots/"))
    assert url(ENTER, consultation) not in index
    ballots = html(client.get(url("voting_paper:ballots", consultation)))
    assert url(ENTER, consultation) not in ballots


def test_the_entry_form_is_not_shown_once_the_result_is_published(client, published_vote):
    consultation, _proposals, official = published_vote
    client.force_login(official)
    response = client.get(url(ENTER, consultation), follow=True)
    assert response.redirect_chain[-1][0] == url("voting_paper:ballots", consultation)
    page = html(response)
    assert 'name="paper_number"' not in page
    assert "ballots can no longer be entered" in page
