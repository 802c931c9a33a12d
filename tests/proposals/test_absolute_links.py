"""Every absolute link starts at MAM_SITE_URL: emails and the API carry the configured host:port."""

import re

import pytest
from django.core import mail
from django.urls import include, path

from config import urls as site_urls
from proposals.services import discussion, engagement
from tests.factories_proposals import ProposalFactory, confirmed_user, open_consultation

urlpatterns = [path("propozycje/", include("proposals.urls")), *site_urls.urlpatterns]
pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

SITE = "http://127.0.0.1:8831"


@pytest.fixture
def served_elsewhere(settings):
    settings.MAM_SITE_URL = SITE


@pytest.fixture
def proposal(home_page):
    return ProposalFactory(consultation=open_consultation(home_page, current="discussion"))


def test_a_comment_email_links_only_to_the_configured_host_and_port(
    served_elsewhere, proposal, monkeypatch
):
    monkeypatch.setattr(
        "django.db.transaction.on_commit", lambda func, using=None, robust=False: func()
    )
    follower = confirmed_user()
    engagement.follow(proposal=proposal, user=follower)
    discussion.comment_add(proposal=proposal, author=confirmed_user(), body="Dobry pomysł.")
    body = mail.outbox[0].body
    links = re.findall(r"https?://[^\s/]+", body)
    assert len(links) >= 2  # the proposal and the unsubscribe link
    assert set(links) == {SITE}
    assert f"{SITE}{proposal.get_absolute_url()}#discussion" in body


def test_the_api_url_field_carries_the_configured_host_and_port(served_elsewhere, proposal, client):
    data = client.get(f"/api/v1/proposals/{proposal.pk}/").json()
    assert data["url"] == SITE + proposal.get_absolute_url()


def test_robots_txt_points_to_the_sitemap_at_the_configured_address(served_elsewhere, client):
    assert f"Sitemap: {SITE}/sitemap.xml" in client.get("/robots.txt").text
