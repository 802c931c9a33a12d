"""An activity names the residents' initiative it belongs to (issue #15), only once it is public."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from accounts import roles
from accounts.services import moderation
from events.models import ActivityPage
from initiatives.models import Initiative
from initiatives.services import editing
from tests.factories import UserFactory
from tests.factories_events import activity
from tests.factories_proposals import confirmed_user
from tests.initiatives.helpers import centre_with_index, running

pytestmark = pytest.mark.django_db


def tomorrow():
    return timezone.now() + datetime.timedelta(days=1)


def test_activity_page_links_to_its_running_initiative(client, home_page):
    centre, index = centre_with_index(home_page)
    initiative = running(index, title="Zielone podwórko")
    page = activity(centre, starts_at=tomorrow(), initiative=initiative)
    text = client.get(page.url).text
    assert f'href="{initiative.get_absolute_url()}"' in text
    assert "Zielone podwórko" in text


def test_activity_page_hides_an_initiative_no_longer_public(client, home_page):
    """Editors may only choose a running or ended initiative; one hidden by a moderator
    later stays linked but is not named on the page."""
    centre, index = centre_with_index(home_page)
    initiative = running(index, title="Już niepubliczna")
    page = activity(centre, starts_at=tomorrow(), initiative=initiative)
    Initiative.objects.filter(pk=initiative.pk).update(
        hidden_at=timezone.now(), hidden_reason="Naruszenie zasad"
    )
    assert "Już niepubliczna" not in client.get(page.url).text


def test_admin_form_offers_only_the_centres_initiatives(home_page):
    centre, index = centre_with_index(home_page)
    other_centre, other_index = centre_with_index(home_page)
    own = running(index, title="Nasza")
    running(other_index, title="Cudza")
    page = activity(centre, starts_at=tomorrow())
    form_class = ActivityPage.get_edit_handler().get_form_class()
    form = form_class(instance=page, parent_page=page.get_parent(), for_user=None)
    assert list(form.fields["initiative"].queryset) == [own]


def _hide_as_moderator(initiative):
    moderator = UserFactory()
    moderator.groups.add(roles.centre_groups_ensure(initiative.centre)[roles.MODERATOR])
    moderation.contribution_hide(target=initiative, moderator=moderator, reason="Reklama.")


def _signed_in() -> Client:
    client = Client()
    client.force_login(confirmed_user())
    return client


@pytest.mark.parametrize("who", ["anonymous", "signed in"])
def test_a_stored_activity_page_stops_naming_its_initiative_once_hidden(
    home_page, page_cache_on, committed, who
):
    """The "about" part (and the anonymous copy) is kept under the initiatives' links
    version too: hiding the initiative makes it stale at once."""
    centre, index = centre_with_index(home_page)
    initiative = running(index, title="Zielone podwórko")
    page = activity(centre, starts_at=tomorrow(), initiative=initiative)
    client = Client() if who == "anonymous" else _signed_in()
    assert "Zielone podwórko" in client.get(page.url).text
    with committed():
        _hide_as_moderator(initiative)
    assert "Zielone podwórko" not in client.get(page.url).text


def test_a_renamed_initiative_shows_at_once_on_its_activitys_page(
    home_page, page_cache_on, committed
):
    centre, index = centre_with_index(home_page)
    initiative = running(index, title="Zielone podwórko")
    page = activity(centre, starts_at=tomorrow(), initiative=initiative)
    client = _signed_in()
    client.get(page.url)
    with committed():
        editing.initiative_edit(
            initiative=initiative,
            user=initiative.started_by,
            title="Zielony skwer",
            issue=initiative.issue,
            goal=initiative.goal,
            place=initiative.place,
        )
    assert "Zielony skwer" in client.get(page.url).text
