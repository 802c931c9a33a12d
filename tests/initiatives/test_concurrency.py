"""Joins, need sign-ups and appointing a coordinator under parallel requests on PostgreSQL:
counted once, never over, one coordinator.

Real threads, each with its own database connection, in real transactions.
"""

import pytest
from allauth.account.models import EmailAddress

from accounts.models import Verification
from consultations.participation import NotAllowed
from initiatives.models import Initiative, InitiativeIndexPage, Membership, Need, NeedSignUp
from initiatives.services import coordination, membership, needs, starting
from tests.concurrency import run_in_threads
from tests.factories import CentrePageFactory, UserFactory
from tests.initiatives.helpers import organiser

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def people(count):
    users = UserFactory.create_batch(count)
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users
    )
    return users


@pytest.fixture
def initiative(page_tree):
    centre = CentrePageFactory(parent=page_tree, title="MAM Nowy Sącz", slug="nowy-sacz")
    index = InitiativeIndexPage(title="Inicjatywy", slug="inicjatywy")
    centre.add_child(instance=index)
    (starter,) = people(1)
    Verification.objects.create(user=starter, centre=centre, method=Verification.Method.CODE)
    started = starting.initiative_start(
        index=index, user=starter, title="Maszt", issue="Maszt przy szkole.", goal="Nie.",
        place="ul. Szkolna",
    )  # fmt: skip
    return starting.initiative_approve(initiative=started, organiser=organiser(centre))


def test_50_people_joining_at_once_are_all_counted(initiative):
    users = people(50)
    calls = [
        (lambda user=user, n=n: membership.initiative_join(
            initiative=initiative, user=user, kind="member" if n % 2 else "supporter"
        ))
        for n, user in enumerate(users)
    ]  # fmt: skip
    assert run_in_threads(calls, workers=25) == []
    initiative = Initiative.objects.get(pk=initiative.pk)
    assert (initiative.members_count, initiative.supporters_count) == (26, 25)
    assert Membership.objects.filter(initiative=initiative).count() == 51


def test_one_person_joining_20_times_at_once_counts_once(initiative):
    (user,) = people(1)
    calls = [lambda: membership.initiative_join(initiative=initiative, user=user, kind="supporter")]
    assert run_in_threads(calls * 20, workers=20) == []
    initiative = Initiative.objects.get(pk=initiative.pk)
    assert Membership.objects.filter(initiative=initiative, user=user).count() == 1
    assert initiative.supporters_count == 1


def test_30_people_racing_for_5_places_fill_exactly_5(initiative):
    need = needs.need_post(
        initiative=initiative, user=initiative.started_by, title="Ulotki", wanted=5
    )
    users = people(30)
    calls = [(lambda user=user: needs.need_sign_up(need=need, user=user)) for user in users]
    errors = run_in_threads(calls, workers=30)
    assert len(errors) == 25
    assert all(isinstance(error, NotAllowed) for error in errors)
    assert NeedSignUp.objects.filter(need=need).count() == Need.objects.get(pk=need.pk).taken == 5


def test_two_organisers_appointing_at_once_make_one_coordinator_and_one_clear_refusal(initiative):
    Membership.objects.filter(initiative=initiative).update(role="")  # its coordinator gone
    joined = [
        membership.initiative_join(initiative=initiative, user=user, kind="member")
        for user in people(2)
    ]
    centre = initiative.centre
    calls = [
        (lambda member=member: coordination.coordination_appoint(
            initiative=initiative, organiser=organiser(centre), member=member
        ))
        for member in joined
    ]  # fmt: skip
    errors = run_in_threads(calls, workers=2)
    assert len(errors) == 1
    assert isinstance(errors[0], NotAllowed)
    assert Membership.objects.filter(initiative=initiative, role="coordinator").count() == 1
