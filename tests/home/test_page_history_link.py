"""The explorer offers a page's "History" only to staff who may open it (#18)."""

import pytest

from accounts import roles
from tests.factories import CentrePageFactory, ContentPageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def centre(home_page):
    centre = CentrePageFactory(parent=home_page, title="MAM Chrzanów", town="Chrzanów")
    ContentPageFactory(parent=centre, title="Regulamin")
    return centre


def staff_of(centre, role):
    user = UserFactory()
    user.groups.add(roles.centre_groups_ensure(centre)[role])
    return user


def history_url(page) -> str:
    return f"/admin/pages/{page.pk}/history/"


def test_a_moderator_who_may_not_edit_the_page_is_not_offered_its_history(client, centre):
    client.force_login(staff_of(centre, roles.MODERATOR))
    assert client.get(history_url(centre)).status_code in (302, 403)
    explorer = client.get(f"/admin/pages/{centre.pk}/").content.decode()
    assert history_url(centre) not in explorer


def test_a_moderator_is_not_offered_the_history_of_listed_pages_they_may_not_edit(client, centre):
    child = centre.get_children().get()
    client.force_login(staff_of(centre, roles.MODERATOR))
    explorer = client.get(f"/admin/pages/{centre.pk}/").content.decode()
    assert "Regulamin" in explorer
    assert history_url(child) not in explorer


def test_an_editor_is_offered_the_history_and_may_open_it(client, centre):
    client.force_login(staff_of(centre, roles.EDITOR))
    explorer = client.get(f"/admin/pages/{centre.pk}/").content.decode()
    assert history_url(centre) in explorer
    assert client.get(history_url(centre)).status_code == 200
