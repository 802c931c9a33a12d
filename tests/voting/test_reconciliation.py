"""People who voted both online and on paper: found by name and address, settled by the rule."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import ModelLogEntry

from accounts.models import ResidencyDeclaration
from consultations.models import ConsultationPage
from tests.accounts.staff_helpers import html
from tests.factories_proposals import confirmed_user
from tests.voting.paper_helpers import confirm, enter, paper_vote, query_count, url
from voting.models import Ballot, Participation, ResultSnapshot, TieDraw
from voting.services import reconciliation, voting

pytestmark = pytest.mark.django_db
Rule = ConsultationPage.DoubleVoteRule
DOUBLE = Ballot.Void.DOUBLE_VOTE


def online_voter(consultation, proposal, first="Jan", last="Kowalski", street="ul. Lipowa 3"):
    user = confirmed_user()
    ResidencyDeclaration.objects.create(
        user=user,
        centre=consultation.centre,
        first_name=first,
        last_name=last,
        street_address=street,
    )
    voting.cast_ballot(user=user, consultation=consultation, proposal_ids=[proposal.pk])
    return user


@pytest.fixture
def double(home_page):
    """A consultation where Jan Kowalski voted online and (as written) on paper card no. 1."""
    consultation, (first, second, _third), official = paper_vote(home_page)
    user = online_voter(consultation, first)
    enter(
        consultation,
        official,
        1,
        [second],
        voter_name="KOWALSKI Jan",
        voter_address="Lipowa 3",
    )
    confirm(consultation, 1, [second])  # typed in by a second person: the card counts
    return consultation, user, official


def test_a_paper_voter_matching_an_online_voters_declaration_is_found(double):
    consultation, user, _official = double
    (case,) = reconciliation.double_votes(consultation)
    assert case.paper.paper_number == 1
    assert case.online.user == user
    assert not case.is_resolved


def test_a_different_address_is_not_a_match(home_page):
    consultation, (first, second, _third), official = paper_vote(home_page)
    online_voter(consultation, first)
    enter(consultation, official, 1, [second], voter_name="Jan Kowalski", voter_address="Polna 7")
    assert reconciliation.double_votes(consultation) == []


def test_online_counts_rule_voids_only_the_paper_ballot(double):
    consultation, user, official = double
    case = reconciliation.double_votes(consultation)[0]
    reconciliation.resolve_double_vote(
        consultation=consultation, paper=case.paper, online_user=user, by=official
    )
    assert Ballot.objects.get(paper_number=1).void_reason == DOUBLE
    assert Participation.objects.get(paper_number=1).void_reason == DOUBLE
    online = Ballot.objects.get(voter_key=voting.voter_key(user, consultation))
    assert online.is_valid


def test_a_confirmed_double_voter_is_one_person_in_the_turnout(double):
    consultation, user, official = double
    assert voting.turnout(consultation)["total"] == 2  # unconfirmed: two cards, two people
    case = reconciliation.double_votes(consultation)[0]
    reconciliation.resolve_double_vote(
        consultation=consultation, paper=case.paper, online_user=user, by=official
    )
    turnout = voting.turnout(consultation)
    assert (turnout["online"], turnout["paper"], turnout["total"]) == (1, 1, 1)


def test_a_confirmed_double_voter_is_one_voter_in_the_council_report(double):
    from outcomes.report import council_report

    consultation, user, official = double
    before = council_report(consultation).figures
    case = reconciliation.double_votes(consultation)[0]
    reconciliation.resolve_double_vote(
        consultation=consultation, paper=case.paper, online_user=user, by=official
    )
    figures = council_report(consultation).figures
    assert (before.voters, figures.voters) == (2, 1)
    assert figures.people == before.people - 1
    assert (figures.votes_online, figures.votes_paper) == (1, 1)  # ballots cast each way


def test_both_void_rule_voids_the_online_ballot_too(double):
    consultation, user, official = double
    ConsultationPage.objects.filter(pk=consultation.pk).update(double_vote_rule=Rule.BOTH_VOID)
    consultation.refresh_from_db()
    case = reconciliation.double_votes(consultation)[0]
    reconciliation.resolve_double_vote(
        consultation=consultation, paper=case.paper, online_user=user, by=official
    )
    assert Ballot.objects.get(paper_number=1).void_reason == DOUBLE
    online = Ballot.objects.get(voter_key=voting.voter_key(user, consultation))
    assert online.void_reason == DOUBLE
    assert Participation.objects.get(user=user).void_reason == DOUBLE


def test_a_resolved_case_stays_listed_with_who_resolved_it(double):
    consultation, user, official = double
    case = reconciliation.double_votes(consultation)[0]
    reconciliation.resolve_double_vote(
        consultation=consultation, paper=case.paper, online_user=user, by=official
    )
    (case,) = reconciliation.double_votes(consultation)
    assert case.is_resolved
    assert case.resolved_by == official
    assert ModelLogEntry.objects.filter(action="mam.paper.double_vote").count() == 1


def test_a_case_is_settled_once(double):
    consultation, user, official = double
    case = reconciliation.double_votes(consultation)[0]
    kwargs = {"consultation": consultation, "paper": case.paper, "online_user": user}
    reconciliation.resolve_double_vote(by=official, **kwargs)
    with pytest.raises(ValidationError):
        reconciliation.resolve_double_vote(by=official, **kwargs)


def test_someone_who_does_not_match_cannot_be_voided(double, home_page):
    consultation, _user, official = double
    other = online_voter(consultation, consultation.proposals.first(), first="Ewa", last="Inna")
    paper = Participation.objects.get(paper_number=1)
    with pytest.raises(ValidationError):
        reconciliation.resolve_double_vote(
            consultation=consultation, paper=paper, online_user=other, by=official
        )
    assert Ballot.objects.get(paper_number=1).is_valid


def test_nothing_is_settled_after_the_results_are_published(double):
    consultation, user, official = double
    ResultSnapshot.objects.create(
        consultation=consultation,
        method=consultation.voting_method,
        code_version="test",
        ballots_checksum="0" * 64,
        csv_checksum="0" * 64,
        figures={},
        ballots={},
        published_at=timezone.now(),
    )
    paper = Participation.objects.get(paper_number=1)
    with pytest.raises(ValidationError):
        reconciliation.resolve_double_vote(
            consultation=consultation, paper=paper, online_user=user, by=official
        )


# --- The report in the admin ------------------------------------------------------------


def test_staff_confirm_a_case_in_the_report(client, double):
    consultation, user, official = double
    client.force_login(official)
    report = url("voting_paper:double_votes", consultation)
    assert "KOWALSKI Jan" in html(client.get(report))
    paper = Participation.objects.get(paper_number=1)
    resolve = url("voting_paper:double_vote_resolve", consultation, paper.pk)
    client.post(resolve, {"user": user.pk})  # not confirmed: nothing happens
    assert Ballot.objects.get(paper_number=1).is_valid
    response = client.post(resolve, {"user": user.pk, "confirm": "on"}, follow=True)
    assert Ballot.objects.get(paper_number=1).void_reason == DOUBLE
    assert "Settled by" in html(response)


def test_settling_a_double_vote_answers_only_a_post(client, double):
    consultation, user, official = double
    client.force_login(official)
    paper = Participation.objects.get(paper_number=1)
    resolve = url("voting_paper:double_vote_resolve", consultation, paper.pk)
    assert client.get(resolve, {"user": user.pk, "confirm": "on"}).status_code == 405
    assert Ballot.objects.get(paper_number=1).is_valid


def test_report_shows_no_choices(client, double):
    consultation, _user, official = double
    client.force_login(official)
    page = html(client.get(url("voting_paper:double_votes", consultation)))
    for proposal in consultation.proposals.all():
        assert proposal.title not in page


def test_report_query_count_does_not_grow_with_cases(client, home_page):
    counts = []
    for size in (1, 20):
        consultation, (first, second, _third), official = paper_vote(home_page)
        for number in range(1, size + 1):
            online_voter(consultation, first, last=f"Nazwisko{number}")
            enter(
                consultation,
                official,
                number,
                [second],
                voter_name=f"Jan Nazwisko{number}",
                voter_address="Lipowa 3",
            )
        assert len(reconciliation.double_votes(consultation)) == size
        client.force_login(official)
        counts.append(query_count(client, url("voting_paper:double_votes", consultation)))
    assert counts[0] == counts[1]


# --- After a draw by lot ------------------------------------------------------------------


def _record_draw(consultation):
    TieDraw.objects.create(
        consultation=consultation,
        votes=1,
        order=[],
        drawn_at=timezone.now(),
        drawn_by="Anna Nowak",
        witnesses="Jan Kowalski",
    )


def test_a_double_vote_is_not_settled_once_a_tie_was_drawn_by_lot(double):
    consultation, user, official = double
    _record_draw(consultation)
    paper = Participation.objects.get(paper_number=1)
    with pytest.raises(ValidationError) as error:
        reconciliation.resolve_double_vote(
            consultation=consultation, paper=paper, online_user=user, by=official
        )
    assert error.value.code == "drawn"
    assert Ballot.objects.get(paper_number=1).is_valid
    assert not Participation.objects.get(paper_number=1).void_reason
    assert not ModelLogEntry.objects.filter(action="mam.paper.double_vote").exists()


def test_a_double_vote_whose_ballots_are_already_void_may_be_settled_after_a_draw(double):
    consultation, user, official = double
    _record_draw(consultation)
    Ballot.objects.filter(paper_number=1).update(void_reason=Ballot.Void.DOUBLE_VOTE)
    paper = Participation.objects.get(paper_number=1)
    reconciliation.resolve_double_vote(
        consultation=consultation, paper=paper, online_user=user, by=official
    )
    assert Participation.objects.get(paper_number=1).void_reason == DOUBLE


def test_the_admin_says_why_a_double_vote_is_refused_after_a_draw(client, double):
    consultation, user, official = double
    _record_draw(consultation)
    client.force_login(official)
    paper = Participation.objects.get(paper_number=1)
    response = client.post(
        url("voting_paper:double_vote_resolve", consultation, paper.pk),
        {"user": user.pk, "confirm": "on"},
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )
    assert "already been drawn by lot" in html(response)
    assert Ballot.objects.get(paper_number=1).is_valid
