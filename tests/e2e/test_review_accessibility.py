"""axe-core finds no WCAG 2.1 A/AA violation on the review's public pages: the list of
projects, a project's review with an overdue appeal, and the author's appeal form."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from review import services
from review.models import Criterion, Outcome, ReviewSetup
from tests.factories_proposals import ProposalFactory, confirmed_user, open_consultation
from tests.review.conftest import assess_all, make_official, warsaw

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def reviewed(page_tree):
    from wagtail.models import Collection

    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    consultation = open_consultation(page_tree, current="discussion")
    setup = ReviewSetup.objects.create(consultation=consultation)
    for n, text in enumerate(["Zadanie własne gminy", "Teren miasta", "Koszt w limicie"]):
        Criterion.objects.create(setup=setup, text=text, sort_order=n)
    official = make_official(consultation.centre)
    author = confirmed_user()
    old, recent = (ProposalFactory(consultation=consultation, author=author) for _ in range(2))
    for proposal, moment in ((old, warsaw(2026, 3, 10, 12)), (recent, None)):
        review = services.review_start(proposal=proposal, by=official, now=moment)
        assess_all(review, official, failing=["Teren miasta"], now=moment)
        services.review_decide(review=review, outcome=Outcome.NOT_ADMITTED, by=official, now=moment)
    services.appeal_file(
        review=old.review, reasons="Teren jest gminny.", by=author, now=warsaw(2026, 3, 11)
    )
    return consultation, old, recent, author


def _axe(page):
    # Wagtail's error button fades in: measured mid-fade its colours fail contrast (seen once).
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.django_db(transaction=True)
def test_review_list_has_no_wcag_aa_violations(reviewed, live_server, phone_context):
    consultation = reviewed[0]
    page = phone_context.new_page()
    assert page.goto(live_server.url + consultation.sub_url("review_list")).status == 200
    _axe(page)


@pytest.mark.django_db(transaction=True)
def test_proposal_review_section_has_no_wcag_aa_violations(reviewed, live_server, phone_context):
    _consultation, old, _recent, _author = reviewed
    page = phone_context.new_page()
    assert page.goto(live_server.url + old.get_absolute_url()).status == 200
    assert page.locator("#review-title").count() == 1
    _axe(page)


@pytest.mark.django_db(transaction=True)
def test_appeal_form_has_no_wcag_aa_violations(reviewed, live_server, phone_context, share_session):
    consultation, _old, recent, author = reviewed
    page = share_session(phone_context, author).new_page()
    url = live_server.url + consultation.sub_url("review_appeal", pk=recent.pk)
    assert page.goto(url).status == 200
    _axe(page)
    page.click("button[type=submit]")  # empty: the error summary and the field's error
    _axe(page)


@pytest.mark.django_db(transaction=True)
def test_admin_appeal_page_has_no_wcag_aa_violations(
    reviewed, live_server, phone_context, share_session
):
    from django.urls import reverse

    _consultation, old, _recent, _author = reviewed
    official = make_official(old.consultation.centre)
    page = share_session(phone_context, official).new_page()
    url = live_server.url + reverse("mam_reviews:appeal", args=[old.review.pk])
    assert page.goto(url).status == 200
    _axe(page)


@pytest.mark.django_db(transaction=True)
def test_admin_review_assign_page_has_no_wcag_aa_violations(
    reviewed, live_server, phone_context, share_session
):
    from django.urls import reverse

    from casework.models import Department

    consultation = reviewed[0]
    official = make_official(consultation.centre)
    Department.objects.create(centre=consultation.centre, name="Wydział Inwestycji")
    review = services.review_start(proposal=ProposalFactory(consultation=consultation), by=official)
    page = share_session(phone_context, official).new_page()
    assert page.goto(live_server.url + reverse("mam_reviews:assign", args=[review.pk])).ok
    _axe(page)


@pytest.mark.django_db(transaction=True)
def test_admin_appeal_screens_of_a_member_have_no_wcag_aa_violations(
    reviewed, live_server, phone_context, share_session
):
    """A resident on the appeal body: the list of appeals and the appeal with its form."""
    from django.urls import reverse

    _consultation, old, _recent, _author = reviewed
    member = confirmed_user()
    setup = old.consultation.review_setup
    setup.appeal_body_members.set([member])
    setup.save()
    services.appeal_body_access_sync()
    page = share_session(phone_context, member).new_page()
    assert page.goto(live_server.url + reverse("mam_reviews:appeals")).ok
    _axe(page)
    assert page.goto(live_server.url + reverse("mam_reviews:appeal", args=[old.review.pk])).ok
    assert page.locator("textarea[name=reasons]").count() == 1
    _axe(page)


@pytest.mark.django_db(transaction=True)
def test_admin_review_rules_members_by_email_field_has_no_wcag_aa_violations(
    reviewed, live_server, phone_context, share_session
):
    """The rules' field that adds appeal-body members by email, empty and with its error
    (an address no account uses) shown beside it."""
    from django.urls import reverse

    consultation = reviewed[0]
    official = make_official(consultation.centre)
    page = share_session(phone_context, official).new_page()
    url = reverse("mam_review_setup:edit", args=[consultation.review_setup.pk])
    assert page.goto(live_server.url + url).ok
    field = page.locator("textarea[name=new_members]")
    assert field.count() == 1
    _axe(page)
    field.fill("nikt@example.org")
    page.locator("form:has(textarea[name=new_members]) button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.locator("textarea[name=new_members]").count() == 1
    assert "nikt@example.org" in page.locator("main").inner_text()
    assert not consultation.review_setup.appeal_body_members.exists()
    _axe(page)
