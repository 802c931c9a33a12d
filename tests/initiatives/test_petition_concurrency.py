"""Online supports under parallel requests on PostgreSQL: one per person, counters exact."""

import pytest

from initiatives.models import InitiativeIndexPage, Petition, PetitionSupport
from initiatives.services import petitions
from tests.concurrency import run_in_threads
from tests.factories import CentrePageFactory
from tests.initiatives.petition_helpers import open_resolution
from tests.initiatives.test_concurrency import people

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def petition(page_tree):
    centre = CentrePageFactory(parent=page_tree, title="MAM Nowy Sącz", slug="nowy-sacz")
    index = InitiativeIndexPage(title="Inicjatywy", slug="inicjatywy")
    centre.add_child(instance=index)
    return open_resolution(index)


def test_one_person_supporting_20_times_at_once_counts_once(petition):
    (user,) = people(1)
    calls = [lambda: petitions.petition_support(petition=petition, user=user)]
    assert run_in_threads(calls * 20, workers=20) == []
    assert PetitionSupport.objects.filter(petition=petition, user=user).count() == 1
    assert Petition.objects.get(pk=petition.pk).supporters_count == 1


def test_40_people_supporting_at_once_are_all_counted(petition):
    users = people(40)
    calls = [(lambda u=u: petitions.petition_support(petition=petition, user=u)) for u in users]
    assert run_in_threads(calls, workers=20) == []
    assert Petition.objects.get(pk=petition.pk).supporters_count == 40
    assert PetitionSupport.objects.filter(petition=petition).count() == 40


def test_support_and_withdrawal_racing_keep_the_counter_exact(petition):
    users = people(20)
    for user in users[:10]:
        petitions.petition_support(petition=petition, user=user)
    calls = [
        (lambda u=u: petitions.petition_withdraw(petition=petition, user=u)) for u in users[:10]
    ]
    calls += [
        (lambda u=u: petitions.petition_support(petition=petition, user=u)) for u in users[10:]
    ]
    assert run_in_threads(calls, workers=20) == []
    petition = Petition.objects.get(pk=petition.pk)
    assert petition.supporters_count == PetitionSupport.objects.filter(petition=petition).count()
    assert petition.supporters_count == 10
