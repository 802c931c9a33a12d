"""Fixtures for the review: a consultation with review rules, an official, a proposal."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from accounts import roles
from casework.models import Department
from review import services
from review.models import Criterion, Outcome, ReviewSetup
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_consultations import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    with_phases,
)
from tests.factories_proposals import ProposalFactory, confirmed_user

WARSAW = ZoneInfo("Europe/Warsaw")
CRITERIA = ["W zakresie zadań gminy", "Na terenie gminy", "Koszt w limicie puli"]


def warsaw(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=WARSAW)


@pytest.fixture
def centre(home_page):
    return CentrePageFactory(parent=home_page, title="MAM Nowy Sącz", slug="nowy-sacz")


@pytest.fixture
def consultation(centre):
    index = ConsultationIndexPageFactory(parent=centre)
    page = ConsultationPageFactory(parent=index, voting_method="approval", max_choices=3)
    return with_phases(page, current="discussion")


@pytest.fixture
def setup(consultation):
    setup = ReviewSetup.objects.create(consultation=consultation, appeal_days=7, decision_days=14)
    for position, text in enumerate(CRITERIA):
        Criterion.objects.create(setup=setup, text=text, sort_order=position)
    return setup


def make_official(centre):
    user = UserFactory()
    user.groups.add(roles.centre_groups_ensure(centre)[roles.OFFICIAL])
    return user


@pytest.fixture
def official(centre):
    return make_official(centre)


@pytest.fixture
def author():
    return confirmed_user()


@pytest.fixture
def proposal(consultation, author):
    return ProposalFactory(consultation=consultation, author=author, estimated_cost=50000)


def assess_all(review, official, *, failing=(), now=None):
    for criterion in review.proposal.consultation.review_setup.criteria.all():
        met = criterion.text not in failing
        services.criterion_assess(
            review=review,
            criterion=criterion,
            met=met,
            comment="" if met else "Działka należy do Skarbu Państwa.",
            by=official,
            now=now,
        )


@pytest.fixture
def refused(setup, proposal, official):
    """A review published as not admitted on 10 March 2026, 12:00 in Warsaw."""
    review = services.review_start(
        proposal=proposal, by=official, assigned_to=official, now=warsaw(2026, 3, 2, 9)
    )
    assess_all(review, official, failing=[CRITERIA[1]], now=warsaw(2026, 3, 9, 9))
    return services.review_decide(
        review=review, outcome=Outcome.NOT_ADMITTED, by=official, now=warsaw(2026, 3, 10, 12)
    )


@pytest.fixture
def clerk(centre):
    """An official of the centre who works in its department (`department`)."""
    return make_official(centre)


@pytest.fixture
def department(centre, clerk):
    department = Department.objects.create(centre=centre, name="Wydział Inwestycji")
    department.members.add(clerk)
    return department


@pytest.fixture
def review(setup, proposal, official):
    return services.review_start(proposal=proposal, by=official)
