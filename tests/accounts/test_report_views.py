"""Reporting a contribution through the page and the {% report_link %} tag."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from accounts.models import Report, User
from tests.factories import CentrePageFactory, UserFactory
from tests.testapp.models import Remark


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def centre(home_page):
    return CentrePageFactory(parent=home_page)


@pytest.fixture
def remark(centre):
    return Remark.objects.create(author=UserFactory(), centre=centre, text="Kupujcie u nas!")


@pytest.fixture
def reporter(db):
    user = UserFactory(email="ola@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def signed_in(client, reporter):
    client.force_login(reporter)
    return client


def report_url(obj):
    return f"/zglos/{ContentType.objects.get_for_model(obj).pk}/{obj.pk}/"


def test_report_form_offers_the_reasons(signed_in, remark):
    response = signed_in.get(report_url(remark))
    html = response.content.decode()
    assert response.status_code == 200
    for reason in Report.Reason.values:
        assert f'value="{reason}"' in html
    assert "Kupujcie u nas!" in html


def test_reporting_files_a_report_and_goes_back(signed_in, reporter, remark, centre):
    response = signed_in.post(
        report_url(remark), {"reason": "spam", "details": "Reklama sklepu", "next": "/propozycje/"}
    )
    assert response.status_code == 302
    assert response.url == "/propozycje/"
    report = Report.objects.get()
    assert (report.reporter, report.reason, report.details) == (reporter, "spam", "Reklama sklepu")
    assert report.content_object == remark
    assert report.centre_id == centre.pk


def test_an_outside_next_address_is_ignored(signed_in, remark):
    response = signed_in.post(
        report_url(remark), {"reason": "spam", "next": "https://evil.example/"}
    )
    assert response.url == "/"


def test_a_reason_is_required_and_linked(signed_in, remark):
    response = signed_in.post(report_url(remark), {"details": "?"})
    assert 'href="#id_reason_0"' in response.content.decode()
    assert not Report.objects.exists()


def test_content_that_is_not_moderatable_cannot_be_reported(signed_in, reporter, centre):
    assert signed_in.get(report_url(reporter)).status_code == 404
    assert signed_in.get(report_url(centre)).status_code == 404
    assert signed_in.post(report_url(reporter), {"reason": "spam"}).status_code == 404
    assert not Report.objects.exists()


def test_unknown_content_is_not_found(signed_in, remark):
    content_type = ContentType.objects.get_for_model(Remark)
    assert signed_in.get(f"/zglos/{content_type.pk}/999999/").status_code == 404
    assert signed_in.get(f"/zglos/999999/{remark.pk}/").status_code == 404


def test_anonymous_visitor_is_sent_to_sign_in(client, remark):
    response = client.get(report_url(remark))
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_blocked_user_cannot_report(signed_in, reporter, remark):
    reporter.blocked_at = timezone.now()
    reporter.blocked_reason = "Spam"
    reporter.save()
    response = signed_in.post(report_url(remark), {"reason": "spam"})
    assert response.status_code == 403
    assert not Report.objects.exists()


def test_unconfirmed_email_cannot_report(client, remark):
    user = UserFactory()
    client.force_login(user)
    assert client.post(report_url(remark), {"reason": "spam"}).status_code == 403
    assert not Report.objects.exists()


def test_reporting_is_limited_to_ten_an_hour(signed_in, centre):
    remarks = [
        Remark.objects.create(author=UserFactory(), centre=centre, text=f"Uwaga {n}")
        for n in range(11)
    ]
    for remark in remarks[:10]:
        assert signed_in.post(report_url(remark), {"reason": "spam"}).status_code == 302
    response = signed_in.post(report_url(remarks[10]), {"reason": "spam"})
    assert response.status_code == 429
    assert Report.objects.count() == 10


def render_link(obj, user):
    request = RequestFactory().get("/propozycje/7/")
    request.user = user
    template = Template("{% load accounts_tags %}{% report_link obj %}")
    return template.render(Context({"obj": obj, "request": request}))


def test_report_link_comes_back_to_the_page(remark, reporter):
    html = render_link(remark, reporter)
    assert f'href="{report_url(remark)}?next=%2Fpropozycje%2F7%2F"' in html


def test_report_link_is_not_shown_to_the_author_or_for_hidden_content(remark):
    assert render_link(remark, remark.author).strip() == ""
    remark.hidden_at = timezone.now()
    assert render_link(remark, User()).strip() == ""


# --- Only what everyone sees may be reported ------------------------------------------------


@pytest.fixture
def proposal(home_page):
    from tests.factories_proposals import ProposalFactory, open_consultation

    return ProposalFactory(consultation=open_consultation(home_page), title="Ławki przy rynku")


def test_a_visible_proposal_can_be_reported(signed_in, proposal):
    response = signed_in.get(report_url(proposal))
    assert response.status_code == 200
    assert "Ławki przy rynku" in response.content.decode()


def test_a_hidden_proposal_cannot_be_reported_and_its_text_is_never_shown(signed_in, proposal):
    proposal.hidden_at = timezone.now()
    proposal.save(update_fields=["hidden_at"])
    response = signed_in.get(report_url(proposal))
    assert response.status_code == 404
    assert "Ławki przy rynku" not in response.content.decode()


def test_a_hidden_comment_cannot_be_reported_and_its_text_is_never_shown(signed_in, proposal):
    from tests.factories_proposals import CommentFactory

    comment = CommentFactory(proposal=proposal, body="Tajny tekst ukryty przez moderatora")
    comment.hidden_at = timezone.now()
    comment.save(update_fields=["hidden_at"])
    response = signed_in.get(report_url(comment))
    assert response.status_code == 404
    assert "Tajny tekst" not in response.content.decode()
    assert signed_in.post(report_url(comment), {"reason": "spam"}).status_code == 404
    assert not Report.objects.exists()


def test_a_comment_under_a_hidden_proposal_cannot_be_reported(signed_in, proposal):
    from tests.factories_proposals import CommentFactory

    comment = CommentFactory(proposal=proposal)
    proposal.hidden_at = timezone.now()
    proposal.save(update_fields=["hidden_at"])
    assert signed_in.get(report_url(comment)).status_code == 404


def test_a_withdrawn_proposal_cannot_be_reported(signed_in, proposal):
    proposal.status = proposal.Status.WITHDRAWN
    proposal.save(update_fields=["status"])
    assert signed_in.get(report_url(proposal)).status_code == 404


def test_a_proposal_in_an_unpublished_consultation_cannot_be_reported(signed_in, proposal):
    proposal.consultation.unpublish()
    assert signed_in.get(report_url(proposal)).status_code == 404


def test_a_hidden_remark_cannot_be_reported(signed_in, remark):
    remark.hidden_at = timezone.now()
    remark.save(update_fields=["hidden_at"])
    response = signed_in.get(report_url(remark))
    assert response.status_code == 404
    assert "Kupujcie u nas!" not in response.content.decode()
