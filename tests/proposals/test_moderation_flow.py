"""The issue's moderation flow on real contributions: a resident reports a comment, the
centre's moderator hides it with a public reason, and the discussion shows that reason."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation

from accounts import roles
from accounts.models import Report
from tests.factories import UserFactory
from tests.factories_proposals import (
    CommentFactory,
    ProposalFactory,
    confirmed_user,
    open_consultation,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def comment(home_page):
    consultation = open_consultation(home_page)
    proposal = ProposalFactory(consultation=consultation, title="Ławki przy placu zabaw")
    return CommentFactory(proposal=proposal, body="Obraźliwy wpis o sąsiadach")


def detail_url(comment):
    consultation = comment.proposal.consultation
    return consultation.url + consultation.reverse_subpage(
        "proposal_detail", kwargs={"pk": comment.proposal.pk}
    )


def moderator_of(centre):
    user = UserFactory()
    user.groups.add(roles.centre_groups_ensure(centre)[roles.MODERATOR])
    return user


def test_resident_reports_and_the_centres_moderator_hides_the_comment(client, comment):
    content_type = ContentType.objects.get_for_model(comment)
    client.force_login(confirmed_user())
    response = client.post(
        reverse("accounts:report", args=[content_type.pk, comment.pk]),
        {"reason": "offensive", "details": "", "next": detail_url(comment)},
    )
    assert response.status_code == 302
    assert Report.objects.get().centre == comment.proposal.consultation.centre

    centre = comment.proposal.consultation.centre
    client.force_login(moderator_of(centre))
    queue = client.get(reverse("mam_moderation:index"))
    assert "Obraźliwy wpis" in queue.text
    response = client.post(
        reverse("mam_moderation:hide", args=[content_type.pk, comment.pk]),
        {"reason": "Obraźliwy język"},
    )
    assert response.status_code == 302

    client.logout()
    page = client.get(detail_url(comment), HTTP_ACCEPT_LANGUAGE="en").text
    assert "Obraźliwy wpis o sąsiadach" not in page
    assert "Hidden by a moderator:" in page and "Obraźliwy język" in page


def test_moderator_of_another_centre_cannot_hide_it(client, comment, home_page):
    other = open_consultation(home_page).centre
    content_type = ContentType.objects.get_for_model(comment)
    client.force_login(moderator_of(other))
    response = client.post(
        reverse("mam_moderation:hide", args=[content_type.pk, comment.pk]),
        {"reason": "Obraźliwy język"},
    )
    assert response.status_code in {403, 404}
    comment.refresh_from_db()
    assert not comment.is_hidden
