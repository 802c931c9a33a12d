"""Filing an appeal (online or on paper) emails whoever decides it at once
(review.services.notify_appeal_filed): the body's members, else the centre's officials."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from review import services
from tests.factories import UserFactory
from tests.review.conftest import make_official, warsaw

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    return UserFactory(email="radny@example.org")


@pytest.fixture
def committee(setup, member):
    setup.appeal_body_members.set([member])  # a parental M2M is written by save()
    setup.save()
    return setup


@pytest.fixture
def file_online(refused, author, django_capture_on_commit_callbacks):
    def run():
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            return services.appeal_file(
                review=refused, reasons="Teren gminy.", by=author, now=warsaw(2026, 3, 11)
            )

    return run


def test_the_bodys_members_are_emailed_the_appeal_to_decide(file_online, committee, member):
    appeal = file_online()
    (message,) = mail.outbox
    assert message.to == [member.email]
    assert appeal.review.proposal.title in message.subject
    assert "http://testserver" + reverse("mam_reviews:appeal", args=[appeal.review_id]) in (
        message.body
    )
    assert "25 marca 2026" in message.body  # the decision's date, 14 days on


def test_without_members_the_centres_officials_are_emailed(file_online, setup, official, centre):
    other = make_official(centre)
    file_online()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([official.email, other.email])


def test_a_paper_appeal_entered_by_staff_is_emailed_too(
    committee, refused, official, member, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.appeal_enter_paper(
            review=refused,
            reasons="Teren gminy.",
            received_on=datetime.date(2026, 3, 12),
            by=official,
            now=warsaw(2026, 3, 12, 15),
        )
    assert [m.to for m in mail.outbox] == [[member.email]]


def test_a_retried_task_sends_no_second_copy(file_online, committee):
    appeal = file_online()
    mail.outbox.clear()
    services.notify_appeal_filed.call(appeal_id=appeal.pk)
    assert mail.outbox == []
