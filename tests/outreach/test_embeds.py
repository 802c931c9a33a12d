"""Embeddable pages: what they show, who may frame them, and what is never embedded."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.factories_events import activity, index_of
from tests.factories_proposals import ProposalFactory, open_consultation

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(home_page):
    return open_consultation(home_page, title="Budżet obywatelski 2027")


def soon():
    return timezone.now() + datetime.timedelta(days=2)


def test_consultation_embed_shows_the_consultation_and_links_to_it(client, consultation):
    response = client.get(f"/embed/konsultacja/{consultation.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Budżet obywatelski 2027" in html
    assert '<base target="_top">' in html
    assert f'href="http://testserver{consultation.url}"' in html


def test_embed_pages_may_be_framed_by_other_sites(client, consultation):
    response = client.get(f"/embed/konsultacja/{consultation.pk}/")
    assert "X-Frame-Options" not in response.headers
    assert response.headers["Content-Security-Policy"] == "frame-ancestors *"


def test_frame_ancestors_follow_the_setting(client, consultation, settings):
    settings.MAM_EMBED_FRAME_ANCESTORS = "https://www.nowysacz.pl"
    response = client.get(f"/embed/konsultacja/{consultation.pk}/")
    assert response.headers["Content-Security-Policy"] == "frame-ancestors https://www.nowysacz.pl"


def test_the_rest_of_the_site_refuses_frames(client, consultation):
    response = client.get(consultation.url)
    assert response.status_code == 200
    assert response.headers["X-Frame-Options"] == "DENY"


def test_unpublished_consultation_is_not_embedded(client, consultation):
    consultation.unpublish()
    assert client.get(f"/embed/konsultacja/{consultation.pk}/").status_code == 404


def test_restricted_consultation_is_not_embedded(client, consultation):
    PageViewRestriction.objects.create(
        page=consultation.centre, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(f"/embed/konsultacja/{consultation.pk}/").status_code == 404


def test_proposal_embed_shows_the_proposal(client, consultation):
    proposal = ProposalFactory(consultation=consultation, title="Ławki w parku")
    response = client.get(f"/embed/propozycja/{proposal.pk}/")
    assert response.status_code == 200
    assert "Ławki w parku" in response.content.decode()
    assert f"/propozycje/{proposal.pk}/" in response.content.decode()


def test_hidden_proposal_is_not_embedded(client, consultation):
    proposal = ProposalFactory(consultation=consultation, hidden_at=timezone.now())
    assert client.get(f"/embed/propozycja/{proposal.pk}/").status_code == 404


def test_proposal_of_a_restricted_consultation_is_not_embedded(client, consultation):
    proposal = ProposalFactory(consultation=consultation)
    PageViewRestriction.objects.create(
        page=consultation, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(f"/embed/propozycja/{proposal.pk}/").status_code == 404


def test_activities_embed_lists_the_centres_upcoming_activities(client, consultation):
    centre = consultation.centre
    activity(centre, title="Warsztaty segregacji", starts_at=soon())
    response = client.get(f"/embed/wydarzenia/{centre.pk}/")
    assert response.status_code == 200
    assert "Warsztaty segregacji" in response.content.decode()


def test_activities_of_a_restricted_centre_are_not_embedded(client, consultation):
    centre = consultation.centre
    activity(centre, starts_at=soon())
    PageViewRestriction.objects.create(page=centre, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(f"/embed/wydarzenia/{centre.pk}/").status_code == 404


def test_centre_without_activities_page_has_no_embed(client, consultation):
    assert client.get(f"/embed/wydarzenia/{consultation.centre.pk}/").status_code == 404


def test_restricted_activity_is_left_out_of_the_embed(client, consultation):
    centre = consultation.centre
    index_of(centre)
    hidden = activity(centre, title="Spotkanie zamknięte", starts_at=soon())
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(f"/embed/wydarzenia/{centre.pk}/")
    assert "Spotkanie zamknięte" not in response.content.decode()


def test_embed_is_served_from_the_cache_for_anonymous_visitors(
    client, consultation, django_assert_max_num_queries
):
    client.get(f"/embed/konsultacja/{consultation.pk}/")
    with django_assert_max_num_queries(2):
        response = client.get(f"/embed/konsultacja/{consultation.pk}/")
    assert "Budżet obywatelski 2027" in response.content.decode()


def test_cached_embed_goes_stale_when_the_consultation_changes(client, consultation, pages_changed):
    proposal = ProposalFactory(consultation=consultation)
    client.get(f"/embed/propozycja/{proposal.pk}/")
    proposal.title = "Zmieniony tytuł"
    proposal.save()
    pages_changed(consultation.pk)
    assert "Zmieniony tytuł" in client.get(f"/embed/propozycja/{proposal.pk}/").content.decode()
