"""axe-core finds no WCAG 2.1 A/AA violation on the implementation's public pages, at 360 px,
with and without JavaScript: the consultation's funded projects, a project's record with its
timeline, and the centre's overview across the years' votes."""

from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone

from implementation import services
from implementation.models import Status
from proposals.models import Follow, Proposal
from tests.factories_proposals import ProposalFactory, confirmed_user, open_consultation
from tests.implementation.conftest import make_official
from voting.models import ResultSnapshot

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def built(page_tree):
    from wagtail.models import Collection

    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    consultation = open_consultation(page_tree, current="discussion")
    ResultSnapshot.objects.create(
        consultation=consultation,
        method="approval",
        code_version="test",
        ballots_checksum="0" * 64,
        csv_checksum="0" * 64,
        figures={},
        ballots={},
        published_at=timezone.now(),
    )
    official = make_official(consultation.centre)
    author = confirmed_user()
    records = []
    for n, title in enumerate(["Plac zabaw przy Lwowskiej", "Chodnik na Zawadzie"]):
        proposal = ProposalFactory(
            consultation=consultation,
            author=author,
            title=title,
            status=Proposal.Status.SELECTED,
            estimated_cost=Decimal("50000"),
            latitude=Decimal("49.62") + n,
            longitude=Decimal("20.69"),
        )
        Follow.objects.get_or_create(proposal=proposal, user=author)
        records.append(services.implementation_create(proposal=proposal, by=official))
    services.implementation_update(
        record=records[1],
        by=official,
        status=Status.DELAYED,
        reason="Przetarg unieważniony.",
        percent_done=20,
        money_planned=Decimal("50000"),
        money_spent=Decimal("1200.50"),
        department=None,
    )
    return consultation, records


def _axe(page):
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


@pytest.fixture(params=[True, False], ids=["with-js", "without-js"])
def phone(browser, request):
    """A 360 px wide page, with and without the site's JavaScript. Without it, the page's
    scripts are refused by the browser (axe itself needs JavaScript to run, so the context
    keeps it on: a context with JavaScript off never answers axe's evaluate)."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="pl-PL")
    if not request.param:
        context.route("**/*.js", lambda route: route.abort())
    yield context.new_page()
    context.close()


@pytest.mark.django_db(transaction=True)
def test_implementation_list_has_no_wcag_aa_violations(built, live_server, phone):
    consultation, _records = built
    page = phone
    url = live_server.url + consultation.sub_url("implementation_list")
    assert page.goto(url).status == 200
    assert page.get_by_text("Chodnik na Zawadzie").count() >= 1
    _axe(page)
    assert page.goto(url + "?status=delayed").status == 200
    _axe(page)


@pytest.mark.django_db(transaction=True)
def test_proposal_record_has_no_wcag_aa_violations(built, live_server, phone):
    _consultation, records = built
    page = phone
    url = live_server.url + records[1].proposal.get_absolute_url()
    assert page.goto(url).status == 200
    assert page.locator("#implementation-title").count() == 1
    _axe(page)


@pytest.mark.django_db(transaction=True)
def test_centre_overview_has_no_wcag_aa_violations(built, live_server, phone):
    consultation, _records = built
    page = phone
    url = live_server.url + reverse("implementation:overview", args=[consultation.centre.slug])
    assert page.goto(url).status == 200
    _axe(page)
