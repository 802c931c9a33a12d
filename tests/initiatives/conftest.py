"""Fixtures shared by the initiatives' tests."""

import pytest

from tests.initiatives.helpers import centre_with_index


@pytest.fixture
def index(home_page, settings):
    """A centre's initiatives index, with the anonymous page copies off: the tests count and
    read what each page itself does."""
    settings.MAM_PAGE_CACHE = False
    return centre_with_index(home_page)[1]
