"""Fixtures for implementation records: a finished vote with a published result, a funded
project, an official of the centre and a department."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from accounts import roles
from casework.models import Department
from implementation import services
from proposals.models import Follow, Proposal
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_consultations import ConsultationIndexPageFactory, ConsultationPageFactory
from tests.factories_proposals import ProposalFactory, confirmed_user
from tests.factories_voting import Method, voting_consultation
from tests.voting.paper_helpers import settle_paper
from voting.models import ResultSnapshot
from voting.services import results, voting

WARSAW = ZoneInfo("Europe/Warsaw")


def warsaw(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=WARSAW)


def publish_result(consultation):
    return ResultSnapshot.objects.create(
        consultation=consultation,
        method=consultation.voting_method or "approval",
        code_version="test",
        ballots_checksum="0" * 64,
        csv_checksum="0" * 64,
        figures={},
        ballots={},
        published_at=timezone.now(),
    )


def make_official(centre):
    user = UserFactory()
    user.groups.add(roles.centre_groups_ensure(centre)[roles.OFFICIAL])
    return user


@pytest.fixture
def centre(home_page):
    return CentrePageFactory(parent=home_page, title="MAM Nowy Sącz", slug="nowy-sacz")


@pytest.fixture
def consultation(centre):
    index = ConsultationIndexPageFactory(parent=centre)
    return ConsultationPageFactory(
        parent=index, title="Budżet 2026", voting_method="approval", max_choices=3
    )


@pytest.fixture
def published(consultation):
    return publish_result(consultation)


@pytest.fixture
def official(centre):
    return make_official(centre)


@pytest.fixture
def department(centre):
    return Department.objects.create(centre=centre, name="Wydział Inwestycji")


@pytest.fixture
def author():
    return confirmed_user()


@pytest.fixture
def funded(consultation, author, published):
    return ProposalFactory(
        consultation=consultation,
        author=author,
        title="Plac zabaw przy Lwowskiej",
        status=Proposal.Status.SELECTED,
        estimated_cost=Decimal("120000"),
    )


@pytest.fixture
def follower(funded):
    user = confirmed_user()
    Follow.objects.create(proposal=funded, user=user)
    Follow.objects.get_or_create(proposal=funded, user=funded.author)
    return user


@pytest.fixture
def record(funded, official, department):
    return services.implementation_create(proposal=funded, by=official, department=department)


def update(record, official, **changes):
    values = {
        "status": record.status,
        "reason": record.reason,
        "percent_done": record.percent_done,
        "money_planned": record.money_planned,
        "money_spent": record.money_spent,
        "department": record.department,
    }
    values.update(changes)
    return services.implementation_update(record=record, by=official, **values)


def close_voting(consultation):
    phase = consultation.phases.get(kind="voting")
    phase.closed_early_at = timezone.now()
    phase.save()


@pytest.fixture
def vote(home_page):
    """A civic budget whose vote closed: 600 and 300 zł fit the 1000 zł pool, 500 does not."""
    consultation, items = voting_consultation(
        home_page, method=Method.BUDGET, costs=[600, 500, 300], budget=1000
    )
    for chosen in [(0,), (0,), (0, 2), (1,), (2,)]:
        voting.cast_ballot(
            user=confirmed_user(),
            consultation=consultation,
            proposal_ids=[items[i].pk for i in chosen],
        )
    settle_paper(consultation)
    close_voting(consultation)
    return consultation, items


def publish_vote(consultation):
    official = make_official(consultation.centre)
    return results.publish_results(consultation=consultation, by=official)
