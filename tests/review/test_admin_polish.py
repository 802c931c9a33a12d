"""The review's admin screens read as Polish (the heuristic of tests/config/test_admin_polish)."""

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from review import services
from review.models import Outcome
from tests.config.test_admin_polish import english_on
from tests.review.conftest import assess_all

pytestmark = pytest.mark.django_db


def test_no_review_screen_shows_an_english_sentence(client, setup, proposal, official):
    review = services.review_start(proposal=proposal, by=official)
    assess_all(review, official, failing=["Na terenie gminy"])
    services.review_decide(review=review, outcome=Outcome.NOT_ADMITTED, by=official)
    UserProfile.objects.update_or_create(user=official, defaults={"preferred_language": "pl"})
    client.force_login(official)
    screens = [
        reverse("mam_review_setup:index"),
        reverse("mam_review_setup:add"),
        reverse("mam_review_setup:edit", args=[setup.pk]),
        reverse("mam_reviews:index"),
        reverse("mam_reviews:assess", args=[review.pk]),
        reverse("mam_reviews:decide", args=[review.pk]),
        reverse("mam_reviews:paper_appeal", args=[review.pk]),
        reverse("mam_reviews:appeal_decide", args=[review.pk]),
        reverse("mam_reviews:start", args=[setup.pk]),
        reverse("mam_reviews:vote_override", args=[setup.pk]),
    ]
    found = {}
    for url in screens:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="pl")
        assert response.status_code == 200, url
        if english := english_on(response.content.decode()):
            found[url] = english
    assert found == {}
