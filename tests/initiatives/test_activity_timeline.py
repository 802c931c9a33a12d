"""One selector for the activities linked to an initiative, used by the page, the action check
and the API; each linked meeting is shown once on the page: a coming one in "Meetings at the
centre", a held one in the timeline, merged by date; what the group did is listed once, in its
own section (issue #16)."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from initiatives import selectors, views
from initiatives.services import actions, updates
from tests.factories_events import activity
from tests.initiatives.helpers import running
from tests.initiatives.test_pages import count_queries

pytestmark = pytest.mark.django_db


def _at(days: int, hour: int = 17) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def test_action_check_and_page_read_the_same_selector():
    assert actions.linked_activity_ids is selectors.linked_activity_ids
    assert views.linked_activities.__module__.startswith("initiatives.views")


def test_selector_gives_the_ids_of_the_linked_activities(index):
    initiative = running(index)
    meeting = activity(index.centre, starts_at=_at(3), initiative=initiative)
    activity(index.centre, starts_at=_at(3))
    assert selectors.linked_activity_ids(initiative) == {meeting.pk}


def _record_letter(initiative):
    actions.action_record(
        initiative=initiative,
        user=initiative.started_by,
        kind="letter",
        title="List do prezydenta",
        date=timezone.localdate() - datetime.timedelta(days=20),
    )


def test_timeline_merges_updates_and_held_meetings_newest_first(client, index):
    initiative = running(index)
    updates.update_post(
        initiative=initiative, user=initiative.started_by, body="Zebraliśmy podpisy", now=_at(-5)
    )
    activity(index.centre, title="Spotkanie pierwsze", starts_at=_at(-10), initiative=initiative)
    activity(index.centre, title="Spotkanie drugie", starts_at=_at(-2), initiative=initiative)
    page = client.get(initiative.get_absolute_url()).content.decode()
    timeline = page[page.index('id="updates-title"') :]
    order = ["Spotkanie drugie", "Zebraliśmy podpisy", "Spotkanie pierwsze"]
    positions = [timeline.index(text) for text in order]
    assert positions == sorted(positions)


def test_a_coming_meeting_is_shown_once_in_the_meetings_section(client, index):
    initiative = running(index)
    activity(index.centre, title="Spotkanie wkrótce", starts_at=_at(4), initiative=initiative)
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert page.count("Spotkanie wkrótce") == 1
    assert "Spotkanie wkrótce" in page[page.index('id="meetings-title"') :]
    assert "Spotkanie wkrótce" not in page[page.index('id="updates-title"') :]


def test_a_held_meeting_is_shown_once_in_the_timeline(client, index):
    initiative = running(index)
    activity(index.centre, title="Spotkanie minione", starts_at=_at(-3), initiative=initiative)
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert page.count("Spotkanie minione") == 1
    assert 'id="meetings-title"' not in page
    assert "Spotkanie minione" in page[page.index('id="updates-title"') :]


def test_an_action_is_listed_once_on_the_page(client, index):
    initiative = running(index)
    _record_letter(initiative)
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert page.count("List do prezydenta") == 1
    listed = page[page.index('id="actions-title"') : page.index('id="updates-title"')]
    assert "List do prezydenta" in listed


def test_the_timeline_has_no_action_entries(index):
    initiative = running(index)
    _record_letter(initiative)
    initiative = selectors.initiative_for(index, initiative.pk, None, organiser=True)
    timeline = selectors.initiative_timeline(initiative, {})
    assert [entry["kind"] for entry in timeline] == []


def test_api_detail_lists_linked_activities_with_title_start_and_url(index):
    initiative = running(index)
    meeting = activity(index.centre, title="Spotkanie", starts_at=_at(4), initiative=initiative)
    body = APIClient().get(f"/api/v1/initiatives/{initiative.pk}/").json()
    [row] = body["activities"]
    assert row["title"] == "Spotkanie"
    assert row["url"].startswith("http") and row["url"].endswith(meeting.url)
    assert row["starts_at"].startswith(_at(4).date().isoformat())


def test_api_detail_query_count_does_not_grow_with_linked_activities(
    index, django_assert_max_num_queries
):
    initiative = running(index)
    activity(index.centre, starts_at=_at(3), initiative=initiative)
    api, url = APIClient(), f"/api/v1/initiatives/{initiative.pk}/"
    one = count_queries(api, url, django_assert_max_num_queries, 20)
    for days in (2, 5, -3, -6):
        activity(index.centre, starts_at=_at(days), initiative=initiative)
    assert count_queries(api, url, django_assert_max_num_queries, 20) == one
