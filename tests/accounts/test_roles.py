"""Roles are groups scoped to one centre by Wagtail page permissions on the centre's page."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from accounts import roles
from tests.factories import CentrePageFactory, NewsIndexPageFactory, UserFactory


@pytest.fixture
def nowy_sacz(home_page):
    return CentrePageFactory(parent=home_page, title="MAM Nowy Sącz", slug="nowy-sacz")


@pytest.fixture
def chrzanow(home_page):
    return CentrePageFactory(parent=home_page, title="MAM Chrzanów", slug="chrzanow")


def member(centre, role):
    user = UserFactory()
    user.groups.add(roles.centre_groups_ensure(centre)[role])
    return user


def test_each_centre_gets_its_three_groups(nowy_sacz):
    roles.centre_groups_ensure(nowy_sacz)
    names = set(Group.objects.values_list("name", flat=True))
    assert {
        "MAM Nowy Sącz – Moderatorzy",
        "MAM Nowy Sącz – Urzędnicy",
        "MAM Nowy Sącz – Redaktorzy",
    } <= names


def test_ensuring_groups_twice_changes_nothing(nowy_sacz):
    first = roles.centre_groups_ensure(nowy_sacz)
    count = Group.objects.count()
    assert roles.centre_groups_ensure(nowy_sacz) == first
    assert Group.objects.count() == count


@pytest.mark.parametrize("role", [roles.MODERATOR, roles.OFFICIAL])
def test_staff_act_on_their_own_centre_only(nowy_sacz, chrzanow, role):
    user = member(chrzanow, role)
    assert list(roles.staff_centres(user, "accounts.add_verification")) == [chrzanow]
    assert not roles.is_staff_for(user, "accounts.add_verification", nowy_sacz)


def test_without_the_model_permission_no_centre_is_granted(chrzanow):
    editor = member(chrzanow, roles.EDITOR)
    assert not roles.staff_centres(editor, "accounts.add_verification").exists()


def test_superuser_acts_on_every_centre(nowy_sacz, chrzanow):
    admin = UserFactory(is_superuser=True)
    assert set(roles.staff_centres(admin, "accounts.add_verification")) == {nowy_sacz, chrzanow}


def test_resident_is_staff_nowhere(nowy_sacz):
    resident = UserFactory()
    resident.groups.add(roles.global_groups_ensure()["residents"])
    assert not roles.staff_centres(resident, "accounts.view_report").exists()


def test_centre_editor_edits_and_publishes_own_centre_only(nowy_sacz, chrzanow):
    editor = member(chrzanow, roles.EDITOR)
    own = NewsIndexPageFactory(parent=chrzanow)
    other = NewsIndexPageFactory(parent=nowy_sacz)
    assert own.permissions_for_user(editor).can_publish()
    assert not other.permissions_for_user(editor).can_edit()


def test_official_cannot_publish_pages(chrzanow):
    official = member(chrzanow, roles.OFFICIAL)
    assert not chrzanow.permissions_for_user(official).can_publish()


def test_chrzanow_official_sees_only_chrzanow_in_the_page_explorer(client, nowy_sacz, chrzanow):
    client.force_login(member(chrzanow, roles.OFFICIAL))
    response = client.get("/admin/pages/", follow=True)
    assert response.status_code == 200
    assert "MAM Chrzanów" in response.text
    assert "MAM Nowy Sącz" not in response.text


def test_new_centre_created_in_the_admin_gets_its_groups(client, home_page):
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    client.post(
        f"/admin/pages/add/home/centrepage/{home_page.pk}/",
        nested_form_data(
            {
                "title": "MAM Gorlice",
                "slug": "gorlice",
                "town": "Gorlice",
                "address": "ul. Przykładowa 1",
                "body": streamfield([]),
                "districts-TOTAL_FORMS": "0",
                "districts-INITIAL_FORMS": "0",
                "districts-MIN_NUM_FORMS": "0",
                "districts-MAX_NUM_FORMS": "1000",
            }
        ),
    )
    assert Group.objects.filter(name="MAM Gorlice – Urzędnicy").exists()


def test_wagtail_sitewide_starter_groups_are_gone(db):
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()


def change_page():
    return Permission.objects.get(content_type__app_label="wagtailcore", codename="change_page")


def test_staff_of_two_centres_act_on_both_and_no_other(nowy_sacz, chrzanow, home_page):
    third = CentrePageFactory(parent=home_page, title="MAM Trzecie", slug="trzecie")
    user = member(chrzanow, roles.OFFICIAL)
    user.groups.add(roles.centre_groups_ensure(nowy_sacz)[roles.OFFICIAL])
    centres = set(roles.staff_centres(user, "accounts.add_verification"))
    assert centres == {nowy_sacz, chrzanow}
    assert third not in centres


def test_a_right_granted_above_the_centres_covers_every_centre_below(nowy_sacz, chrzanow):
    group = Group.objects.create(name="Regional officials")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="accounts", codename="add_verification")
    )
    GroupPagePermission.objects.create(
        group=group, page=nowy_sacz.get_parent(), permission=change_page()
    )
    user = UserFactory()
    user.groups.add(group)
    assert set(roles.staff_centres(user, "accounts.add_verification")) == {nowy_sacz, chrzanow}


def test_a_right_granted_on_a_page_inside_a_centre_does_not_cover_the_centre(nowy_sacz):
    news = NewsIndexPageFactory(parent=nowy_sacz)
    group = Group.objects.create(name="News officials")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="accounts", codename="add_verification")
    )
    GroupPagePermission.objects.create(group=group, page=news, permission=change_page())
    user = UserFactory()
    user.groups.add(group)
    assert not roles.staff_centres(user, "accounts.add_verification").exists()
