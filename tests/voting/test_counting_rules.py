"""The regulamin's counting rules on a consultation: configuration, the ballot (points and
limits), a tie drawn by lot before publication, and recounting what was published."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from accounts import roles
from consultations.models import Category
from home.models import District
from tests.accounts.staff_helpers import staff
from tests.config.test_admin_polish import english_on
from tests.consultations.header_buttons import header_button
from tests.factories import CentrePageFactory
from tests.factories_proposals import confirmed_user
from tests.factories_voting import Method, district_pool, vote_url, voting_consultation
from tests.voting.paper_helpers import enter
from tests.voting.results_helpers import cast, close_voting, official_of, sub_url
from voting.models import BallotChoice, TieDraw
from voting.services import results, tie_draws, voting

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def run(*args) -> str:
    out = StringIO()
    with translation.override("en"):
        call_command(*args, stdout=out)
    return out.getvalue()


# --- Configuration -------------------------------------------------------------------------


def test_points_are_refused_outside_an_approval_vote(home_page):
    consultation, _ = voting_consultation(home_page, method=Method.BUDGET)
    consultation.points = "3,2,1"
    with pytest.raises(ValidationError) as error:
        consultation.clean()
    assert "points" in error.value.message_dict


def test_points_need_a_place_for_every_choice_a_voter_may_make(home_page):
    consultation, _ = voting_consultation(home_page, max_choices=3)
    consultation.points = "2,1"
    with pytest.raises(ValidationError) as error:
        consultation.clean()
    assert "max_choices" in error.value.message_dict


def test_points_must_give_the_first_place_most(home_page):
    consultation, _ = voting_consultation(home_page, max_choices=2)
    consultation.points = "1,2"
    with pytest.raises(ValidationError) as error:
        consultation.clean()
    assert "points" in error.value.message_dict


def test_leftover_to_the_districts_next_proposals_needs_the_stop_rule(home_page):
    consultation, _ = voting_consultation(home_page, method=Method.BUDGET)
    consultation.leftover = "next_in_district"
    with pytest.raises(ValidationError) as error:
        consultation.clean()
    assert "leftover" in error.value.message_dict
    consultation.not_fitting = "stop"
    consultation.clean()


def test_the_voting_panel_offers_the_counting_rules_to_editors(admin_client, home_page):
    consultation, _ = voting_consultation(home_page)
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[consultation.pk])).content
    for name in ("tie_rule", "min_votes", "points", "max_per_category", "max_per_district"):
        assert f'name="{name}"'.encode() in html
    assert b'name="not_fitting"' in html and b'name="leftover"' in html


def test_the_rules_are_written_into_the_published_file(home_page):
    consultation, (a, b, c) = voting_consultation(
        home_page, max_choices=2, points="3,2", min_votes=2, max_per_category=1
    )
    cast(consultation, [a, b], [b, a], [b])
    close_voting(consultation)
    snapshot = results.publish_results(consultation=consultation, by=official_of(consultation))
    rules = snapshot.ballots["rules"]
    assert (rules["points"], rules["min_votes"], rules["limits"]) == ([3, 2], 2, {"category": 1})
    assert [(r["id"], r["points"]) for r in snapshot.figures["options"]] == [
        (b.pk, 8),
        (a.pk, 5),
        (c.pk, 0),
    ]


# --- Points ballot -------------------------------------------------------------------------


@pytest.fixture
def points_vote(home_page):
    return voting_consultation(home_page, max_choices=2, winners=1, points="3,1")


def test_a_points_ballot_has_one_select_per_place_and_no_script(client, points_vote):
    consultation, proposals = points_vote
    client.force_login(confirmed_user())
    html = client.get(vote_url(consultation), **EN).content.decode()
    assert '<select name="place_1" id="place-1">' in html
    assert '<select name="place_2" id="place-2">' in html
    assert 'name="place_3"' not in html
    assert "Place 1 (3 points)" in html
    assert "vote.js" not in html


def test_a_points_ballot_keeps_the_voters_order(client, points_vote):
    consultation, (a, b, _c) = points_vote
    user = confirmed_user()
    client.force_login(user)
    response = client.post(vote_url(consultation), {"place_1": b.pk, "place_2": a.pk})
    assert response.status_code == 302
    ballot = voting.own_ballot(user, consultation)
    assert sorted((c.rank, c.proposal_id) for c in ballot.choices.all()) == [(1, b.pk), (2, a.pk)]
    again = client.get(vote_url(consultation)).content.decode()
    assert (
        f'<option value="{b.pk}" selected' in again.split('id="place-1"')[1].split("</select>")[0]
    )


def test_a_points_ballot_refuses_the_same_proposal_in_two_places(client, points_vote):
    consultation, (a, _b, _c) = points_vote
    client.force_login(confirmed_user())
    response = client.post(vote_url(consultation), {"place_1": a.pk, "place_2": a.pk}, **EN)
    assert response.status_code == 400
    assert "one place only" in response.content.decode()


def test_a_points_ballot_refuses_a_place_that_is_not_a_proposal(client, points_vote):
    consultation, _ = points_vote
    client.force_login(confirmed_user())
    response = client.post(vote_url(consultation), {"place_1": "x' or 1=1"}, **EN)
    assert response.status_code == 400


def test_points_ballots_recount_from_json_and_csv_to_a_match(points_vote, tmp_path):
    consultation, (a, b, c) = points_vote
    for first, second in [(a, b), (b, a), (b, c)]:
        voting.cast_ballot(
            user=confirmed_user(), consultation=consultation, proposal_ids=[first.pk, second.pk]
        )
    close_voting(consultation)
    snapshot = results.publish_results(consultation=consultation, by=official_of(consultation))
    json_file, csv_file = tmp_path / "karty.json", tmp_path / "karty.csv"
    json_file.write_bytes(results.published_file(consultation, "json"))
    csv_file.write_bytes(results.published_file(consultation, "csv"))
    assert "MATCH" in run("recompute_results", str(json_file))
    assert "MATCH" in run("recompute_results", str(json_file), "--csv", str(csv_file))
    assert snapshot.figures["options"][0] | {} == snapshot.figures["options"][0] | {
        "id": b.pk,
        "points": 7,
        "selected": True,
    }


# --- Limits per category and district --------------------------------------------------------


@pytest.fixture
def limited_vote(home_page):
    consultation, (a, b, c) = voting_consultation(home_page, max_choices=3, max_per_category=1)
    green = Category.objects.create(consultation=consultation, name="Zieleń")
    for proposal in (a, b):
        proposal.category = green
        proposal.save()
    return consultation, (a, b, c)


def test_the_ballot_page_refuses_two_proposals_of_one_category(client, limited_vote):
    consultation, (a, b, _c) = limited_vote
    client.force_login(confirmed_user())
    response = client.post(vote_url(consultation), {"proposals": [a.pk, b.pk]}, **EN)
    assert response.status_code == 400
    assert "category “Zieleń”" in response.content.decode()


def test_the_api_refuses_two_proposals_of_one_category(client, limited_vote):
    consultation, (a, b, c) = limited_vote
    client.force_login(confirmed_user())
    address = f"/api/v1/consultations/{consultation.pk}/vote/"
    refused = client.post(address, {"proposals": [a.pk, b.pk]}, content_type="application/json")
    assert refused.status_code == 400
    taken = client.post(address, {"proposals": [a.pk, c.pk]}, content_type="application/json")
    assert taken.status_code == 200


def test_paper_entry_refuses_two_proposals_of_one_category(limited_vote):
    consultation, (a, b, _c) = limited_vote
    official = staff(consultation.centre, roles.OFFICIAL)
    with pytest.raises(ValidationError) as error:
        enter(consultation, official, 1, [a, b])
    assert error.value.code == "limit"


def test_a_district_limit_refuses_two_proposals_of_one_district(home_page):
    consultation, (a, b, _c) = voting_consultation(home_page, max_choices=3, max_per_district=1)
    district = District.objects.create(centre=consultation.centre, name="Wólki")
    for proposal in (a, b):
        proposal.district = district
        proposal.save()
    with pytest.raises(ValidationError) as error:
        voting.cast_ballot(
            user=confirmed_user(), consultation=consultation, proposal_ids=[a.pk, b.pk]
        )
    assert error.value.code == "limit"


# --- A deciding tie drawn by lot --------------------------------------------------------------


@pytest.fixture
def lot_tie(home_page):
    consultation, (a, b, c) = voting_consultation(home_page, winners=1, tie_rule="lot")
    cast(consultation, [a], [b], [c, a], [c, b])
    close_voting(consultation)
    return consultation, (a, b, c)


def draw(consultation, order, **fields):
    fields = {
        "drawn_at": timezone.now() - timedelta(hours=1),
        "drawn_by": "Anna Nowak, przewodnicząca komisji",
        "witnesses": "Jan Kowalski\nEwa Wiśniewska",
        "place": "Sala obrad ratusza",
    } | fields
    return tie_draws.tie_draw_record(
        consultation=consultation,
        pool="",
        votes=2,
        order=[p.pk for p in order],
        by=official_of(consultation),
        **fields,
    )


def test_publishing_is_refused_while_a_deciding_tie_waits_for_its_draw(lot_tie):
    consultation, _ = lot_tie
    with pytest.raises(ValidationError) as error:
        results.publish_results(consultation=consultation, by=official_of(consultation))
    assert error.value.code == "undecided_tie"
    assert results.published_result(consultation) is None


def test_the_publish_command_says_why_it_refuses(lot_tie):
    consultation, _ = lot_tie
    official = official_of(consultation)
    with pytest.raises(CommandError, match="drawn by lot"):
        run("publish_results", "--consultation", consultation.pk, "--by", official.email)


def test_after_the_draw_the_result_follows_it_and_recounts_to_a_match(lot_tie, tmp_path):
    consultation, (a, b, c) = lot_tie
    draw(consultation, [c, a, b])
    snapshot = results.publish_results(consultation=consultation, by=official_of(consultation))
    assert [r["id"] for r in snapshot.figures["options"] if r["selected"]] == [c.pk]
    assert snapshot.figures["ties"][0]["decided"] is True
    protocol = snapshot.ballots["rules"]["draws"][0]
    assert protocol["order"] == [c.pk, a.pk, b.pk]
    assert protocol["witnesses"] == "Jan Kowalski\nEwa Wiśniewska"
    json_file = tmp_path / "karty.json"
    json_file.write_bytes(results.published_file(consultation, "json"))
    assert "MATCH" in run("recompute_results", str(json_file))


def test_the_results_page_shows_the_draw_and_its_protocol(client, lot_tie):
    consultation, (a, b, c) = lot_tie
    draw(consultation, [a, c, b])
    results.publish_results(consultation=consultation, by=official_of(consultation))
    html = client.get(sub_url(consultation, "results"), **EN).content.decode()
    assert "drawn by lot, in public" in html
    assert "Protocol of the draw by lot" in html
    assert "Sala obrad ratusza" in html


def test_the_ballot_page_says_ties_are_drawn_by_lot(client, home_page):
    consultation, _ = voting_consultation(home_page, tie_rule="lot", min_votes=5)
    html = client.get(vote_url(consultation), **EN).content.decode()
    assert "the order is drawn by lot, in public" in html
    assert "at least 5 votes to be selected" in html


def test_a_draw_must_put_every_tied_proposal_in_one_place(lot_tie):
    consultation, (a, b, _c) = lot_tie
    with pytest.raises(ValidationError) as error:
        draw(consultation, [a, a, b])
    assert error.value.code == "order"


def test_a_draw_cannot_be_dated_in_the_future(lot_tie):
    consultation, (a, b, c) = lot_tie
    with pytest.raises(ValidationError):
        draw(consultation, [a, b, c], drawn_at=timezone.now() + timedelta(days=1))


# --- The draws screen in the admin -------------------------------------------------------------


def draws_url(consultation):
    return reverse("voting_results:tie_draws", args=[consultation.pk])


def test_the_centres_official_records_the_draw_in_the_admin(client, lot_tie):
    consultation, (a, b, c) = lot_tie
    client.force_login(staff(consultation.centre, roles.OFFICIAL))
    page = client.get(draws_url(consultation))
    assert page.status_code == 200
    key = "tie-all-2"
    assert f'value="{key}"' in page.content.decode()
    response = client.post(
        draws_url(consultation),
        {
            "tie": key,
            f"{key}-place_1": b.pk,
            f"{key}-place_2": c.pk,
            f"{key}-place_3": a.pk,
            f"{key}-drawn_at": (timezone.now() - timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"),
            f"{key}-drawn_by": "Anna Nowak",
            f"{key}-witnesses": "Jan Kowalski",
            f"{key}-place": "Ratusz",
        },
    )
    assert response.status_code == 302
    assert TieDraw.objects.get(consultation=consultation).order == [b.pk, c.pk, a.pk]
    assert tie_draws.waiting_ties(consultation) == []


def test_a_protocol_without_witnesses_is_refused_in_the_admin(client, lot_tie):
    consultation, (a, b, c) = lot_tie
    client.force_login(staff(consultation.centre, roles.OFFICIAL))
    key = "tie-all-2"
    response = client.post(
        draws_url(consultation),
        {"tie": key, f"{key}-place_1": a.pk, f"{key}-drawn_by": "Anna Nowak"},
    )
    assert response.status_code == 400
    assert not TieDraw.objects.exists()


@pytest.mark.parametrize("role", [roles.MODERATOR, None])
def test_the_draws_screen_is_refused_to_others(client, lot_tie, home_page, role):
    consultation, _ = lot_tie
    if role is None:
        user = staff(CentrePageFactory(parent=home_page), roles.OFFICIAL)
    else:
        user = staff(consultation.centre, role)
    client.force_login(user)
    assert client.get(draws_url(consultation)).status_code in (302, 403)


def test_the_publish_page_points_to_the_waiting_draw(client, lot_tie):
    consultation, _ = lot_tie
    client.force_login(staff(consultation.centre, roles.OFFICIAL))
    html = client.get(reverse("voting_results:publish", args=[consultation.pk])).content
    assert draws_url(consultation).encode() in html


def test_a_result_published_before_the_rules_still_recounts_to_a_match(home_page, tmp_path):
    """The files of older results have no rule keys: the defaults count as before."""
    consultation, (a, b, _c) = voting_consultation(home_page, winners=1)
    cast(consultation, [a], [b])
    close_voting(consultation)
    snapshot = results.publish_results(consultation=consultation, by=official_of(consultation))
    assert set(snapshot.ballots["rules"]) == {"double_vote_rule", "max_choices", "winners"}
    json_file = tmp_path / "karty.json"
    json_file.write_bytes(json.dumps(snapshot.ballots).encode())
    assert "MATCH" in run("recompute_results", str(json_file))
    assert BallotChoice.objects.filter(rank__isnull=False).count() == 0


def test_the_draws_screen_with_a_waiting_tie_reads_as_polish(client, lot_tie):
    consultation, _ = lot_tie
    user = staff(consultation.centre, roles.OFFICIAL)
    UserProfile.objects.filter(user=user).update(preferred_language="pl")
    client.force_login(user)
    response = client.get(draws_url(consultation), HTTP_ACCEPT_LANGUAGE="pl")
    assert "Wylosowany jako nr 1" in response.content.decode()
    assert english_on(response.content.decode()) == []


def test_the_council_reports_method_section_names_the_rules_and_the_draw(client, lot_tie):
    consultation, (a, b, c) = lot_tie
    draw(consultation, [b, a, c])
    official = official_of(consultation)
    results.publish_results(consultation=consultation, by=official)
    client.force_login(official)
    response = client.get(
        reverse("outcomes_report:html", args=[consultation.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    method = response.text.split('id="method"')[1]
    assert "the order is drawn by lot, in public" in method
    assert "Sala obrad ratusza" in method


def test_staff_enter_a_points_card_place_by_place(client, points_vote):
    consultation, (a, b, _c) = points_vote
    official = staff(consultation.centre, roles.OFFICIAL)
    client.force_login(official)
    address = reverse("voting_paper:enter", args=[consultation.pk])
    assert 'name="place_2"' in client.get(address).content.decode()
    client.post(
        address,
        {
            "paper_number": 4,
            "place_1": b.pk,
            "place_2": a.pk,
            "voter_name": "Anna Nowak",
            "voter_address": "ul. Lipowa 3",
        },
    )
    choices = BallotChoice.objects.filter(ballot__paper_number=4)
    assert sorted((c.rank, c.proposal_id) for c in choices) == [(1, b.pk), (2, a.pk)]


def test_the_api_gives_the_counting_rules_of_a_consultation(client, home_page):
    consultation, _ = voting_consultation(home_page, max_choices=2, points="2,1", min_votes=3)
    voting_ = client.get(f"/api/v1/consultations/{consultation.pk}/").json()["voting"]
    assert voting_["counting_rules"] == {"points": [2, 1], "min_votes": 3}


def test_the_results_page_shows_points_and_money_moved_to_the_town_pool(client, home_page):
    consultation, (a, b, c) = voting_consultation(
        home_page, method=Method.BUDGET, costs=[600, 50, 300], budget=1000, leftover="town"
    )
    district = District.objects.create(centre=consultation.centre, name="Wólki")
    district_pool(consultation, district, 100)
    b.district = district
    b.save()
    cast(consultation, [a, b], [c])
    close_voting(consultation)
    snapshot = results.publish_results(consultation=consultation, by=official_of(consultation))
    town, wolki = snapshot.figures["pools"]
    assert (wolki["moved_to_town"], town["moved_in"]) == ("50.00", "50.00")
    html = client.get(sub_url(consultation, "results"), **EN).content.decode()
    assert "left in this pool moved to the town-wide pool" in html
    assert "moves once to the town-wide pool" in html


def test_the_results_table_of_a_points_vote_has_a_points_column(client, points_vote):
    consultation, (a, b, _c) = points_vote
    voting.cast_ballot(user=confirmed_user(), consultation=consultation, proposal_ids=[b.pk, a.pk])
    close_voting(consultation)
    results.publish_results(consultation=consultation, by=official_of(consultation))
    html = client.get(sub_url(consultation, "results"), **EN).content.decode()
    assert '<th scope="col" class="numeric">Points</th>' in html


def test_no_paper_card_can_be_entered_once_a_tie_was_drawn(lot_tie):
    consultation, (a, b, c) = lot_tie
    draw(consultation, [a, b, c])
    with translation.override("en"), pytest.raises(ValidationError, match="drawn by lot"):
        enter(consultation, staff(consultation.centre, roles.OFFICIAL), 9, [a])


def test_the_centres_official_gets_a_draws_button_until_publication(lot_tie, home_page):
    consultation, _ = lot_tie
    official = staff(consultation.centre, roles.OFFICIAL)
    assert header_button(consultation, official, "voting_results:tie_draws") is not None
    other = staff(CentrePageFactory(parent=home_page), roles.OFFICIAL)
    assert header_button(consultation, other, "voting_results:tie_draws") is None


def test_no_draws_button_when_ties_are_not_drawn_by_lot(home_page):
    consultation, _ = voting_consultation(home_page)
    close_voting(consultation)
    official = staff(consultation.centre, roles.OFFICIAL)
    assert header_button(consultation, official, "voting_results:tie_draws") is None
