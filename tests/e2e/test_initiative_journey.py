"""Issue 16's "Done when", walked as people would in one browser run: a new resident starts an
initiative from the centre's list, the organiser publishes it in the admin, two neighbours
join and one signs up for a need, the coordinator's update reaches them by email, the group
prepares and publishes a draft council resolution (art. 41a), prints its signature sheets,
two staff members each enter two returned sheets' counts, progress shows against the 300
threshold, the filing is recorded and the 3-month deadline shows on the public timeline; a
neighbour pledges hours of work to the group's local initiative application, and the
application printed as PDF carries the group's own contribution and that pledge.

Steps other e2e files already take the same way are set up with the test helpers instead:
the committee's consents (test_petitions.py) and filling in the application's sections
(test_local_initiative.py). Axe runs on the public pages this journey visits first."""

import datetime
import io

import pytest
from allauth.account.models import EmailAddress
from axe_playwright_python.sync_playwright import Axe
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from initiatives.models import Initiative, InitiativeIndexPage, Membership, NeedSignUp, Petition
from tests.factories import CentrePageFactory
from tests.initiatives.helpers import organiser, resident
from tests.initiatives.local_helpers import ready
from tests.initiatives.petition_helpers import committee

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
SUBMIT = "main form button[type=submit]"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def index(page_tree):
    centre = CentrePageFactory(parent=page_tree, slug="nowy-sacz", title="MAM Nowy Sącz")
    index = InitiativeIndexPage(title="Inicjatywy mieszkańców", slug="inicjatywy")
    centre.add_child(instance=index)
    return index


def check(page, screenshot, name):
    screenshot(page, name)
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


def submit(page, selector=SUBMIT):
    with page.expect_navigation():
        page.locator(selector).last.click()


def start_initiative(page, base, index, screenshot):
    page.goto(base + index.url)
    check(page, screenshot, "list")
    with page.expect_navigation():
        page.locator(f"main a[href$='{index.url}nowa/']").first.click()
    page.fill("#id_title", "Maszt z dala od szkoły")
    page.fill("#id_issue", "Operator chce postawić maszt 40 m od szkoły przy ul. Zielonej.")
    page.fill("#id_goal", "Chcemy, żeby rada ustaliła zasady lokalizacji masztów.")
    page.fill("#id_place", "ul. Zielona 3, przy Szkole Podstawowej nr 5")
    page.check("#id_show_name")
    submit(page)
    return Initiative.objects.get(title="Maszt z dala od szkoły")


def confirmed_organiser(centre):
    user = organiser(centre)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def staff_page(browser, sign_in, base, user):
    context = browser.new_context(locale="pl-PL")
    page = context.new_page()
    page.set_default_timeout(8000)
    sign_in(page, base, user.email)
    return context, page


def join(browser, sign_in, base, initiative, neighbour, need=None):
    context = browser.new_context(locale="pl-PL")
    try:
        page = context.new_page()
        sign_in(page, base, neighbour.email)
        page.goto(base + initiative.get_absolute_url())
        page.check("input[name=kind][value=member]")
        with page.expect_navigation():
            page.get_by_role("button", name="Włącz się").click()
        if need:
            with page.expect_navigation():
                page.get_by_role("button", name=f"Zapisz się: {need}").click()
    finally:
        context.close()


def prepare_and_publish(page, base, initiative):
    index = initiative.index
    page.goto(base + index.sub_url("petition_edit", pk=initiative.pk))
    page.check("input[name=kind][value=resolution]")
    page.check("input[name=addressee][value=council]")
    page.fill("#id_title", "Uchwała w sprawie lokalizacji masztów z dala od szkół")
    page.fill("#id_text", "§ 1. Rada Miasta ustala strefę 500 m wokół szkół bez masztów.")
    submit(page)
    page.goto(base + index.sub_url("petition", pk=initiative.pk))
    publish = index.sub_url("petition_publish", pk=initiative.pk)
    with page.expect_navigation():  # the page that says what publishing does
        page.locator(f"main a[href$='{publish}']").click()
    with page.expect_navigation():
        page.locator(f"main form[action$='{publish}'] button[type=submit]").click()
    return Petition.objects.get(initiative=initiative)


def print_sheets(page, base, initiative):
    page.goto(base + initiative.index.sub_url("petition_sheets", pk=initiative.pk))
    page.fill("#id_count", "2")
    with page.expect_download() as download:
        page.locator(SUBMIT).last.click()
    with open(download.value.path(), "rb") as pdf:
        return PdfReader(io.BytesIO(pdf.read()))


def enter_counts(page, base, petition, counts):
    for number, count in counts.items():
        page.goto(base + reverse("mam_petitions:manage", args=[petition.pk]))
        page.fill("#id_number", str(number))
        page.fill("#id_count", str(count))
        submit(page, "main form button[type=submit]")


