"""The review's rules: assessment, outcome, deadlines in Warsaw days, appeals, the ballot."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from wagtail.models import ModelLogEntry

from consultations.participation import NotAllowed
from proposals.models import Proposal
from review import services
from review.models import Appeal, Outcome
from tests.factories_proposals import ProposalFactory, confirmed_user
from tests.review.conftest import CRITERIA, assess_all, make_official, warsaw
from voting.services.voting import ballot_paper

pytestmark = pytest.mark.django_db
Status = Proposal.Status


def test_starting_a_review_puts_the_proposal_under_review(setup, proposal, official):
    services.review_start(proposal=proposal, by=official)
    proposal.refresh_from_db()
    assert proposal.status == Status.UNDER_REVIEW


def test_only_the_assigned_official_assesses(setup, proposal, official, centre):
    review = services.review_start(proposal=proposal, by=official, assigned_to=official)
    other = make_official(centre)
    with pytest.raises(ValidationError):
        services.criterion_assess(
            review=review, criterion=setup.criteria.first(), met=True, comment="", by=other
        )


def test_an_official_of_another_centre_cannot_review(setup, proposal, home_page):
    from tests.factories import CentrePageFactory

    stranger = make_official(CentrePageFactory(parent=home_page, title="MAM Chrzanów"))
    with pytest.raises(ValidationError):
        services.review_start(proposal=proposal, by=stranger)


def test_a_criterion_not_met_needs_a_comment(setup, proposal, official):
    review = services.review_start(proposal=proposal, by=official)
    with pytest.raises(ValidationError):
        services.criterion_assess(
            review=review, criterion=setup.criteria.first(), met=False, comment=" ", by=official
        )


def test_the_outcome_needs_every_criterion_assessed(setup, proposal, official):
    review = services.review_start(proposal=proposal, by=official)
    services.criterion_assess(
        review=review, criterion=setup.criteria.first(), met=True, comment="", by=official
    )
    with pytest.raises(ValidationError):
        services.review_decide(review=review, outcome=Outcome.ADMITTED, by=official)


def test_not_admitted_needs_a_criterion_not_met(setup, proposal, official):
    review = services.review_start(proposal=proposal, by=official)
    assess_all(review, official)
    with pytest.raises(ValidationError):
        services.review_decide(review=review, outcome=Outcome.NOT_ADMITTED, by=official)


def test_admitted_after_changes_names_the_changes(setup, proposal, official):
    review = services.review_start(proposal=proposal, by=official)
    assess_all(review, official)
    with pytest.raises(ValidationError):
        services.review_decide(review=review, outcome=Outcome.ADMITTED_CHANGED, by=official)
    services.review_decide(
        review=review,
        outcome=Outcome.ADMITTED_CHANGED,
        changes_agreed="Mniejsza wiata, w parku zamiast przy drodze.",
        by=official,
    )
    proposal.refresh_from_db()
    assert proposal.status == Status.ACCEPTED


def test_the_towns_cost_replaces_the_authors_on_the_ballot(setup, proposal, official):
    review = services.review_start(proposal=proposal, by=official)
    services.town_cost_set(review=review, amount=72000, by=official)
    proposal.refresh_from_db()
    assert proposal.estimated_cost == 50000
    assert proposal.official_cost == 72000


def test_not_admitted_rejects_the_proposal_with_reasons_per_criterion(refused, proposal):
    proposal.refresh_from_db()
    assert proposal.status == Status.REJECTED
    answer = proposal.status_changes.last().answer
    assert f"{CRITERIA[1]}: Działka należy do Skarbu Państwa." in answer


def test_the_outcome_is_emailed_to_the_author_once(
    setup, proposal, official, author, django_capture_on_commit_callbacks
):
    review = services.review_start(proposal=proposal, by=official)
    assess_all(review, official, failing=[CRITERIA[0]])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.review_decide(review=review, outcome=Outcome.NOT_ADMITTED, by=official)
    to_author = [message for message in mail.outbox if author.email in message.to]
    assert len(to_author) == 1
    assert CRITERIA[0] in to_author[0].body


def test_the_appeal_deadline_counts_warsaw_days(setup, proposal, official):
    review = services.review_start(proposal=proposal, by=official)
    assess_all(review, official, failing=[CRITERIA[0]])
    # 23:30 UTC on 10 March is already 11 March in Warsaw.
    decided = datetime.datetime(2026, 3, 10, 23, 30, tzinfo=datetime.UTC)
    services.review_decide(review=review, outcome=Outcome.NOT_ADMITTED, by=official, now=decided)
    review.refresh_from_db()
    assert review.appeal_until == datetime.date(2026, 3, 18)


def test_the_author_may_appeal_on_the_last_day(refused, author):
    appeal = services.appeal_file(
        review=refused, reasons="Działka jest gminna.", by=author, now=warsaw(2026, 3, 17, 23, 59)
    )
    assert appeal.decide_by == datetime.date(2026, 3, 31)


def test_no_appeal_after_the_period(refused, author):
    with pytest.raises(NotAllowed):
        services.appeal_file(
            review=refused, reasons="Za późno.", by=author, now=warsaw(2026, 3, 18, 0, 1)
        )


def test_only_the_author_may_appeal(refused):
    with pytest.raises(NotAllowed):
        services.appeal_file(
            review=refused, reasons="Popieram.", by=confirmed_user(), now=warsaw(2026, 3, 11)
        )


def test_an_admitted_project_cannot_be_appealed(setup, proposal, official, author):
    review = services.review_start(proposal=proposal, by=official)
    assess_all(review, official)
    services.review_decide(review=review, outcome=Outcome.ADMITTED, by=official)
    with pytest.raises(NotAllowed):
        services.appeal_file(review=review, reasons="Chcę.", by=author)


def test_one_appeal_per_decision(refused, author, official):
    services.appeal_file(review=refused, reasons="Raz.", by=author, now=warsaw(2026, 3, 11))
    refused.refresh_from_db()
    with pytest.raises(NotAllowed):
        services.appeal_file(review=refused, reasons="Dwa.", by=author, now=warsaw(2026, 3, 12))
    with pytest.raises(ValidationError):
        services.appeal_enter_paper(
            review=refused,
            reasons="Trzy.",
            received_on=datetime.date(2026, 3, 12),
            by=official,
            now=warsaw(2026, 3, 12, 15),
        )
    assert Appeal.objects.count() == 1


def test_staff_enter_a_paper_appeal_received_within_the_period(refused, official, author):
    appeal = services.appeal_enter_paper(
        review=refused,
        reasons="Złożone w MAM.",
        received_on=datetime.date(2026, 3, 17),
        by=official,
        now=warsaw(2026, 3, 19, 9),
    )
    assert appeal.channel == Appeal.Channel.PAPER
    assert appeal.filed_by == author
    assert appeal.decide_by == datetime.date(2026, 3, 31)


def test_a_paper_appeal_received_late_is_refused(refused, official):
    with pytest.raises(ValidationError):
        services.appeal_enter_paper(
            review=refused,
            reasons="Za późno.",
            received_on=datetime.date(2026, 3, 18),
            by=official,
            now=warsaw(2026, 3, 19, 9),
        )


def test_an_appeal_is_overdue_after_its_due_day(refused, author):
    appeal = services.appeal_file(review=refused, reasons="R.", by=author, now=warsaw(2026, 3, 11))
    assert not appeal.is_overdue(datetime.date(2026, 3, 25))
    assert appeal.is_overdue(datetime.date(2026, 3, 26))


def test_an_upheld_appeal_puts_the_project_on_the_ballot(refused, author, official, proposal):
    assert proposal not in [
        option.proposal for option in ballot_paper(proposal.consultation).options
    ]
    appeal = services.appeal_file(review=refused, reasons="R.", by=author, now=warsaw(2026, 3, 11))
    services.appeal_decide(appeal=appeal, upheld=True, reasons="Działka gminna.", by=official)
    proposal.refresh_from_db()
    assert proposal.status == Status.ACCEPTED
    assert proposal in [option.proposal for option in ballot_paper(proposal.consultation).options]


def test_a_dismissed_appeal_keeps_the_project_off_the_ballot(refused, author, official, proposal):
    appeal = services.appeal_file(review=refused, reasons="R.", by=author, now=warsaw(2026, 3, 11))
    services.appeal_decide(appeal=appeal, upheld=False, reasons="Teren prywatny.", by=official)
    proposal.refresh_from_db()
    assert proposal.status == Status.REJECTED
    assert proposal not in [
        option.proposal for option in ballot_paper(proposal.consultation).options
    ]


def test_an_appeal_decision_needs_reasons_and_is_made_once(refused, author, official):
    appeal = services.appeal_file(review=refused, reasons="R.", by=author, now=warsaw(2026, 3, 11))
    with pytest.raises(ValidationError):
        services.appeal_decide(appeal=appeal, upheld=True, reasons="", by=official)
    services.appeal_decide(appeal=appeal, upheld=False, reasons="Nie.", by=official)
    with pytest.raises(ValidationError):
        services.appeal_decide(appeal=appeal, upheld=True, reasons="Jednak tak.", by=official)


def test_the_ballot_excludes_projects_not_admitted(setup, consultation, official):
    admitted, refused = (ProposalFactory(consultation=consultation) for _ in range(2))
    for proposal, failing in ((admitted, ()), (refused, (CRITERIA[2],))):
        review = services.review_start(proposal=proposal, by=official)
        assess_all(review, official, failing=failing)
        outcome = Outcome.NOT_ADMITTED if failing else Outcome.ADMITTED
        services.review_decide(review=review, outcome=outcome, by=official)
    on_ballot = [option.proposal.pk for option in ballot_paper(consultation).options]
    assert on_ballot == [admitted.pk]


def test_reviews_log_to_the_proposals_history(refused, proposal):
    actions = set(
        ModelLogEntry.objects.filter(object_id=str(proposal.pk)).values_list("action", flat=True)
    )
    assert {"mam.review.start", "mam.review.decide"} <= actions


def test_the_appeal_decision_is_emailed_to_the_author_once(
    refused, author, official, django_capture_on_commit_callbacks
):
    appeal = services.appeal_file(review=refused, reasons="R.", by=author, now=warsaw(2026, 3, 11))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.appeal_decide(appeal=appeal, upheld=True, reasons="Teren gminy.", by=official)
    to_author = [message for message in mail.outbox if author.email in message.to]
    assert len(to_author) == 1
    assert "Teren gminy." in to_author[0].body


def test_the_department_assigned_a_criterion_assesses_that_criterion(
    setup, proposal, official, centre
):
    import datetime

    from django.utils import timezone

    from casework import services as casework
    from casework.models import Department

    review = services.review_start(proposal=proposal, by=official, assigned_to=official)
    surveyor = make_official(centre)
    geodesy = Department.objects.create(centre=centre, name="Wydział Geodezji")
    geodesy.members.add(surveyor)
    land, cost = setup.criteria.all()[:2]
    casework.assignment_create(
        proposal=proposal,
        by=official,
        department=geodesy,
        due_date=timezone.localdate() + datetime.timedelta(days=7),
        target=land,
    )
    assessment = services.criterion_assess(
        review=review, criterion=land, met=False, comment="Działka Skarbu Państwa.", by=surveyor
    )
    assert assessment.assessed_by == surveyor
    with pytest.raises(ValidationError):  # not the criterion the department was given
        services.criterion_assess(review=review, criterion=cost, met=True, comment="", by=surveyor)


def test_the_department_given_the_whole_review_assesses_every_criterion(
    setup, proposal, official, centre
):
    import datetime

    from django.utils import timezone

    from casework import services as casework
    from casework.models import Department

    review = services.review_start(proposal=proposal, by=official, assigned_to=official)
    engineer = make_official(centre)
    investments = Department.objects.create(centre=centre, name="Wydział Inwestycji")
    investments.members.add(engineer)
    casework.assignment_create(
        proposal=proposal,
        by=official,
        department=investments,
        due_date=timezone.localdate() + datetime.timedelta(days=7),
        target=review,
    )
    for criterion in setup.criteria.all():
        services.criterion_assess(
            review=review, criterion=criterion, met=True, comment="", by=engineer
        )
    assert review.assessments.filter(assessed_by=engineer).count() == setup.criteria.count()
