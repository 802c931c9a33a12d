"""The admin: officials see and update their own centre's records only, in Polish."""

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from implementation.models import Implementation, Status
from tests.config.test_admin_polish import english_on
from tests.factories import CentrePageFactory
from tests.implementation.conftest import make_official

pytestmark = pytest.mark.django_db


def form_data(record, **changes):
    data = {
        "status": record.status,
        "reason": record.reason,
        "percent_done": record.percent_done,
        "money_planned": record.money_planned or "",
        "money_spent": record.money_spent,
        "department": record.department_id or "",
        "note": "",
        "kind_1": "before",
        "kind_2": "after",
    }
    for milestone in record.milestones.all():
        data[f"m{milestone.pk}_name"] = milestone.name
    data.update(changes)
    return data


def test_an_official_updates_a_record_of_their_centre(client, record, official):
    client.force_login(official)
    url = reverse("mam_implementation:update", args=[record.pk])
    response = client.post(url, form_data(record, status="in_progress", percent_done=25))
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.status, record.percent_done) == (Status.IN_PROGRESS, 25)


def test_the_form_asks_for_the_reason_of_a_delay(client, record, official):
    client.force_login(official)
    url = reverse("mam_implementation:update", args=[record.pk])
    response = client.post(url, form_data(record, status="delayed"))
    assert response.status_code == 400
    assert Implementation.objects.get().status == Status.PLANNED


def test_an_official_of_another_centre_neither_lists_nor_opens_the_record(
    client, record, home_page
):
    stranger = make_official(CentrePageFactory(parent=home_page, slug="chrzanow"))
    client.force_login(stranger)
    listing = client.get(reverse("mam_implementation:index")).content.decode()
    assert record.proposal.title not in listing
    url = reverse("mam_implementation:update", args=[record.pk])
    assert client.get(url).status_code == 404


def test_an_official_opens_records_for_the_funded_projects(client, funded, official):
    client.force_login(official)
    response = client.post(
        reverse("mam_implementation:open"), {"consultation": funded.consultation_id}
    )
    assert response.status_code == 302
    assert Implementation.objects.filter(proposal=funded).exists()


def test_no_implementation_screen_shows_an_english_sentence(client, record, official):
    UserProfile.objects.update_or_create(user=official, defaults={"preferred_language": "pl"})
    client.force_login(official)
    found = {}
    for url in [
        reverse("mam_implementation:index"),
        reverse("mam_implementation:open"),
        reverse("mam_implementation:update", args=[record.pk]),
    ]:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="pl")
        assert response.status_code == 200, url
        if english := english_on(response.content.decode()):
            found[url] = english
    assert found == {}
