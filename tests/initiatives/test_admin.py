"""The staff admin: the centre's initiatives (waiting ones first) and the review screen."""

import pytest
from django.urls import reverse

from initiatives.models import Initiative
from tests.factories import UserFactory
from tests.initiatives.helpers import centre_with_index, organiser, started

pytestmark = pytest.mark.django_db


@pytest.fixture
def centres(home_page):
    return centre_with_index(home_page), centre_with_index(home_page)


def test_organiser_lists_only_their_centres_initiatives(client, centres):
    (centre, index), (_other, other_index) = centres
    started(index, title="Nasza inicjatywa")
    started(other_index, title="Cudza inicjatywa")
    client.force_login(organiser(centre))
    page = client.get(reverse("mam_initiatives:index")).content.decode()
    assert "Nasza inicjatywa" in page
    assert "Cudza inicjatywa" not in page


def test_the_initiatives_name_is_headed_as_an_initiative_not_a_persons_name(client, centres):
    (centre, index), _other = centres
    initiative = started(index)
    client.force_login(organiser(centre))  # reads the admin in Polish
    for url in (
        reverse("mam_initiatives:index"),
        reverse("mam_initiatives:review", args=[initiative.pk]),
    ):
        page = client.get(url).content.decode()
        assert "Inicjatywa" in page
        assert "Imię i nazwisko" not in page


def test_organiser_publishes_from_the_review_screen(client, centres):
    (centre, index), _other = centres
    initiative = started(index)
    client.force_login(organiser(centre))
    url = reverse("mam_initiatives:review", args=[initiative.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"decision": "approve"})
    assert response.status_code == 302
    assert Initiative.objects.get().state == Initiative.State.ACTIVE


def test_declining_without_a_reason_changes_nothing(client, centres):
    (centre, index), _other = centres
    initiative = started(index)
    client.force_login(organiser(centre))
    url = reverse("mam_initiatives:review", args=[initiative.pk])
    assert client.post(url, {"decision": "decline", "reason": ""}).status_code == 400
    assert Initiative.objects.get().state == Initiative.State.PENDING


def test_organiser_of_another_centre_cannot_open_the_review(client, centres):
    (_centre, index), (other, _other_index) = centres
    initiative = started(index)
    client.force_login(organiser(other))
    assert client.get(reverse("mam_initiatives:review", args=[initiative.pk])).status_code == 404


def test_staff_without_the_role_are_refused(client, centres):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(reverse("mam_initiatives:index")).status_code in (302, 403)


def test_admin_screens_show_no_english_sentence(client, centres):
    from wagtail.users.models import UserProfile

    from tests.config.test_admin_polish import english_on

    (centre, index), _other = centres
    initiative = started(index)
    admin = UserFactory(is_superuser=True, is_staff=True)
    UserProfile.objects.update_or_create(user=admin, defaults={"preferred_language": "pl"})
    client.force_login(admin)
    screens = [
        reverse("mam_initiatives:index"),
        reverse("mam_initiatives:review", args=[initiative.pk]),
        reverse("mam_initiatives:history", args=[initiative.pk]),
        reverse("wagtailadmin_pages:edit", args=[index.pk]),
    ]
    found = {}
    for url in screens:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="pl")
        assert response.status_code == 200, url
        if english := english_on(response.content.decode()):
            found[url] = english
    assert found == {}
