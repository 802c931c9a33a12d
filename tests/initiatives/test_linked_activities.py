"""The centre's activities linked to an initiative show on its page (through events' hook)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from events import selectors
from initiatives.services.actions import action_record
from tests.factories_events import activity
from tests.initiatives.helpers import running
from tests.initiatives.test_pages import count_queries

pytestmark = pytest.mark.django_db


def _at(days: int, hour: int = 17) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def test_upcoming_linked_activity_is_listed_with_its_link(client, index):
    initiative = running(index)
    meeting = activity(index.centre, title="Spotkanie o podwórku", starts_at=_at(5))
    meeting.initiative_id = initiative.pk
    meeting.save()
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "Spotkanie o podwórku" in page
    assert f'href="{meeting.url}"' in page


def test_past_linked_activity_is_listed_as_held(client, index):
    initiative = running(index)
    activity(index.centre, title="Pierwsze spotkanie", starts_at=_at(-10), initiative=initiative)
    coming, past = selectors.initiative_dates(initiative.pk)
    assert coming == []
    assert [o.activity.title for o in past] == ["Pierwsze spotkanie"]
    assert "Pierwsze spotkanie" in client.get(initiative.get_absolute_url()).content.decode()


def test_activity_not_linked_is_not_listed(client, index):
    initiative = running(index)
    other = running(index, title="Inna grupa")
    activity(index.centre, title="Cudze spotkanie", starts_at=_at(5), initiative=other)
    activity(index.centre, title="Zwykłe warsztaty", starts_at=_at(5))
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "Cudze spotkanie" not in page
    assert "Zwykłe warsztaty" not in page


def test_unpublished_linked_activity_is_not_listed(client, index):
    initiative = running(index)
    draft = activity(index.centre, title="Szkic spotkania", starts_at=_at(5), initiative=initiative)
    draft.unpublish()
    assert "Szkic spotkania" not in client.get(initiative.get_absolute_url()).content.decode()


def test_detail_query_count_does_not_grow_with_linked_activities(
    client, index, django_assert_max_num_queries
):
    initiative = running(index)
    activity(index.centre, starts_at=_at(3), initiative=initiative)
    activity(index.centre, starts_at=_at(-3), initiative=initiative)
    url = initiative.get_absolute_url()
    one = count_queries(client, url, django_assert_max_num_queries, 25)
    for days in (4, 6, -5, -8):
        activity(index.centre, starts_at=_at(days), initiative=initiative)
    activity(index.centre, starts_at=_at(2), recurrence="FREQ=WEEKLY", initiative=initiative)
    many = count_queries(client, url, django_assert_max_num_queries, 25)
    assert one == many


def test_publishing_a_linked_activity_renews_the_anonymous_copy(client, index, settings, committed):
    """Publishing any page renews every copy (home.chrome bumps its version): no own hook."""
    settings.MAM_PAGE_CACHE = True  # as in production: anonymous visitors get page copies
    initiative = running(index)
    url = initiative.get_absolute_url()
    assert "Nowe spotkanie" not in client.get(url).content.decode()
    meeting = activity(index.centre, title="Nowe spotkanie", starts_at=_at(5))
    client.get(url)  # a copy made after the page exists, before it names the initiative
    meeting.initiative_id = initiative.pk
    with committed():
        meeting.save_revision().publish()
    assert "Nowe spotkanie" in client.get(url).content.decode()


def _action_url(initiative) -> str:
    return initiative.get_absolute_url() + "dzialania/nowe/"


def test_a_recorded_meeting_links_to_the_groups_activity_at_the_centre(client, index):
    initiative = running(index)
    meeting = activity(
        index.centre, title="Spotkanie sąsiedzkie", starts_at=_at(-2), initiative=initiative
    )
    client.force_login(initiative.started_by)
    form = client.get(_action_url(initiative)).content.decode()
    assert "Spotkanie sąsiedzkie" in form  # offered among the group's dates
    answer = client.post(
        _action_url(initiative),
        {
            "kind": "meeting",
            "title": "Spotkaliśmy się",
            "date": "2026-11-30",
            "activity": meeting.pk,
        },
    )
    assert answer.status_code == 302
    assert initiative.actions.get().activity_id == meeting.pk
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert f'<a href="{meeting.url}">Spotkanie sąsiedzkie</a>' in page


def test_an_activity_of_another_group_cannot_be_named_by_the_service(index):
    initiative = running(index)
    theirs = activity(index.centre, starts_at=_at(-2), initiative=running(index, title="Inna"))
    with pytest.raises(ValidationError) as refused:
        action_record(
            initiative=initiative,
            user=initiative.started_by,
            kind="meeting",
            title="Spotkanie",
            date=timezone.localdate(),
            activity_id=theirs.pk,
        )
    assert "activity" in refused.value.message_dict


def test_the_action_form_offers_no_activity_when_the_group_has_none(client, index):
    initiative = running(index)
    client.force_login(initiative.started_by)
    assert 'name="activity"' not in client.get(_action_url(initiative)).content.decode()
