"""The activity screens staff use read as Polish (the heuristic of tests/config)."""

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from events import services
from tests.config.test_admin_polish import english_on
from tests.events.test_pages import soon
from tests.factories import UserFactory
from tests.factories_events import activity, index_of

pytestmark = pytest.mark.django_db


def test_no_activity_screen_shows_an_english_sentence(client, centre):
    admin = UserFactory(is_superuser=True, is_staff=True)
    UserProfile.objects.update_or_create(user=admin, defaults={"preferred_language": "pl"})
    page = activity(centre, starts_at=soon(3), places=3, recurrence="FREQ=WEEKLY")
    services.signup_join(activity=page, day=soon(3).date(), name="Pani Zofia", entered_by=admin)
    day = soon(3).date().isoformat()
    client.force_login(admin)
    found = {}
    for url in [
        reverse("activity_signups:index"),
        reverse("activity_signups:date", args=[page.pk, day]),
        reverse("activity_signups:sheet", args=[page.pk, day]),
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        reverse("wagtailadmin_pages:add", args=["events", "activitypage", index_of(centre).pk]),
    ]:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="pl")
        assert response.status_code == 200, url
        if english := english_on(response.content.decode()):
            found[url] = english
    assert found == {}
