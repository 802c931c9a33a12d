"""A review assigned to a department: each of its people assesses, sets the town's cost and
publishes the outcome; a person assigned still does, others of the centre may not."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from casework import services as casework
from casework.models import Department
from review import services
from review.models import Outcome
from tests.factories import CentrePageFactory
from tests.review.conftest import CRITERIA, assess_all, make_official

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(setup, proposal, official, department):
    return services.review_start(proposal=proposal, by=official, assigned_department=department)


def test_a_department_member_assesses_sets_the_cost_and_publishes(review, clerk):
    assess_all(review, clerk, failing=[CRITERIA[0]])
    services.town_cost_set(review=review, amount=61000, by=clerk)
    services.review_decide(review=review, outcome=Outcome.NOT_ADMITTED, by=clerk)
    review.refresh_from_db()
    assert review.town_cost == 61000
    assert review.decided_by == clerk


def test_an_official_outside_the_department_may_not_assess(review, official):
    with pytest.raises(ValidationError):
        assess_all(review, official)
    with pytest.raises(ValidationError):
        services.town_cost_set(review=review, amount=1, by=official)


def test_the_person_assigned_beside_the_department_assesses(review, official, clerk, centre):
    person = make_official(centre)
    review.assigned_department.members.add(person)
    services.review_assign(
        review=review,
        by=official,
        person=person,
        department=review.assigned_department,
        due_date=datetime.date.today() + datetime.timedelta(days=5),
    )
    assess_all(review, person)
    services.review_decide(review=review, outcome=Outcome.ADMITTED, by=clerk)


def test_person_assignment_still_limits_the_assessment(setup, proposal, official, clerk):
    review = services.review_start(proposal=proposal, by=official, assigned_to=official)
    with pytest.raises(ValidationError):
        services.town_cost_set(review=review, amount=1, by=clerk)
    assess_all(review, official)


def test_another_centres_department_cannot_be_assigned(setup, proposal, official, home_page):
    other = Department.objects.create(
        centre=CentrePageFactory(parent=home_page, title="MAM Chrzanów"), name="Wydział Dróg"
    )
    with pytest.raises(ValidationError):
        services.review_start(proposal=proposal, by=official, assigned_department=other)


def test_a_department_holding_a_case_on_the_whole_review_publishes(
    setup, proposal, official, clerk, department
):
    review = services.review_start(proposal=proposal, by=official, assigned_to=official)
    casework.assignment_create(
        proposal=proposal,
        by=official,
        department=department,
        due_date=datetime.date.today() + datetime.timedelta(days=5),
        target=review,
    )
    assess_all(review, clerk)
    services.town_cost_set(review=review, amount=100, by=clerk)
    services.review_decide(review=review, outcome=Outcome.ADMITTED, by=clerk)


def test_the_listing_names_the_department(client, review, official):
    client.force_login(official)
    assert "Wydział Inwestycji" in client.get(reverse("mam_reviews:index")).content.decode()
