"""Wagtail's page chooser shows staff their own centre's pages only (browse and search)."""

import pytest

from accounts import roles
from tests.factories import CentrePageFactory, ContentPageFactory, UserFactory
from tests.factories_consultations import ConsultationIndexPageFactory, ConsultationPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def centres(home_page):
    chrzanow = CentrePageFactory(parent=home_page, title="MAM Chrzanów", town="Chrzanów")
    nowy_sacz = CentrePageFactory(parent=home_page, title="MAM Nowy Sącz", town="Nowy Sącz")
    ContentPageFactory(parent=chrzanow, title="Regulamin Chrzanowski")
    secret = ContentPageFactory(parent=nowy_sacz, title="Regulamin Sądecki", live=False)
    secret.save_revision()
    return chrzanow, nowy_sacz


def chooser(client, path, **query) -> str:
    """The chooser's HTML (browsing answers JSON for the modal, search a fragment)."""
    response = client.get(path, query)
    assert response.status_code == 200
    if response["Content-Type"].startswith("application/json"):
        return response.json()["html"]
    return response.content.decode()


def staff_of(centre, role):
    user = UserFactory()
    user.groups.add(roles.centre_groups_ensure(centre)[role])
    return user


@pytest.mark.parametrize("role", [roles.EDITOR, roles.MODERATOR])
def test_browsing_from_the_home_page_lists_only_the_own_centre(client, home_page, centres, role):
    chrzanow, nowy_sacz = centres
    client.force_login(staff_of(chrzanow, role))
    html = chooser(client, f"/admin/choose-page/{home_page.pk}/")
    assert "MAM Chrzanów" in html
    assert "MAM Nowy Sącz" not in html


def test_browsing_into_the_other_centre_lists_none_of_its_pages(client, centres):
    chrzanow, nowy_sacz = centres
    client.force_login(staff_of(chrzanow, roles.EDITOR))
    html = chooser(client, f"/admin/choose-page/{nowy_sacz.pk}/")
    assert "Regulamin Sądecki" not in html


@pytest.mark.parametrize("role", [roles.EDITOR, roles.MODERATOR])
def test_browsing_into_the_other_centre_shows_not_its_title(client, centres, role):
    chrzanow, nowy_sacz = centres
    client.force_login(staff_of(chrzanow, role))
    html = chooser(client, f"/admin/choose-page/{nowy_sacz.pk}/")
    assert "MAM Nowy Sącz" not in html
    assert "MAM Chrzanów" in html  # browsing starts from the home page instead


def test_browsing_for_a_type_only_the_other_centre_has_shows_not_its_title(client, centres):
    chrzanow, nowy_sacz = centres
    index = ConsultationIndexPageFactory(parent=nowy_sacz, title="Konsultacje Sądeckie")
    ConsultationPageFactory(parent=index)
    ConsultationPageFactory(parent=index)
    client.force_login(staff_of(chrzanow, roles.EDITOR))
    html = chooser(client, "/admin/choose-page/", page_type="consultations.consultationpage")
    assert "Konsultacje Sądeckie" not in html
    assert "MAM Nowy Sącz" not in html


@pytest.mark.parametrize("role", [roles.EDITOR, roles.MODERATOR])
def test_search_finds_only_the_own_centres_pages(client, centres, role):
    chrzanow, _nowy_sacz = centres
    client.force_login(staff_of(chrzanow, role))
    html = chooser(client, "/admin/choose-page/search/", q="Regulamin")
    assert "Regulamin Chrzanowski" in html
    assert "Regulamin Sądecki" not in html


def test_a_superuser_sees_every_centre(client, home_page, centres):
    client.force_login(UserFactory(is_superuser=True))
    browse = chooser(client, f"/admin/choose-page/{home_page.pk}/")
    search = chooser(client, "/admin/choose-page/search/", q="Regulamin")
    assert "MAM Chrzanów" in browse and "MAM Nowy Sącz" in browse
    assert "Regulamin Chrzanowski" in search and "Regulamin Sądecki" in search