def pledge(browser, sign_in, base, application, neighbour):
    context = browser.new_context(locale="pl-PL")
    try:
        page = context.new_page()
        sign_in(page, base, neighbour.email)
        page.goto(base + application.get_absolute_url())
        form = page.locator("main form[action$='/wklad/']")
        form.locator("input[name=kind][value=work]").check()
        form.locator("input[name=hours]").fill("12")
        with page.expect_navigation():
            form.get_by_role("button", name="Deklaruję").click()
    finally:
        context.close()


@pytest.mark.django_db(transaction=True)
def test_residents_take_their_cause_to_the_council(
    sign_in, index, live_server, browser, phone_context, screenshot
):
    base = live_server.url
    starter = resident(index.centre)
    first, second = resident(index.centre), resident(index.centre)
    staff = confirmed_organiser(index.centre), confirmed_organiser(index.centre)
    page = phone_context.new_page()
    page.set_default_timeout(8000)
    sign_in(page, base, starter.email)
    initiative = start_initiative(page, base, index, screenshot)
    assert initiative.state == Initiative.State.PENDING

    admin, admin_page = staff_page(browser, sign_in, base, staff[0])
    admin_page.goto(base + reverse("mam_initiatives:review", args=[initiative.pk]))
    admin_page.check("input[name=decision][value=approve]")
    submit(admin_page)
    initiative.refresh_from_db()
    assert initiative.state == Initiative.State.ACTIVE

    page.goto(base + initiative.index.sub_url("need_create", pk=initiative.pk))
    page.fill("#id_title", "Ulotki w sobotę")
    page.fill("#id_wanted", "5")
    submit(page)
    page.goto(base + initiative.get_absolute_url())
    check(page, screenshot, "initiative")
    join(browser, sign_in, base, initiative, first, need="Ulotki w sobotę")
    join(browser, sign_in, base, initiative, second)
    assert Membership.objects.filter(initiative=initiative, kind="member").count() == 3
    assert NeedSignUp.objects.get().user == first

    mail.outbox.clear()
    page.goto(base + initiative.index.sub_url("update_create", pk=initiative.pk))
    page.fill("#id_body", "W czwartek spotkanie z dyrekcją szkoły.")
    submit(page)
    reached = {address for message in mail.outbox for address in message.to}
    assert {first.email, second.email} <= reached

    committee_people = committee(initiative, size=5, show_name=True)
    assert len(committee_people) == 5
    petition = prepare_and_publish(page, base, initiative)
    assert petition.state == Petition.State.OPEN
    sheets = print_sheets(page, base, initiative)
    assert len(sheets.pages) == 2
    assert "Arkusz nr 2" in sheets.pages[1].extract_text()

    enter_counts(admin_page, base, petition, {1: 15, 2: 12})
    petition.refresh_from_db()
    assert petition.paper_signatures == 0  # a sheet counts once a second person agrees
    admin.close()
    admin, admin_page = staff_page(browser, sign_in, base, staff[1])
    enter_counts(admin_page, base, petition, {1: 15, 2: 12})
    petition.refresh_from_db()
    assert petition.paper_signatures == 27
    page.goto(base + initiative.index.sub_url("petition", pk=initiative.pk))
    check(page, screenshot, "petition")
    progress = page.locator("main").inner_text()
    assert "27" in progress and "300" in progress

    filed_on = timezone.localdate() - datetime.timedelta(days=1)
    admin_page.goto(base + reverse("mam_petitions:file", args=[petition.pk]))
    admin_page.fill("#id_filed_on", filed_on.isoformat())
    admin_page.check("#id_below_threshold_confirmed")
    submit(admin_page)
    admin.close()
    petition.refresh_from_db()
    assert petition.state == Petition.State.FILED
    deadline = (filed_on + relativedelta(months=3)).isoformat()
    page.goto(base + initiative.get_absolute_url())
    timeline = page.locator(f"main time[datetime='{deadline}']")
    assert timeline.count() == 1
    assert "3 miesiące" in timeline.locator("xpath=..").inner_text()
    screenshot(page, "timeline")

    application = ready(initiative)
    pledge(browser, sign_in, base, application, first)
    response = page.request.get(base + index.sub_url("local_pdf", pk=application.pk))
    assert response.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    assert "Sadzenie i podlewanie" in text
    assert "1 200,00" in text.replace("\xa0", " ")  # 40 hours of social work × 30 PLN
    pledged = text[text.index("Dotąd zadeklarowało osób: 1") :][:60]
    assert "12" in pledged, pledged  # the neighbour's 12 hours
