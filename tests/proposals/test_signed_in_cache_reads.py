"""A signed-in proposal page reads the shared cache a fixed, small number of times: every
round trip to Redis costs each request, so the count cannot creep up unnoticed."""

import contextlib

import pytest
from django.core.cache import caches
from django.test import Client

from tests.factories_proposals import ProposalFactory, confirmed_user, open_consultation

pytestmark = pytest.mark.django_db

METHODS = ("get", "get_many", "set", "set_many", "add", "incr", "delete", "has_key", "touch")
# Once the process has served the address (config/read_ahead.py): one get_many for the
# session, every shared key the last visit read (the chrome and content versions, the
# site, Wagtail's site root paths, the filters and cards, the menu, breadcrumbs, footer and
# the permissions' version) and the person's own email check and permissions that the
# session's last visit read (12 before; 4 before the personal keys were read ahead).
# In-memory, Wagtail's site root paths (kept under another key version) take a second
# get_many; Redis reads both versions in one MGET (config.cache.ReadAheadRedisCache).
LIST_ROUND_TRIPS = 2


@contextlib.contextmanager
def round_trips(monkeypatch):
    """The calls that reach the cache's store, not counting those a backend makes inside
    another (locmem's get_many calls get for each key; Redis answers it in one round trip);
    reads answered from the request's read-ahead (config/read_ahead.py) reach no store."""
    backend = type(caches["default"]).__mro__[-3]  # the store under ReadAheadMixin
    assert backend.__module__.startswith("django.core.cache.backends"), backend
    calls = []
    depth = [0]

    def counted(name, original):
        def call(*args, **kwargs):
            if depth[0] == 0:
                calls.append((name, args[1] if len(args) > 1 else None))
            depth[0] += 1
            try:
                return original(*args, **kwargs)
            finally:
                depth[0] -= 1

        return call

    for name in METHODS:
        monkeypatch.setattr(backend, name, counted(name, getattr(backend, name)))
    yield calls


def test_a_signed_in_list_request_makes_a_fixed_number_of_cache_round_trips(home_page, monkeypatch):
    consultation = open_consultation(home_page, current="proposals")
    for number in range(3):
        ProposalFactory(consultation=consultation, title=f"Propozycja {number}")
    url = consultation.url + consultation.reverse_subpage("proposal_list")
    client = Client()
    client.force_login(confirmed_user())
    client.get(url)  # the first visit fills the fragments, permissions and email check
    with round_trips(monkeypatch) as calls:
        response = client.get(url)
    assert response.status_code == 200
    assert len(calls) == LIST_ROUND_TRIPS, calls


def test_a_signed_in_detail_request_makes_as_few_cache_round_trips_as_the_list(
    home_page, monkeypatch
):
    consultation = open_consultation(home_page, current="proposals")
    proposal = ProposalFactory(consultation=consultation)
    url = consultation.url + consultation.reverse_subpage(
        "proposal_detail", kwargs={"pk": proposal.pk}
    )
    client = Client()
    client.force_login(confirmed_user())
    client.get(url)
    with round_trips(monkeypatch) as calls:
        response = client.get(url)
    assert response.status_code == 200
    assert len(calls) == LIST_ROUND_TRIPS, calls


def test_the_menu_is_shown_twice_in_the_header_from_one_cache_read(home_page, monkeypatch):
    client = Client()
    client.force_login(confirmed_user())
    client.get(home_page.url)
    with round_trips(monkeypatch) as calls:
        html = client.get(home_page.url).content.decode()
    assert html.count('<nav class="primary-nav"') == 2
    assert sum(1 for _name, key in calls if "primary_nav" in str(key)) == 1
