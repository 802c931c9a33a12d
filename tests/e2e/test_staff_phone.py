"""Officials on a 360 px phone: the admin screens they use fit the screen and read clearly."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from accounts import roles
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_consultations import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    with_phases,
)
from tests.factories_proposals import ProposalFactory
from tests.outcomes.test_report import finished_budget

TIMEOUT = 15_000
CONTRAST = {"runOnly": {"type": "rule", "values": ["color-contrast"]}}


def official_of(centre):
    user = UserFactory()
    user.groups.add(roles.centre_groups_ensure(centre)[roles.OFFICIAL])
    return user


CLIPPED = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.offsetParent !== null || getComputedStyle(e).position === 'fixed')
  .filter(e => {
    const box = e.getBoundingClientRect();
    return box.width > 0 && (box.left < -1 || box.right > document.documentElement.clientWidth + 1);
  })
  .map(e => `${e.tagName}.${e.className}`)"""


def clipped(page) -> list[str]:
    """The elements that stick out of the screen (hidden or cut off when overflow is hidden)."""
    return page.evaluate(CLIPPED)


def overflow(page) -> int:
    """How many pixels the page is wider than the screen (0: no sideways scrolling)."""
    return page.evaluate(
        "Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - document.documentElement.clientWidth"
    )


@pytest.fixture
def centre(page_tree):
    return CentrePageFactory(parent=page_tree, slug="nowy-sacz", title="MAM Nowy Sącz")


@pytest.fixture
def proposal(centre):
    index = ConsultationIndexPageFactory(parent=centre)
    consultation = with_phases(ConsultationPageFactory(parent=index), current="discussion")
    return ProposalFactory(
        consultation=consultation, title="Kosze na śmieci przy przystanku Lwowska i na Plantach"
    )


@pytest.fixture
def phone(phone_context, live_server):
    page = phone_context.new_page()
    page.set_default_timeout(TIMEOUT)
    yield page
    page.close()  # before the database is flushed under the live server


def test_cancel_on_the_status_form_has_enough_contrast(
    phone, phone_context, live_server, proposal, share_session
):
    share_session(phone_context, official_of(proposal.consultation.centre))
    phone.goto(live_server.url + reverse("mam_proposals:status", args=[proposal.pk]))
    phone.get_by_role("link", name="Anuluj").wait_for()
    results = Axe().run(phone, context="footer", options=CONTRAST)
    assert results.violations_count == 0, results.generate_report()


def test_the_proposals_listing_keeps_titles_readable(
    phone, phone_context, live_server, proposal, share_session
):
    share_session(phone_context, official_of(proposal.consultation.centre))
    phone.goto(live_server.url + reverse("mam_proposals:index"))
    title = phone.get_by_role("link", name=proposal.title)
    assert title.bounding_box()["width"] >= 120  # 45 px before: a word or two per line
    assert overflow(phone) == 0  # the table scrolls within itself, the page does not


def test_the_council_report_does_not_scroll_sideways(
    phone, phone_context, live_server, page_tree, share_session
):
    consultation, _items, official, _snapshot = finished_budget(page_tree)
    share_session(phone_context, official)
    phone.goto(live_server.url + reverse("outcomes_report:html", args=[consultation.pk]))
    assert overflow(phone) == 0


def test_wagtails_not_found_page_fits_a_phone(
    phone, phone_context, live_server, centre, share_session
):
    share_session(phone_context, official_of(centre))
    response = phone.goto(live_server.url + "/admin/nie-ma-takiej-strony/")
    assert response.status == 404
    assert clipped(phone) == []
