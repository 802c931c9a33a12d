"""Reports and hiding through the shared moderation mechanism (accounts)."""

import pytest

from accounts import roles
from accounts.models import Report
from accounts.services import moderation
from initiatives.services import updates
from tests.factories import UserFactory
from tests.factories_proposals import confirmed_user
from tests.initiatives.helpers import centre_with_index, running

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiative(home_page):
    return running(centre_with_index(home_page)[1])


def moderator(centre):
    user = UserFactory()
    user.groups.add(roles.centre_groups_ensure(centre)[roles.MODERATOR])
    return user


def test_a_report_on_an_initiative_goes_to_its_centres_moderators(initiative):
    report = moderation.report_submit(reporter=confirmed_user(), target=initiative, reason="spam")
    assert report.centre_id == initiative.centre_id
    assert Report.objects.open().count() == 1


def test_hidden_initiative_leaves_the_public_pages(client, initiative):
    moderation.contribution_hide(
        target=initiative, moderator=moderator(initiative.centre), reason="Reklama."
    )
    assert client.get(initiative.get_absolute_url()).status_code == 404
    assert initiative.title not in client.get(initiative.index.url).content.decode()


def test_hidden_update_leaves_the_timeline(client, initiative):
    update = updates.update_post(
        initiative=initiative, user=initiative.started_by, body="Obraźliwy wpis"
    )
    moderation.contribution_hide(
        target=update, moderator=moderator(initiative.centre), reason="Obraźliwe słowa."
    )
    assert "Obraźliwy wpis" not in client.get(initiative.get_absolute_url()).content.decode()


def test_hiding_an_initiative_renews_the_anonymous_copies(
    client, initiative, page_cache_on, committed
):
    url = initiative.get_absolute_url()
    client.get(initiative.index.url)
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    with committed():
        moderation.contribution_hide(
            target=initiative, moderator=moderator(initiative.centre), reason="Reklama."
        )
    assert client.get(url).status_code == 404
    assert initiative.title not in client.get(initiative.index.url).content.decode()


def test_hiding_an_update_renews_the_anonymous_copy_of_the_timeline(
    client, initiative, page_cache_on, committed
):
    with committed():
        update = updates.update_post(
            initiative=initiative, user=initiative.started_by, body="Obraźliwy wpis"
        )
    url = initiative.get_absolute_url()
    client.get(url)
    assert "Obraźliwy wpis" in client.get(url).content.decode()
    with committed():
        moderation.contribution_hide(
            target=update, moderator=moderator(initiative.centre), reason="Obraźliwe słowa."
        )
    assert "Obraźliwy wpis" not in client.get(url).content.decode()
