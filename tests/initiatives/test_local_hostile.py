"""The local initiative pages and admin screens with hostile values: never a 5xx."""

import pytest
from django.urls import reverse

from tests.initiatives.helpers import centre_with_index, organiser, running
from tests.initiatives.local_helpers import criteria, draft, ready
from tests.test_hostile_urls import HOSTILE

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiative(home_page):
    return running(centre_with_index(home_page)[1])


def test_hostile_posts_to_the_application_pages_get_no_server_error(client, initiative):
    application = draft(initiative)
    ready_one = ready(running(initiative.index, user=initiative.started_by, title="Ławki"))
    client.force_login(initiative.started_by)
    client.raise_request_exception = False
    for value in HOSTILE:
        edit = application.index.sub_url("local_edit", pk=application.pk)
        for data in [
            {"title": value, "area": value, "starts_on": value, "ends_on": value},
            {"costs-TOTAL_FORMS": value, "costs-INITIAL_FORMS": value},
            {
                "title": "X",
                "costs-TOTAL_FORMS": "1",
                "costs-INITIAL_FORMS": "0",
                "costs-0-amount": value,
                "contributions-TOTAL_FORMS": "1",
                "contributions-INITIAL_FORMS": "0",
                "contributions-0-kind": value,
                "contributions-0-hours": value,
                "contributions-0-value": value,
                "ready": "1",
            },
        ]:
            assert client.post(edit, data).status_code < 500, (data, value)
        for name, data in [
            ("local_pledge", {"kind": value, "hours": value, "value": value}),
            ("local_state", {"action": value}),
        ]:
            path = ready_one.index.sub_url(name, pk=ready_one.pk)
            assert client.post(path, data).status_code < 500, (name, value)
        start = initiative.index.sub_url("local_create") + "?inicjatywa=" + value
        assert client.post(start, {"title": value}).status_code < 500, value


def test_hostile_posts_to_the_admin_screens_get_no_server_error(client, initiative):
    application = ready(initiative)
    first, _second = criteria(initiative.centre)
    client.force_login(organiser(initiative.centre))
    client.raise_request_exception = False
    for value in HOSTILE:
        evaluate = reverse("mam_local_initiatives:evaluate", args=[application.pk])
        decide = reverse("mam_local_initiatives:decide", args=[application.pk])
        data = {f"criterion_{first.pk}": value, "filed_on": value}
        assert client.post(evaluate, data).status_code < 500, value
        data = {"accepted": value, "reasons": value, "decided_on": value}
        assert client.post(decide, data).status_code < 500, value
