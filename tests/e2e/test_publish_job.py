"""The page that follows publishing a result (a job on the worker) on a 360 px phone: it fits
the screen and axe-core finds no WCAG 2.1 A/AA violation, while waiting and once published."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from tests.e2e.test_accessibility import WCAG_AA
from tests.e2e.test_staff_phone import TIMEOUT, overflow
from tests.factories_voting import voting_consultation
from tests.voting.results_helpers import cast, close_voting, official_of
from voting.models import PublishJob
from voting.services import publishing, results


@pytest.fixture
def phone(phone_context, live_server):
    page = phone_context.new_page()
    page.set_default_timeout(TIMEOUT)
    yield page
    page.close()


@pytest.fixture
def closed_vote(page_tree):
    consultation, proposals = voting_consultation(page_tree, winners=1)
    cast(consultation, [proposals[0]], [proposals[1]], [proposals[0]])
    close_voting(consultation)
    return consultation, official_of(consultation)


@pytest.mark.parametrize("state", ["queued", "done"])
def test_the_publish_job_page_fits_a_phone_and_has_no_axe_violations(
    phone, phone_context, live_server, closed_vote, state, share_session
):
    consultation, official = closed_vote
    if state == "queued":
        job = PublishJob.objects.create(
            consultation=consultation, requested_by=official, steps_total=results.PUBLISH_STEPS
        )
    else:
        job = publishing.publish_start(consultation=consultation, by=official)
        assert job.state == "done"
    share_session(phone_context, official)
    address = live_server.url + reverse("voting_results:job", args=[job.pk])
    phone.goto(address)
    assert overflow(phone) == 0
    if state == "queued":
        # The page refreshes itself (no JavaScript needed); WCAG 2.2.1 is met by the link that
        # turns the refresh off, which axe cannot see: check the page as that link leaves it.
        phone.locator('a[href$="?refresh=off"]').wait_for()
        phone.goto(address + "?refresh=off")
    report = Axe().run(phone, options=WCAG_AA)
    assert report.violations_count == 0, report.generate_report()
