"""Building blocks for the initiatives tests: a centre with its index, people, initiatives."""

from accounts import roles
from accounts.models import Verification
from initiatives.models import InitiativeIndexPage
from initiatives.services import starting
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_proposals import confirmed_user


def centre_with_index(home_page, **kwargs):
    centre = CentrePageFactory(parent=home_page, **kwargs)
    index = InitiativeIndexPage(title="Inicjatywy", slug="inicjatywy")
    centre.add_child(instance=index)
    return centre, index


def resident(centre, **kwargs):
    """A confirmed user verified as a resident of the centre's town."""
    user = confirmed_user(**kwargs)
    Verification.objects.create(user=user, centre=centre, method=Verification.Method.CODE)
    return user


def organiser(centre):
    user = UserFactory()
    user.groups.add(roles.centre_groups_ensure(centre)[roles.ORGANISER])
    return user


def started(index, user=None, **kwargs):
    user = user or resident(index.centre)
    fields = {
        "title": "Zielone podwórko",
        "issue": "Podwórko jest zabetonowane i nie ma cienia.",
        "goal": "Chcemy posadzić drzewa i krzewy.",
        "place": "podwórko przy ul. Lwowskiej 12",
        **kwargs,
    }
    return starting.initiative_start(index=index, user=user, **fields)


def running(index, user=None, **kwargs):
    initiative = started(index, user, **kwargs)
    return starting.initiative_approve(initiative=initiative, organiser=organiser(index.centre))
