"""The appeal body: only its members decide appeals, only they get the reminders, and the
public reads which body decided, never who sat on it."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from consultations.participation import NotAllowed
from review import services
from review.models import ReviewSetup
from tests.factories import UserFactory
from tests.review.conftest import make_official, warsaw

pytestmark = pytest.mark.django_db
COMMITTEE = "Komisja odwoławcza ds. budżetu obywatelskiego"


@pytest.fixture
def member(centre):
    return make_official(centre)


@pytest.fixture
def committee(setup, member):
    setup.appeal_body = ReviewSetup.Body.COMMITTEE
    setup.appeal_body_name = COMMITTEE
    setup.appeal_body_members.set([member])  # a parental M2M is written by save()
    setup.save()
    return setup


@pytest.fixture
def appeal(refused, author):
    return services.appeal_file(
        review=refused, reasons="Teren gminy.", by=author, now=warsaw(2026, 3, 11)
    )


def test_an_official_outside_the_committee_may_not_decide(committee, appeal, official):
    with pytest.raises(NotAllowed):
        services.appeal_decide(appeal=appeal, upheld=True, reasons="Tak.", by=official)
    appeal.refresh_from_db()
    assert appeal.decision == ""


def test_a_member_of_the_committee_decides(committee, appeal, member):
    services.appeal_decide(appeal=appeal, upheld=False, reasons="Nie.", by=member)
    appeal.refresh_from_db()
    assert appeal.decided_by == member
    assert appeal.decided_by_body == COMMITTEE


def test_a_superuser_may_decide(committee, appeal):
    admin = UserFactory(is_superuser=True, is_staff=True)
    services.appeal_decide(appeal=appeal, upheld=False, reasons="Nie.", by=admin)
    appeal.refresh_from_db()
    assert appeal.decision


def test_without_members_the_centres_officials_decide(setup, appeal, official):
    services.appeal_decide(appeal=appeal, upheld=False, reasons="Nie.", by=official)
    appeal.refresh_from_db()
    assert appeal.decided_by == official
    assert appeal.decided_by_body == str(setup.get_appeal_body_display())


def test_without_members_a_stranger_is_still_refused(setup, appeal):
    with pytest.raises(ValidationError):
        services.appeal_decide(appeal=appeal, upheld=False, reasons="Nie.", by=UserFactory())


def test_the_mayor_named_in_the_rules_decides(setup, appeal, official, centre):
    mayor = make_official(centre)
    setup.appeal_body = ReviewSetup.Body.MAYOR
    setup.appeal_body_members.set([mayor])
    setup.save()
    with pytest.raises(NotAllowed):
        services.appeal_decide(appeal=appeal, upheld=True, reasons="Tak.", by=official)
    services.appeal_decide(appeal=appeal, upheld=True, reasons="Tak.", by=mayor)
    appeal.refresh_from_db()
    assert appeal.decided_by_body == str(ReviewSetup.Body.MAYOR.label)


def test_only_the_committees_members_get_the_digest(committee, appeal, official, member):
    mail.outbox.clear()
    assert services.appeal_reminders_send(now=appeal.filed_at + datetime.timedelta(days=13)) == 1
    assert [email.to for email in mail.outbox] == [[member.email]]


def test_without_members_every_official_gets_the_digest(setup, appeal, official):
    mail.outbox.clear()
    assert services.appeal_reminders_send(now=appeal.filed_at + datetime.timedelta(days=13)) == 1
    assert [email.to for email in mail.outbox] == [[official.email]]


def test_the_admin_hides_the_decide_button_from_others(client, committee, appeal, official):
    client.force_login(official)
    url = reverse("mam_reviews:appeal_decide", args=[appeal.review_id])
    assert url not in client.get(reverse("mam_reviews:index")).content.decode()
    assert client.get(url).status_code in (302, 403)  # Wagtail redirects a refusal


def test_the_admin_shows_the_decide_button_to_members(client, committee, appeal, member):
    client.force_login(member)
    url = reverse("mam_reviews:appeal_decide", args=[appeal.review_id])
    assert url in client.get(reverse("mam_reviews:index")).content.decode()
    page = client.get(url)
    assert page.status_code == 200
    assert COMMITTEE in page.content.decode()


def test_the_decide_screen_says_when_officials_decide(client, setup, appeal, official):
    client.force_login(official)
    html = client.get(reverse("mam_reviews:appeal_decide", args=[appeal.review_id])).content
    assert "każdy urzędnik" in html.decode()


def test_the_public_sees_the_body_not_its_members(client, committee, appeal, member, proposal):
    services.appeal_decide(appeal=appeal, upheld=False, reasons="Nie.", by=member)
    for url in (proposal.get_absolute_url(), proposal.consultation.sub_url("review_list")):
        html = client.get(url).content.decode()
        assert COMMITTEE in html
        assert member.email not in html
        assert (member.get_full_name() or member.email) not in html


def test_staff_choose_the_members_among_officials(client, setup, official, member, centre):
    client.force_login(official)
    outsider = UserFactory()
    html = client.get(reverse("mam_review_setup:edit", args=[setup.pk])).content.decode()
    assert f'name="appeal_body_members" value="{member.pk}"' in html
    assert f'name="appeal_body_members" value="{outsider.pk}"' not in html
