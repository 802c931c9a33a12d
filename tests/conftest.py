"""Fixtures shared by the whole suite, and the rules for PostgreSQL-only and browser tests."""

import os
import shutil
import time
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test import Client
from django.utils import translation
from wagtail.models import Locale, Page, Site

from tests.factories_proposals import confirmed_user
from tests.s3server import s3_server, s3_storages  # noqa: F401 (fixtures: the local S3 server)

UNDER_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def pytest_collection_modifyitems(config, items):
    on_postgres = connection.vendor == "postgresql"
    has_browser = bool(shutil.which(CHROMIUM))
    for item in items:
        if "browser_name" in item.fixturenames and not item.nodeid.startswith("tests/e2e/"):
            # A test that names an argument "page" (or "browser", "context") gets Playwright's
            # fixtures: pytest then runs it among the browser tests, after their flushes.
            raise pytest.UsageError(f"{item.nodeid}: a Playwright fixture outside tests/e2e")
        if "postgres" in item.keywords and not on_postgres:
            # The PostgreSQL pass of `make test` runs these; see tests/pgcluster.py.
            item.add_marker(pytest.mark.skip(reason="needs PostgreSQL (the second pass)"))
        if "browser" in item.keywords and not has_browser:
            if UNDER_CI:
                item.add_marker(pytest.mark.usefixtures("_fail_without_browser"))
            else:
                reason = f"Chromium not found at {CHROMIUM}: apt-get install chromium"
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Each test starts with an empty cache (remembered page routes included), in the process
    too (config/process_memory.py): the database is rolled back after each test (SQLite
    reuses ids), the in-memory cache is not."""
    from django.core.cache import cache

    from config import process_memory

    cache.clear()
    process_memory.forget_all()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language: a request in English (Accept-Language)
    leaves English active in the thread, and a later test rendering outside a request would
    otherwise speak English."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _one_rate_limit_window(monkeypatch):
    """Rate limits count in fixed windows of wall-clock time (accounts/ratelimit.py): a test
    whose requests straddle a window's edge would see its count start again and miss its 429
    (seen on a loaded machine). Each test runs inside one window; a test that needs time to
    pass patches the clock itself."""
    from accounts import ratelimit

    now = time.time()
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: now))


@pytest.fixture
def page_cache_on(settings):
    """The anonymous page copies (home/page_cache.py); on by default, as in production."""
    settings.MAM_PAGE_CACHE = True


@pytest.fixture
def pages_changed(django_capture_on_commit_callbacks):
    """Factories skip the services, which bump the page copies' versions on commit: a test
    that adds rows with factories between two requests of a page says so through the same
    helper (config.cache_versions.pages_changed)."""
    from config import cache_versions

    def changed(consultation_id=None, *, listings=False):
        with django_capture_on_commit_callbacks(execute=True):
            cache_versions.pages_changed(consultation_id, listings=listings)

    return changed


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Versions are bumped when a change commits: `with committed():` runs those callbacks."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def signed_in_client(db):
    """`signed_in_client(user=None)`: a test client of its own, signed in as `user` (a new
    confirmed resident when none is given)."""

    def sign_in(user=None) -> Client:
        client = Client()
        client.force_login(user or confirmed_user())
        return client

    return sign_in


@pytest.fixture
def two_residents_pages(signed_in_client):
    """`two_residents_pages(url, make=confirmed_user)`: the page at `url` as Anna Wierzbicka
    and then Jan Zieliński see it, each signed in with a client of their own (`make(
    display_name=...)` makes each person): what one person sees must never reach the other."""

    def pages(url, make=confirmed_user) -> tuple[str, str]:
        first = signed_in_client(make(display_name="Anna Wierzbicka")).get(url).text
        second = signed_in_client(make(display_name="Jan Zieliński")).get(url).text
        assert "Anna Wierzbicka" in first and "Anna Wierzbicka" not in second
        assert "Jan Zieliński" in second and "Jan Zieliński" not in first
        return first, second

    return pages


@pytest.fixture
def repeat_queries(django_assert_max_num_queries):
    """`repeat_queries(client, url, most)`: the queries of the second request of `url` (the
    first fills the caches), failing above `most`, and that it answered 200."""

    def count(client, url, most) -> int:
        client.get(url)
        with django_assert_max_num_queries(most) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured)

    return count


@pytest.fixture
def _fail_without_browser():
    pytest.fail(f"Browser tests must run under CI, but {CHROMIUM} is missing")


@pytest.fixture
def root_page(db):
    return Page.objects.get(depth=1)


@pytest.fixture
def home_page(db):
    from home.models import HomePage

    return HomePage.objects.get()


@pytest.fixture
def site(db):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def page_tree(transactional_db):
    """Recreate the tree that migrations made, after a transactional test flushed it."""
    from wagtail.models import Collection

    from home.models import HomePage

    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    if not Page.objects.filter(depth=1).exists():
        locale = Locale.objects.get_or_create(language_code="pl")[0]
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    root = Page.objects.get(depth=1)
    home = HomePage.objects.first()
    if home is None:
        home = root.add_child(instance=HomePage(title="MAM", slug="home"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "MAM"},
    )
    return home
