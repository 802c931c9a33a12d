"""The public pages: the list and an initiative's page, with fixed query counts."""

import pytest
from django.utils import timezone

from initiatives.services import actions, membership, needs, updates
from tests.factories_proposals import confirmed_user
from tests.initiatives.helpers import running, started

pytestmark = pytest.mark.django_db


def grow(initiative, n):
    for step in range(n):
        membership.initiative_join(
            initiative=initiative, user=confirmed_user(), kind="member", show_name=True
        )
        needs.need_post(
            initiative=initiative, user=initiative.started_by, title=f"Zadanie {step}", wanted=3
        )
        updates.update_post(initiative=initiative, user=initiative.started_by, body=f"Wpis {step}")
        actions.action_record(
            initiative=initiative,
            user=initiative.started_by,
            kind="meeting",
            title=f"Spotkanie {step}",
            date=timezone.localdate(),
        )


def count_queries(client, url, django_assert_max_num_queries, limit):
    """The queries of a warm request (the first one also fills per-process caches)."""
    client.get(url)
    with django_assert_max_num_queries(limit) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_list_shows_public_initiatives_only(client, index):
    running(index, title="Widoczna")
    started(index, title="Czeka na ocenę")
    page = client.get(index.url).content.decode()
    assert "Widoczna" in page
    assert "Czeka na ocenę" not in page


def test_list_query_count_does_not_grow(client, index, django_assert_max_num_queries):
    running(index)
    one = count_queries(client, index.url, django_assert_max_num_queries, 20)
    for _n in range(4):
        running(index)
    many = count_queries(client, index.url, django_assert_max_num_queries, 20)
    assert one == many


def test_detail_query_count_does_not_grow(client, index, django_assert_max_num_queries):
    initiative = running(index)
    grow(initiative, 1)
    url = initiative.get_absolute_url()
    one = count_queries(client, url, django_assert_max_num_queries, 25)
    grow(initiative, 5)
    many = count_queries(client, url, django_assert_max_num_queries, 25)
    assert one == many


def test_signed_in_detail_query_count_does_not_grow(client, index, django_assert_max_num_queries):
    initiative = running(index)
    grow(initiative, 1)
    client.force_login(initiative.started_by)
    url = initiative.get_absolute_url()
    one = count_queries(client, url, django_assert_max_num_queries, 30)
    grow(initiative, 5)
    many = count_queries(client, url, django_assert_max_num_queries, 30)
    assert one == many


def test_anonymous_copy_is_renewed_after_a_join(client, index, page_cache_on, committed):
    initiative = running(index)
    url = initiative.get_absolute_url()
    assert (
        "1 członek" in client.get(url).content.decode()
        or "1 member" in client.get(url).content.decode()
    )
    with committed():
        membership.initiative_join(initiative=initiative, user=confirmed_user(), kind="member")
    page = client.get(url).content.decode()
    assert "2 członków" in page or "2 members" in page
