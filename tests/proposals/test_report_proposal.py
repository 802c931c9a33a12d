"""Proposals can be reported like comments, and moderators find them in their queue."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from accounts import roles
from accounts.models import Report
from accounts.services import moderation
from proposals.models import Comment, Proposal
from tests.accounts.staff_helpers import html, staff
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_consultations import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    with_phases,
)
from tests.factories_proposals import CommentFactory, ProposalFactory, confirmed_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def nowy_sacz(home_page):
    return CentrePageFactory(parent=home_page, title="MAM Nowy Sącz", town="Nowy Sącz")


@pytest.fixture
def consultation(nowy_sacz):
    index = ConsultationIndexPageFactory(parent=nowy_sacz)
    return with_phases(ConsultationPageFactory(parent=index), current="discussion")


@pytest.fixture
def proposal(consultation):
    return ProposalFactory(consultation=consultation, title="Pomysł do zgłoszenia")


def detail_url(proposal):
    consultation = proposal.consultation
    return consultation.url + consultation.reverse_subpage(
        "proposal_detail", kwargs={"pk": proposal.pk}
    )


def report_url(target):
    content_type = ContentType.objects.get_for_model(target)
    return reverse("accounts:report", args=[content_type.pk, target.pk])


def test_proposal_page_offers_to_report_the_proposal(client, proposal):
    client.force_login(confirmed_user())
    assert report_url(proposal) in client.get(detail_url(proposal)).content.decode()


def test_the_author_is_not_offered_to_report_their_own_proposal(client, proposal):
    client.force_login(proposal.author)
    assert report_url(proposal) not in client.get(detail_url(proposal)).content.decode()


def test_reporting_a_proposal_opens_a_report(client, proposal):
    client.force_login(confirmed_user())
    response = client.post(report_url(proposal), {"reason": "spam", "details": ""})
    assert response.status_code == 302
    assert Report.objects.filter(object_id=proposal.pk, reason="spam").count() == 1


@pytest.fixture
def moderator(client, nowy_sacz):
    user = staff(nowy_sacz, roles.MODERATOR)
    client.force_login(user)
    return user


def test_reported_proposal_is_in_the_moderators_queue(client, moderator, proposal):
    moderation.report_submit(reporter=UserFactory(), target=proposal, reason="spam")
    text = html(client.get(reverse("mam_moderation:index")))
    assert "Pomysł do zgłoszenia" in text
    content_type = ContentType.objects.get_for_model(Proposal)
    detail = reverse("mam_moderation:detail", args=[content_type.pk, proposal.pk])
    assert detail in text
    assert client.get(detail).status_code == 200


def test_queue_lists_the_proposals_alone_on_request(client, moderator, proposal):
    moderation.report_submit(reporter=UserFactory(), target=proposal, reason="spam")
    comment = CommentFactory(proposal=proposal, body="Komentarz do zgłoszenia")
    moderation.report_submit(reporter=UserFactory(), target=comment, reason="offensive")
    proposals = ContentType.objects.get_for_model(Proposal).pk
    comments = ContentType.objects.get_for_model(Comment).pk
    only_proposals = html(client.get(reverse("mam_moderation:index"), {"kind": proposals}))
    assert "Pomysł do zgłoszenia" in only_proposals
    assert "Komentarz do zgłoszenia" not in only_proposals
    only_comments = html(client.get(reverse("mam_moderation:index"), {"kind": comments}))
    assert "Komentarz do zgłoszenia" in only_comments


def test_moderator_hides_a_reported_proposal(client, moderator, proposal):
    moderation.report_submit(reporter=UserFactory(), target=proposal, reason="spam")
    content_type = ContentType.objects.get_for_model(Proposal)
    hide = reverse("mam_moderation:hide", args=[content_type.pk, proposal.pk])
    response = client.post(hide, {"reason": "Reklama firmy."})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.is_hidden
