"""The admin page of one appeal: what was refused and why, the appeal, its deadline, and the
decision form for the appeal body only; the reminder digest links to it."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from home.links import absolute_url
from review import services
from review.models import ReviewSetup
from tests.review.conftest import CRITERIA, make_official, warsaw

pytestmark = pytest.mark.django_db


@pytest.fixture
def appeal(refused, author):
    return services.appeal_file(
        review=refused, reasons="Spółdzielnia przekaże teren.", by=author, now=warsaw(2026, 3, 11)
    )


def url(appeal):
    return reverse("mam_reviews:appeal", args=[appeal.review_id])


def test_the_page_shows_the_project_the_reasons_and_the_overdue_deadline(client, appeal, official):
    client.force_login(official)
    response = client.get(url(appeal))
    assert response.status_code == 200
    html = response.content.decode()
    assert appeal.review.proposal.title in html
    assert CRITERIA[1] in html
    assert "Działka należy do Skarbu Państwa." in html
    assert "Spółdzielnia przekaże teren." in html
    assert "25 marca 2026" in html
    assert "Po terminie" in html or "Overdue" in html


def test_the_decide_form_posts_to_the_decision_screen(client, appeal, official):
    client.force_login(official)
    html = client.get(url(appeal)).content.decode()
    assert f'action="{reverse("mam_reviews:appeal_decide", args=[appeal.review_id])}"' in html
    assert 'name="reasons"' in html


def test_an_official_outside_the_appeal_body_sees_no_form(client, setup, appeal, official, centre):
    member = make_official(centre)
    setup.appeal_body = ReviewSetup.Body.COMMITTEE
    setup.appeal_body_members.set([member])
    setup.save()
    client.force_login(official)
    response = client.get(url(appeal))
    assert response.status_code == 200
    assert 'name="reasons"' not in response.content.decode()


def test_another_centres_official_gets_404(client, appeal, home_page):
    from tests.factories import CentrePageFactory

    stranger = make_official(CentrePageFactory(parent=home_page, title="MAM Chrzanów"))
    client.force_login(stranger)
    assert client.get(url(appeal)).status_code == 404


def test_a_review_without_an_appeal_is_404(client, refused, official):
    client.force_login(official)
    assert client.get(reverse("mam_reviews:appeal", args=[refused.pk])).status_code == 404


def test_a_resident_is_refused(client, appeal, author):
    client.force_login(author)
    assert client.get(url(appeal)).status_code in (302, 403)


def test_the_digest_links_to_the_appeals_admin_page(setup, appeal, official):
    mail.outbox.clear()
    services.appeal_reminders_send(now=appeal.filed_at + datetime.timedelta(days=13))
    [email] = mail.outbox
    assert absolute_url(url(appeal)) in email.body


def test_the_reviews_list_links_to_the_appeals_page(client, appeal, official):
    client.force_login(official)
    assert url(appeal) in client.get(reverse("mam_reviews:index")).content.decode()
