"""Staff in the browser: an official answers a proposal, changes its status and downloads the
proposals as XLSX; an editor publishes a news item in Wagtail's admin."""

import datetime
import io

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook

from accounts import roles
from home.models import NewsPage
from proposals.models import Proposal
from tests.factories import CentrePageFactory, NewsIndexPageFactory, UserFactory
from tests.factories_consultations import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    with_phases,
)
from tests.factories_proposals import ProposalFactory

PASSWORD = "urzad-miasta-odpowiada-2026"
TIMEOUT = 15_000


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def centre(page_tree):
    return CentrePageFactory(parent=page_tree, slug="nowy-sacz", title="MAM Nowy Sącz")


def staff(centre, role, email):
    user = UserFactory(email=email, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    user.groups.add(roles.centre_groups_ensure(centre)[role])
    return user


def test_an_official_answers_a_proposal_changes_its_status_and_downloads_an_export(
    sign_in, page, live_server, centre, screenshot
):
    page.set_default_timeout(TIMEOUT)
    index = ConsultationIndexPageFactory(parent=centre)
    consultation = with_phases(ConsultationPageFactory(parent=index), current="discussion")
    proposal = ProposalFactory(consultation=consultation, title="Kosze przy przystanku Lwowska")
    staff(centre, roles.OFFICIAL, "urzednik@example.org")
    sign_in(page, live_server.url, "urzednik@example.org", password=PASSWORD)

    page.goto(live_server.url + reverse("mam_proposals:status", args=[proposal.pk]))
    page.select_option("select[name=status]", "under_review")
    page.fill("textarea[name=answer]", "Sprawdzamy, czy kosze zmieszczą się przy wiacie.")
    screenshot(page, "status-form")
    with page.expect_navigation():
        page.locator("form button[type=submit], form input[type=submit]").last.click()
    proposal = Proposal.objects.get(pk=proposal.pk)
    assert proposal.status == "under_review"

    detail = consultation.url + consultation.reverse_subpage(
        "proposal_detail", kwargs={"pk": proposal.pk}
    )
    page.goto(live_server.url + detail)
    page.locator("main").get_by_text("Sprawdzamy, czy kosze zmieszczą się").first.wait_for()
    screenshot(page, "public-answer")

    page.goto(live_server.url + reverse("outcomes_exports:index", args=[consultation.pk]))
    screenshot(page, "exports")
    download_url = reverse("outcomes_exports:download", args=[consultation.pk, "proposals"])
    form = page.locator(f"form[action='{download_url}']")
    with page.expect_download() as download_info:
        form.locator("button[name=format][value=xlsx]").click()
    workbook = load_workbook(io.BytesIO(download_info.value.path().read_bytes()), read_only=True)
    rows = list(workbook.active.iter_rows(values_only=True))
    assert len(rows) == 2  # the header and our proposal
    assert "Kosze przy przystanku Lwowska" in rows[1]


def test_an_editor_publishes_a_news_item_in_the_admin(
    sign_in, page, live_server, centre, screenshot
):
    page.set_default_timeout(TIMEOUT)
    news_index = NewsIndexPageFactory(parent=centre)
    staff(centre, roles.EDITOR, "redakcja@example.org")
    sign_in(page, live_server.url, "redakcja@example.org", password=PASSWORD)

    page.goto(
        live_server.url
        + reverse("wagtailadmin_pages:add", args=["home", "newspage", news_index.pk])
    )
    page.fill("#id_title", "Warsztaty z sadzenia drzew w sobotę")
    page.fill("#id_date", datetime.date.today().isoformat())
    page.fill("#id_lead", "Zapraszamy mieszkańców na wspólne sadzenie drzew przy szkole.")
    screenshot(page, "editor")
    page.locator("button.dropdown-toggle, [data-w-dropdown-target=toggle]").last.click()
    with page.expect_navigation():
        page.locator("button[name=action-publish]").click()
    news = NewsPage.objects.get(title="Warsztaty z sadzenia drzew w sobotę")
    assert news.live

    page.goto(live_server.url + news.url)
    page.locator("h1", has_text="Warsztaty z sadzenia drzew").wait_for()
    screenshot(page, "published")
