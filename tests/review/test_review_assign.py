"""Assigning a review from the admin (mam_reviews:assign, review.services.review_assign): a
department and a person of the centre, a due date as the review's case in casework, the
action in the history; officials of the centre only."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from casework.models import Assignment, Department
from review import services
from review.models import Outcome, Review
from tests.factories import CentrePageFactory, UserFactory
from tests.review.conftest import assess_all, make_official

pytestmark = pytest.mark.django_db
NEXT_WEEK = timezone.localdate() + datetime.timedelta(days=7)


def url(review):
    return reverse("mam_reviews:assign", args=[review.pk])


def assign(review, by, **kwargs):
    return services.review_assign(review=review, by=by, due_date=NEXT_WEEK, **kwargs)


def test_assigning_sets_who_assesses_and_opens_the_reviews_case(
    review, official, department, clerk
):
    assign(review, official, department=department, person=clerk, note="Sprawdzić teren.")
    review.refresh_from_db()
    assert (review.assigned_department, review.assigned_to) == (department, clerk)
    case = Assignment.objects.get()
    assert (case.target, case.department, case.person) == (review, department, clerk)
    assert (case.due_date, case.note) == (NEXT_WEEK, "Sprawdzić teren.")


def test_assigning_is_in_the_proposals_history(review, official, department):
    assign(review, official, department=department)
    actions = ModelLogEntry.objects.filter(object_id=str(review.proposal_id))
    assert actions.filter(action="mam.review.assign", user=official).count() == 1


def test_reassigning_hands_over_the_same_case(review, official, department, clerk, centre):
    assign(review, official, department=department)
    other = make_official(centre)
    services.review_assign(
        review=review, by=official, person=other, due_date=NEXT_WEEK + datetime.timedelta(1)
    )
    case = Assignment.objects.get()
    assert (case.department, case.person) == (None, other)
    assert case.due_date == NEXT_WEEK + datetime.timedelta(1)
    assert Review.objects.get(pk=review.pk).assigned_to == other


def test_the_person_must_work_in_the_department_chosen(review, official, department, centre):
    with pytest.raises(ValidationError):
        assign(review, official, department=department, person=make_official(centre))
    assert not Assignment.objects.exists()


def test_the_person_must_be_an_official_of_the_centre(review, official, home_page):
    stranger = make_official(CentrePageFactory(parent=home_page, title="MAM Chrzanów"))
    for person in (stranger, UserFactory()):
        with pytest.raises(ValidationError):
            assign(review, official, person=person)
    assert not Assignment.objects.exists()


def test_another_centres_department_is_refused(review, official, home_page):
    other = Department.objects.create(
        centre=CentrePageFactory(parent=home_page, title="MAM Chrzanów"), name="Wydział Dróg"
    )
    with pytest.raises(ValidationError):
        assign(review, official, department=other)


def test_someone_is_needed_and_the_date_cannot_be_past(review, official, department):
    with pytest.raises(ValidationError):
        assign(review, official)
    with pytest.raises(ValidationError):
        services.review_assign(
            review=review, by=official, department=department, due_date=datetime.date(2020, 1, 1)
        )


def test_only_officials_of_the_centre_assign(review, department, home_page):
    stranger = make_official(CentrePageFactory(parent=home_page, title="MAM Chrzanów"))
    with pytest.raises(ValidationError):
        assign(review, stranger, department=department)


def test_a_decided_review_cannot_be_assigned(review, official, department):
    assess_all(review, official)
    services.review_decide(review=review, outcome=Outcome.ADMITTED, by=official)
    with pytest.raises(ValidationError):
        assign(review, official, department=department)


# The admin screen ----------------------------------------------------------------------------


def test_the_listing_links_to_assigning_the_review(client, review, official):
    client.force_login(official)
    assert url(review) in client.get(reverse("mam_reviews:index")).content.decode()


def test_the_screen_offers_the_centres_departments_and_officials(
    client, review, official, department, clerk, home_page
):
    elsewhere = CentrePageFactory(parent=home_page, title="MAM Chrzanów")
    Department.objects.create(centre=elsewhere, name="Wydział Dróg")
    stranger = make_official(elsewhere)
    client.force_login(official)
    html = client.get(url(review)).content.decode()
    assert "Wydział Inwestycji" in html
    assert "Wydział Dróg" not in html
    assert f'value="{clerk.pk}"' in html
    assert f'value="{stranger.pk}"' not in html


def test_an_official_assigns_through_the_screen(client, review, official, department, clerk):
    client.force_login(official)
    response = client.post(
        url(review),
        {"department": department.pk, "person": clerk.pk, "due_date": NEXT_WEEK.isoformat()},
    )
    assert response.status_code == 302
    assert Assignment.objects.get().person == clerk
    client.force_login(clerk)  # the case is on the clerk's own list
    assert review.proposal.title in client.get(reverse("mam_cases:mine")).content.decode()


def test_a_refusal_is_shown_on_the_form(client, review, official, department, centre):
    client.force_login(official)
    outsider = make_official(centre)  # an official, but not in the department
    response = client.post(
        url(review),
        {"department": department.pk, "person": outsider.pk, "due_date": NEXT_WEEK.isoformat()},
    )
    assert response.status_code == 400
    assert not Assignment.objects.exists()


def test_another_centres_official_gets_404(client, review, home_page):
    client.force_login(make_official(CentrePageFactory(parent=home_page, title="MAM Chrzanów")))
    assert client.get(url(review)).status_code == 404


def test_a_moderator_is_refused(client, review, centre):
    from accounts import roles

    moderator = UserFactory()
    moderator.groups.add(roles.centre_groups_ensure(centre)[roles.MODERATOR])
    client.force_login(moderator)
    assert client.get(url(review)).status_code in (302, 403)
