"""The values an anonymous copy reads on every request, kept unpickled in the process
(config/process_memory.py): never past their deadline, never while the versions are unknown,
bounded, and handed to each request as private copies of the kept instances."""

import datetime

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import Page

from config import process_memory
from home import chrome
from tests.factories import CentrePageFactory, ContentPageFactory

pytestmark = pytest.mark.django_db


def _request(path="/"):
    return RequestFactory().get(path, HTTP_HOST="localhost")


def _later(monkeypatch, seconds):
    moment = timezone.now() + datetime.timedelta(seconds=seconds)
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_a_value_read_from_the_shared_cache_is_kept_until_its_deadline(monkeypatch):
    cache.set("mam:test", {"lapse": process_memory.lapse_in(60)}, 300)
    assert process_memory.read("mam:test", deadline=lambda v: v["lapse"]) is not None
    cache.delete("mam:test")
    assert process_memory.read("mam:test", deadline=lambda v: v["lapse"]) is not None
    _later(monkeypatch, 61)
    assert process_memory.read("mam:test", deadline=lambda v: v["lapse"]) is None


def test_nothing_is_kept_while_the_versions_in_its_key_are_unknown():
    cache.set("mam:test", process_memory.lapse_in(60), 300)
    process_memory.read("mam:test", deadline=float, versions_known=False)
    cache.delete("mam:test")
    assert process_memory.read("mam:test", deadline=float) is None


def test_the_memory_is_emptied_when_full(monkeypatch):
    monkeypatch.setattr(process_memory, "MAX_ENTRIES", 2)
    for key in ("mam:a", "mam:b", "mam:c"):
        process_memory.keep(key, key, until=process_memory.lapse_in(60))
    assert process_memory.recall("mam:a") is None
    assert process_memory.recall("mam:c") == "mam:c"


def test_a_routed_page_is_a_private_copy_for_each_request(home_page):
    page = ContentPageFactory(parent=CentrePageFactory(parent=home_page), title="Pierwsza")
    first = _request(page.url)
    chrome.site_for_request(first)
    found = Page.route_for_request(first, page.url)[0]
    found.title = "Zmieniona w żądaniu"
    found.remembered_by_the_request = True
    second = _request(page.url)
    chrome.site_for_request(second)
    again = Page.route_for_request(second, page.url)[0]
    third = _request(page.url)
    chrome.site_for_request(third)
    once_more = Page.route_for_request(third, page.url)[0]
    assert once_more is not again
    assert again.title == once_more.title == "Pierwsza"
    assert not hasattr(again, "remembered_by_the_request")


def test_a_sites_root_page_is_a_private_copy_for_each_request(home_page):
    for _ in range(2):  # the first stores the site, the second keeps what it read
        chrome.site_for_request(_request())
    first, second = _request(), _request()
    one, other = chrome.site_for_request(first), chrome.site_for_request(second)
    assert one is not other
    assert one.root_page is not other.root_page
    assert one.root_page.specific is not other.root_page.specific
    one.root_page.specific.title = "Zmieniona w żądaniu"
    assert other.root_page.specific.title == home_page.title
    assert chrome.site_for_request(_request()).root_page.specific.title == home_page.title


def test_a_private_copy_keeps_a_related_row_read_by_a_request_to_itself(home_page):
    site = chrome.site_for_request(_request())
    process_memory.keep("mam:site-test", site, until=process_memory.lapse_in(60))
    kept = process_memory.recall("mam:site-test")
    copy = process_memory.private_copy(kept)
    copy._state.fields_cache["root_page"] = None
    assert kept._state.fields_cache["root_page"] is not None


def test_the_memory_is_emptied_when_its_values_weigh_too_much(monkeypatch):
    monkeypatch.setattr(process_memory, "MAX_BYTES", 800)
    lapse = process_memory.lapse_in(60)
    process_memory.keep("mam:a", "a", until=lapse, weight=60)
    process_memory.keep("mam:b", "b", until=lapse, weight=60)
    process_memory.keep("mam:too-big", "c", until=lapse, weight=101)  # over an eighth: never
    process_memory.keep("mam:c", "c", until=lapse, weight=90)
    assert process_memory.recall("mam:too-big") is None
    assert process_memory.recall("mam:a") == "a"
    process_memory.keep("mam:d", "d", until=lapse, weight=100)
    for key in "efghi":
        process_memory.keep(f"mam:{key}", key, until=lapse, weight=100)
    assert process_memory.recall("mam:a") is None  # emptied once the total passed 800
    assert process_memory.recall("mam:i") == "i"
