"""Members of the appeal body who are not officials (a resident on the civic-budget council,
the mayor's own account): added by email in the review rules, they open the appeals of their
consultation in the admin and decide them, and nothing else of the admin."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from proposals.models import Proposal
from review import services
from review.models import Appeal, Criterion, ReviewSetup
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_consultations import ConsultationIndexPageFactory, ConsultationPageFactory
from tests.factories_proposals import ProposalFactory, confirmed_user
from tests.review.conftest import CRITERIA, assess_all, make_official, warsaw
from tests.test_url_security import sample_path, staff_routes

pytestmark = pytest.mark.django_db
COUNCIL = "Rada budżetu obywatelskiego"


@pytest.fixture
def resident():
    return UserFactory(email="radna@example.org", first_name="Ewa", last_name="Radna")


def setup_form(setup, **changes) -> dict:
    """The review rules' edit form as posted, with `changes`."""
    data = {
        "consultation": setup.consultation_id,
        "enabled": "on",
        "appeal_days": setup.appeal_days,
        "appeal_body": ReviewSetup.Body.COMMITTEE,
        "appeal_body_name": COUNCIL,
        "decision_days": setup.decision_days,
        "day_count": setup.day_count,
        "criteria-TOTAL_FORMS": setup.criteria.count(),
        "criteria-INITIAL_FORMS": setup.criteria.count(),
        "criteria-MIN_NUM_FORMS": 1,
        "criteria-MAX_NUM_FORMS": 1000,
    }
    for n, criterion in enumerate(setup.criteria.all()):
        data.update(
            {
                f"criteria-{n}-id": criterion.pk,
                f"criteria-{n}-text": criterion.text,
                f"criteria-{n}-explanation": "",
                f"criteria-{n}-ORDER": n + 1,
            }
        )
    return {**data, **changes}


