"""Playwright against the live test server, with Debian's Chromium (never a downloaded one)."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.conftest import CHROMIUM

# Playwright's sync API runs an event loop in the test thread; Django must allow the ORM there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "a-long-test-password"  # tests.factories.UserFactory's
ARTIFACTS = Path(os.environ.get("MAM_TEST_ARTIFACTS", "test-artifacts"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "e2e" in item.nodeid.split("::")[0]:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def phone_context(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="pl-PL")
    yield context
    context.close()


@pytest.fixture
def screenshot(request):
    """Save a full-page screenshot as a CI artefact (looked at, never compared)."""

    def take(page, name):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=ARTIFACTS / f"{request.node.name}-{name}.png", full_page=True)

    return take


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def narrow_context(request, browser):
    """A 320 px phone; "no-js" loads none of the site's scripts.

    Playwright's own evaluation (axe, the width check) hangs where JavaScript is switched off,
    so the browser keeps it and the page's script files are refused instead.
    """
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="pl-PL")
    if not request.param:
        context.route(
            "**/*",
            lambda route: (
                route.abort() if route.request.resource_type == "script" else route.continue_()
            ),
        )
    yield context
    context.close()


@pytest.fixture
def share_session(live_server):
    """`share_session(context, user)`: the browser context gets `user`'s session, signed in
    through Django's test client (the sign-in form has its own tests, through `sign_in`)."""

    def share(context, user):
        client = Client()
        client.force_login(user)
        name = settings.SESSION_COOKIE_NAME
        cookie = {"name": name, "value": client.cookies[name].value, "url": live_server.url}
        context.add_cookies([cookie])
        return context

    return share


@pytest.fixture
def sign_in():
    """Sign in through the site's form: `sign_in(page, base_url, email, password=...)`."""

    def sign_in(page, base, email, password=None):
        page.goto(base + "/accounts/login/")
        page.fill("#id_login", email)
        page.fill("#id_password", password or PASSWORD)
        with page.expect_navigation():
            page.locator("main form:has(#id_login) button[type=submit]").last.click()
        assert "/accounts/login/" not in page.url

    return sign_in
