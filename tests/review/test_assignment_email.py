"""The email on assigning a review (review.services.review_assign → notify_assigned): the
person named, or the department's officials; the new holder only on reassigning; once per
assignment however often the worker runs the task."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from review import services
from tests.factories import UserFactory
from tests.review.conftest import CRITERIA, make_official

pytestmark = pytest.mark.django_db
NEXT_WEEK = timezone.localdate() + datetime.timedelta(days=7)


@pytest.fixture
def assign(official, django_capture_on_commit_callbacks):
    def run(review, **kwargs):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            services.review_assign(review=review, by=official, due_date=NEXT_WEEK, **kwargs)
        return mail.outbox

    return run


def recipients(outbox):
    return sorted(address for message in outbox for address in message.to)


def test_the_person_assigned_gets_the_project_criteria_due_date_and_link(review, assign, clerk):
    (message,) = assign(review, person=clerk, note="Sprawdzić teren.")
    assert message.to == [clerk.email]
    assert review.proposal.title in message.subject
    for text in [review.proposal.title, *CRITERIA, "Sprawdzić teren."]:
        assert text in message.body
    assert NEXT_WEEK.strftime("%Y") in message.body
    assert "http://testserver" + reverse("mam_reviews:assess", args=[review.pk]) in message.body


def test_the_email_is_in_polish_by_default(review, assign, clerk):
    (message,) = assign(review, person=clerk)
    assert "Przydzielono" in message.subject
    assert "Kryteria do oceny" in message.body


def test_a_department_alone_emails_its_members_who_are_officials_of_the_centre(
    review, assign, department, clerk, centre
):
    colleague = make_official(centre)
    outsider, retired = UserFactory(), make_official(centre)
    retired.is_active = False
    retired.save()
    department.members.add(colleague, outsider, retired)
    outbox = assign(review, department=department)
    assert recipients(outbox) == sorted([clerk.email, colleague.email])
    assert "Wydział Inwestycji" in outbox[0].body


def test_a_person_in_a_department_is_emailed_alone(review, assign, department, clerk, centre):
    department.members.add(make_official(centre))
    assert recipients(assign(review, department=department, person=clerk)) == [clerk.email]


def test_reassigning_emails_the_new_person_only(review, assign, clerk, centre):
    assign(review, person=clerk)
    newcomer = make_official(centre)
    assert recipients(assign(review, person=newcomer)) == [newcomer.email]


def test_a_retried_task_sends_no_second_copy(review, assign, clerk):
    assign(review, person=clerk)
    entry_id = _last_assign_entry(review)
    mail.outbox.clear()
    services.notify_assigned.call(review_id=review.pk, user_ids=[clerk.pk], stamp=entry_id)
    assert mail.outbox == []


def test_a_task_left_from_before_a_reassignment_emails_nobody_it_was_taken_from(
    review, official, clerk, centre
):
    """The worker may run the first assignment's task after the review was handed over."""
    services.review_assign(review=review, by=official, person=clerk, due_date=NEXT_WEEK)
    first = _last_assign_entry(review)
    services.review_assign(
        review=review, by=official, person=make_official(centre), due_date=NEXT_WEEK
    )
    mail.outbox.clear()
    services.notify_assigned.call(review_id=review.pk, user_ids=[clerk.pk], stamp=first)
    assert mail.outbox == []


def test_nothing_is_sent_when_the_assignment_is_refused(review, assign, department, centre):
    with pytest.raises(ValidationError):
        assign(review, department=department, person=make_official(centre))
    assert mail.outbox == []


def _last_assign_entry(review) -> int:
    return (
        ModelLogEntry.objects.filter(object_id=str(review.proposal_id), action="mam.review.assign")
        .latest("pk")
        .pk
    )
