"""Editors work in Wagtail's admin: they log in, add a news item and it appears publicly."""

import pytest
from wagtail.test.utils.form_data import nested_form_data, streamfield

from accounts import roles
from home.models import NewsPage
from tests.factories import CentrePageFactory, NewsIndexPageFactory, UserFactory


@pytest.fixture
def centre(home_page):
    centre = CentrePageFactory(parent=home_page, slug="nowy-sacz", title="MAM Nowy Sącz")
    NewsIndexPageFactory(parent=centre)
    return centre


@pytest.fixture
def editor(centre):
    """An editor of the Nowy Sącz centre, in the group its roles set up."""
    user = UserFactory(email="redaktorka@example.org")
    user.groups.add(roles.centre_groups_ensure(centre)[roles.EDITOR])
    return user


def test_admin_dashboard_loads_for_an_editor(client, editor):
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 200


def test_admin_refuses_a_resident_without_admin_access(client, db):
    client.force_login(UserFactory())
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert response.redirect_chain == [("/konto/panel/?next=/admin/", 302)]


def test_editor_publishes_news_under_a_centre_and_it_shows_there(client, editor, centre):
    index = centre.get_children().get(slug="aktualnosci")
    client.force_login(editor)
    response = client.post(
        f"/admin/pages/add/home/newspage/{index.pk}/",
        nested_form_data(
            {
                "title": "Spotkanie w sprawie masztu",
                "slug": "spotkanie-maszt",
                "date": "2019-03-02",
                "lead": "Mieszkańcy rozmawiali o planowanym maszcie nadawczym.",
                "image_alt": "",
                "body": streamfield([]),
                "tags": "",
                "action-publish": "publish",
            }
        ),
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    item = NewsPage.objects.get(slug="spotkanie-maszt")
    assert item.live
    assert "Spotkanie w sprawie masztu" in client.get(centre.url).text


def test_user_admin_edits_the_display_name(client, db):
    admin = UserFactory(is_superuser=True, is_staff=True)
    resident = UserFactory(display_name="Stara nazwa")
    client.force_login(admin)
    response = client.get(f"/admin/users/edit/{resident.pk}/")
    assert response.status_code == 200
    assert 'name="display_name"' in response.text
