"""Two towns, each with a consultation, a proposal, an official and a department."""

import pytest
from wagtail.users.models import UserProfile

from accounts import roles
from casework.models import Department
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_consultations import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    with_phases,
)
from tests.factories_proposals import ProposalFactory


def staff(centre, role=roles.OFFICIAL, **kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(roles.centre_groups_ensure(centre)[role])
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "en"})
    return user


def consultation_in(centre):
    index = ConsultationIndexPageFactory(parent=centre)
    return with_phases(ConsultationPageFactory(parent=index), current="discussion")


@pytest.fixture
def nowy_sacz(home_page):
    return CentrePageFactory(parent=home_page, title="MAM Nowy Sącz", slug="nowy-sacz")


@pytest.fixture
def chrzanow(home_page):
    return CentrePageFactory(parent=home_page, title="MAM Chrzanów", slug="chrzanow")


@pytest.fixture
def proposal(nowy_sacz):
    return ProposalFactory(
        consultation=consultation_in(nowy_sacz),
        title="Ławki w parku Strzeleckim",
        author=UserFactory(display_name="Ania z Zawady"),
        place="Park Strzelecki",
    )


@pytest.fixture
def chrzanow_proposal(chrzanow):
    return ProposalFactory(consultation=consultation_in(chrzanow), title="Kosze przy rynku")


@pytest.fixture
def official(nowy_sacz):
    return staff(nowy_sacz, display_name="Urzędniczka Ewa")


@pytest.fixture
def chrzanow_official(chrzanow):
    return staff(chrzanow)


@pytest.fixture
def roads(nowy_sacz, official):
    department = Department.objects.create(
        centre=nowy_sacz, name="Wydział Dróg i Transportu", email="drogi@nowysacz.example.org"
    )
    department.members.add(official)
    return department
