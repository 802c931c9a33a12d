"""Departments in the admin: officials manage their own centre's, never another's."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from accounts import roles
from casework.models import Department
from tests.factories import CentrePageFactory, UserFactory

pytestmark = pytest.mark.django_db


def make_official(centre):
    user = UserFactory()
    user.groups.add(roles.centre_groups_ensure(centre)[roles.OFFICIAL])
    return user


@pytest.fixture
def centre(home_page):
    return CentrePageFactory(parent=home_page, title="MAM Nowy Sącz")


@pytest.fixture
def other_centre(home_page):
    return CentrePageFactory(parent=home_page, title="MAM Chrzanów")


@pytest.fixture
def roads(centre):
    return Department.objects.create(centre=centre, name="Wydział Dróg")


def test_an_official_lists_their_centres_departments(client, centre, roads):
    client.force_login(make_official(centre))
    response = client.get(reverse("mam_departments:index"))
    assert response.status_code == 200
    assert "Wydział Dróg" in response.content.decode()


def test_another_centres_official_neither_sees_nor_edits_them(client, roads, other_centre):
    client.force_login(make_official(other_centre))
    assert "Wydział Dróg" not in client.get(reverse("mam_departments:index")).content.decode()
    assert client.get(reverse("mam_departments:edit", args=[roads.pk])).status_code == 404


def test_an_official_adds_a_department_only_in_their_centre(client, centre, other_centre):
    official = make_official(centre)
    client.force_login(official)
    response = client.post(
        reverse("mam_departments:add"),
        {"centre": other_centre.pk, "name": "Wydział Obcy", "active": "on"},
    )
    assert response.status_code == 200  # the other centre is not a valid choice
    assert not Department.objects.filter(name="Wydział Obcy").exists()
    response = client.post(
        reverse("mam_departments:add"),
        {"centre": centre.pk, "name": "Wydział Zieleni", "members": [official.pk], "active": "on"},
    )
    assert response.status_code == 302
    assert list(Department.objects.get(name="Wydział Zieleni").members.all()) == [official]


def test_a_resident_is_refused(client, roads):
    client.force_login(UserFactory())
    assert client.get(reverse("mam_departments:index")).status_code in (302, 403)


def test_a_department_name_is_unique_within_a_centre(centre, roads):
    with pytest.raises(IntegrityError):
        Department.objects.create(centre=centre, name="Wydział Dróg")


def test_departments_cannot_be_deleted(client, centre, roads):
    client.force_login(make_official(centre))
    response = client.post(f"/admin/departments/delete/{roads.pk}/")
    assert response.status_code == 404
    assert Department.objects.filter(pk=roads.pk).exists()