@pytest.fixture
def council(client, setup, official, resident):
    """The official adds the resident to the appeal body by email, through the admin."""
    client.force_login(official)
    response = client.post(
        reverse("mam_review_setup:edit", args=[setup.pk]),
        setup_form(setup, new_members="RADNA@example.org"),
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    client.logout()
    return setup


@pytest.fixture
def appeal(refused, author):
    return services.appeal_file(
        review=refused, reasons="Teren gminy.", by=author, now=warsaw(2026, 3, 11)
    )


def test_the_official_adds_a_resident_by_email(council, resident):
    assert list(council.appeal_body_members.all()) == [resident]
    assert resident.groups.filter(name=services.APPEAL_BODY_GROUP).exists()


def test_an_unknown_address_is_refused_with_a_message(client, setup, official):
    client.force_login(official)
    response = client.post(
        reverse("mam_review_setup:edit", args=[setup.pk]),
        setup_form(setup, new_members="nikt@example.org"),
    )
    assert response.status_code == 200
    assert "nikt@example.org" in response.content.decode()
    assert not setup.appeal_body_members.exists()


def test_the_edit_form_keeps_offering_a_member_who_is_not_an_official(
    client, council, official, resident
):
    client.force_login(official)
    html = client.get(reverse("mam_review_setup:edit", args=[council.pk])).content.decode()
    assert f'name="appeal_body_members" value="{resident.pk}"' in html


def test_leaving_the_body_takes_the_admin_away(client, council, official, resident):
    client.force_login(official)
    client.post(reverse("mam_review_setup:edit", args=[council.pk]), setup_form(council))
    assert not council.appeal_body_members.exists()
    assert not Group.objects.get(name=services.APPEAL_BODY_GROUP).user_set.exists()


def test_a_member_opens_the_appeal_and_decides_it(client, council, appeal, resident):
    client.force_login(resident)
    html = client.get(reverse("mam_reviews:appeal", args=[appeal.review_id])).content.decode()
    assert "Teren gminy." in html
    assert 'name="reasons"' in html
    response = client.post(
        reverse("mam_reviews:appeal_decide", args=[appeal.review_id]),
        {"decision": "upheld", "reasons": "Teren należy do gminy."},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("mam_reviews:appeal", args=[appeal.review_id])
    appeal.refresh_from_db()
    assert (appeal.decision, appeal.decided_by) == (Appeal.Decision.UPHELD, resident)
    assert appeal.decided_by_body == COUNCIL
    assert appeal.review.proposal.status == Proposal.Status.ACCEPTED  # back on the ballot


def test_a_member_finds_the_appeals_in_the_list_and_the_menu(client, council, appeal, resident):
    client.force_login(resident)
    html = client.get(reverse("mam_reviews:appeals")).content.decode()
    assert reverse("mam_reviews:appeal", args=[appeal.review_id]) in html
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("mam_reviews:appeals") in dashboard


def test_someone_outside_the_body_cannot_open_or_decide(client, council, appeal):
    client.force_login(confirmed_user())
    assert client.get(reverse("mam_reviews:appeal", args=[appeal.review_id])).status_code == 302
    client.post(
        reverse("mam_reviews:appeal_decide", args=[appeal.review_id]),
        {"decision": "upheld", "reasons": "Tak."},
    )
    appeal.refresh_from_db()
    assert appeal.decision == ""


def test_a_member_does_not_reach_another_consultations_appeals(
    client, council, appeal, resident, centre, official
):
    index = ConsultationIndexPageFactory(parent=centre)
    other = ConsultationPageFactory(parent=index)
    setup = ReviewSetup.objects.create(consultation=other)
    Criterion.objects.create(setup=setup, text="Teren gminy", sort_order=0)
    proposal = ProposalFactory(consultation=other, author=confirmed_user())
    review = services.review_start(proposal=proposal, by=official, now=warsaw(2026, 3, 2))
    assess_all(review, official, failing=["Teren gminy"], now=warsaw(2026, 3, 2))
    review = services.review_decide(
        review=review, outcome="not_admitted", by=official, now=warsaw(2026, 3, 3)
    )
    foreign = services.appeal_file(
        review=review, reasons="Inne.", by=proposal.author, now=warsaw(2026, 3, 4)
    )
    client.force_login(resident)
    for name in ("mam_reviews:appeal", "mam_reviews:appeal_decide"):
        assert client.get(reverse(name, args=[foreign.review_id])).status_code == 404
    assert "Inne." not in client.get(reverse("mam_reviews:appeals")).content.decode()


def test_another_centres_official_does_not_see_the_appeal(client, council, appeal, home_page):
    stranger = make_official(CentrePageFactory(parent=home_page, title="MAM Chrzanów"))
    client.force_login(stranger)
    assert client.get(reverse("mam_reviews:appeal", args=[appeal.review_id])).status_code == 404


# The dashboard, one's account, dismissing a hint, and the appeal screens (the walk's sample
# id 1 is the member's own appeal).
ALLOWED = {
    "admin/",
    "admin/account/",
    "admin/dismissibles/",
    "admin/reviews/appeals/",
    "admin/reviews/<id:pk>/appeal/",
    "admin/reviews/<id:pk>/appeal-decision/",
}


def test_a_member_opens_no_other_admin_screen(client, council, appeal, resident):
    """Wagtail opens its choosers, admin API and reports to anyone with admin access; the
    member is sent back from all of them, and from every screen of the reviews but appeals."""
    client.force_login(resident)
    opened = []
    for route in staff_routes():
        if "failwhale" in route:  # Wagtail's deliberate error page
            continue
        response = client.get(sample_path(route))
        if response.status_code not in (302, 403, 404, 405):
            opened.append(route)
    assert set(opened) <= ALLOWED, sorted(set(opened) - ALLOWED)
    review = appeal.review_id
    for name in ("index", "assess", "decide", "paper_appeal", "assign"):
        args = [] if name == "index" else [review]
        response = client.get(reverse(f"mam_reviews:{name}", args=args))
        assert response.status_code in (302, 403), name
    edit = client.get(reverse("mam_review_setup:edit", args=[council.pk]))
    assert edit.status_code in (302, 403)
    proposals = client.get(reverse("mam_proposals:index"))
    assert proposals.status_code in (302, 403)


def test_an_official_who_is_also_a_member_keeps_the_whole_admin(client, setup, official):
    setup.appeal_body_members.set([official])
    setup.save()
    services.appeal_body_access_sync()
    client.force_login(official)
    assert client.get(reverse("mam_reviews:index")).status_code == 200


def appealed(consultation, official):
    proposal = ProposalFactory(consultation=consultation, author=confirmed_user())
    review = services.review_start(proposal=proposal, by=official, now=warsaw(2026, 3, 2))
    assess_all(review, official, failing=[CRITERIA[0]], now=warsaw(2026, 3, 2))
    review = services.review_decide(
        review=review, outcome="not_admitted", by=official, now=warsaw(2026, 3, 3)
    )
    return services.appeal_file(
        review=review, reasons="R.", by=proposal.author, now=warsaw(2026, 3, 4)
    )


def test_the_appeals_list_costs_the_same_queries_for_one_appeal_or_many(
    client, council, appeal, resident, official, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(resident)
    url = reverse("mam_reviews:appeals")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for _ in range(3):
        appealed(council.consultation, official)
    with django_assert_num_queries(len(one)):
        assert client.get(url).content.decode().count("/appeal/") == 4
