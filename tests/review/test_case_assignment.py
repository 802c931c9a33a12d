"""Assigning the review, one of its criteria or the appeal to a department or a person, from
the admin (casework's assigning screen with the part chosen), scoped to the centre."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from casework import services as casework
from casework.models import Assignment, Department
from review import services
from review.models import Criterion, ReviewSetup
from tests.factories import CentrePageFactory
from tests.factories_consultations import ConsultationIndexPageFactory, ConsultationPageFactory
from tests.factories_proposals import ProposalFactory
from tests.review.conftest import CRITERIA, make_official, warsaw

pytestmark = pytest.mark.django_db
# The refusal, in whichever language the test runs.
NOT_ITS_PART = "part of its handling|części jej rozpatrywania"
NEXT_WEEK = timezone.localdate() + datetime.timedelta(days=7)


@pytest.fixture
def department(centre, official):
    return Department.objects.create(centre=centre, name="Wydział Inwestycji")


@pytest.fixture
def appeal(refused, author):
    return services.appeal_file(review=refused, reasons="R.", by=author, now=warsaw(2026, 3, 11))


def assign_url(proposal, target=""):
    url = reverse("mam_cases:assign", args=[proposal.pk])
    return f"{url}?target={target}" if target else url


def post(client, proposal, department, target):
    return client.post(
        assign_url(proposal, target),
        {"target": target, "department": department.pk, "due_date": NEXT_WEEK.isoformat()},
    )


def test_the_reviews_list_links_to_assigning_the_review_and_the_pending_appeal(
    client, appeal, official
):
    client.force_login(official)
    html = client.get(reverse("mam_reviews:index")).content.decode()
    review = appeal.review
    assert assign_url(review.proposal, f"review-{review.pk}") in html
    assert assign_url(review.proposal, f"appeal-{appeal.pk}") in html


def test_the_assigning_screen_offers_the_review_each_criterion_and_the_appeal(
    client, appeal, official
):
    client.force_login(official)
    review = appeal.review
    html = client.get(assign_url(review.proposal, f"appeal-{appeal.pk}")).content.decode()
    for text in CRITERIA:
        assert text in html
    assert f'value="review-{review.pk}"' in html
    assert f'value="appeal-{appeal.pk}" selected' in html


def test_an_official_assigns_the_appeal_to_a_department(client, appeal, official, department):
    client.force_login(official)
    response = post(client, appeal.review.proposal, department, f"appeal-{appeal.pk}")
    assert response.status_code == 302
    case = Assignment.objects.get()
    assert (case.target, case.department) == (appeal, department)


def test_an_official_assigns_one_criterion_of_the_review(client, refused, official, department):
    client.force_login(official)
    criterion = Criterion.objects.get(text=CRITERIA[1])
    post(client, refused.proposal, department, f"criterion-{criterion.pk}")
    assert Assignment.objects.get().target == criterion


def test_the_case_file_says_what_the_case_is_about(client, appeal, official, department):
    client.force_login(official)
    post(client, appeal.review.proposal, department, f"appeal-{appeal.pk}")
    html = client.get(
        reverse("mam_cases:file", args=[appeal.review.proposal_id]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "The appeal and its decision" in html


def test_a_part_of_another_proposal_cannot_be_chosen(
    client, refused, official, department, consultation
):
    other = ProposalFactory(consultation=consultation)
    client.force_login(official)
    response = post(client, other, department, f"review-{refused.pk}")
    assert response.status_code == 400  # the form says the choice is not on the list
    assert not Assignment.objects.exists()


def test_another_centres_official_cannot_assign_the_review(client, refused, home_page):
    stranger = make_official(CentrePageFactory(parent=home_page, title="MAM Chrzanów"))
    client.force_login(stranger)
    assert client.get(assign_url(refused.proposal, f"review-{refused.pk}")).status_code == 404


# The service itself refuses a part of another proposal (whoever calls it) -----------------


@pytest.fixture
def other_review(setup, consultation, official):
    other = ProposalFactory(consultation=consultation, title="Inny projekt")
    return services.review_start(proposal=other, by=official, now=warsaw(2026, 3, 2, 9))


def assign_part(proposal, official, department, target):
    return casework.assignment_create(
        proposal=proposal, by=official, department=department, due_date=NEXT_WEEK, target=target
    )


def test_the_service_refuses_the_review_of_another_proposal(
    refused, other_review, official, department
):
    with pytest.raises(ValidationError, match=NOT_ITS_PART):
        assign_part(refused.proposal, official, department, other_review)
    assert not Assignment.objects.exists()


def test_the_service_refuses_a_criterion_of_another_consultation(
    refused, official, department, centre
):
    index = ConsultationIndexPageFactory(parent=centre)
    elsewhere = ReviewSetup.objects.create(consultation=ConsultationPageFactory(parent=index))
    foreign = Criterion.objects.create(setup=elsewhere, text="Inny regulamin")
    with pytest.raises(ValidationError, match=NOT_ITS_PART):
        assign_part(refused.proposal, official, department, foreign)
    assert not Assignment.objects.exists()


def test_the_service_refuses_the_appeal_of_another_proposal(
    appeal, other_review, official, department
):
    with pytest.raises(ValidationError, match=NOT_ITS_PART):
        assign_part(other_review.proposal, official, department, appeal)
    assert not Assignment.objects.exists()


def test_the_service_accepts_the_proposals_own_review_criterion_and_appeal(
    appeal, official, department
):
    review = appeal.review
    criterion = Criterion.objects.get(text=CRITERIA[0])
    for target in [review, criterion, appeal]:
        case = assign_part(review.proposal, official, department, target)
        assert Assignment.objects.get(pk=case.pk).target == target


# The centre's list of cases says what each one is about ------------------------------------


def cases_of_every_kind(appeal, official, department, *, rounds):
    """Per round: a case on the review, a criterion, the appeal, a forwarded question of a new
    proposal and a new proposal as a whole."""
    from proposals.services import status

    review = appeal.review
    criterion = Criterion.objects.get(text=CRITERIA[1])
    for _ in range(rounds):
        for target in [review, criterion, appeal]:
            assign_part(review.proposal, official, department, target)
        other = ProposalFactory(consultation=review.proposal.consultation, title="Chodnik")
        question = status.forward_to_body(
            proposal=other, body_name="MZK Nowy Sącz", answer_due=NEXT_WEEK, by=official
        )
        assign_part(other, official, department, question)
        assign_part(ProposalFactory(consultation=other.consultation), official, department, None)


def test_the_centres_cases_list_says_what_each_case_is_about(client, appeal, official, department):
    cases_of_every_kind(appeal, official, department, rounds=1)
    client.force_login(official)
    html = client.get(reverse("mam_cases:index")).content.decode()
    title = appeal.review.proposal.title
    assert "Czego dotyczy" in html
    for part in [
        "Weryfikacja projektu",
        f"Ocena kryterium: {CRITERIA[1]}",
        "Odwołanie i jego rozstrzygnięcie",
    ]:
        assert f"{title} — {part}" in html
    assert "Chodnik — Pytanie przekazane do: MZK Nowy Sącz" in html
    assert "propozycja jako całość" in html


def test_the_subject_column_costs_the_same_queries_for_few_cases_or_many(
    client, appeal, official, department, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(official)
    url = reverse("mam_cases:index")
    cases_of_every_kind(appeal, official, department, rounds=1)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    cases_of_every_kind(appeal, official, department, rounds=4)
    with django_assert_num_queries(len(few)):
        client.get(url)
