"""Following a consultation itself: the button on its page, its newsletters, the person's data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.services import privacy
from outreach import services
from outreach.models import ConsultationFollow, Newsletter
from tests.factories_proposals import ProposalFactory, confirmed_user, open_consultation

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(home_page):
    return open_consultation(home_page, title="Budżet obywatelski 2027")


def follow_url(consultation):
    return consultation.url + "obserwuj/"


def newsletter_for(consultation):
    return Newsletter.objects.create(
        centre=consultation.centre, consultation=consultation, subject="Wyniki", body="<p>x</p>"
    )


def test_signed_in_person_sees_the_follow_button(client, consultation):
    client.force_login(confirmed_user())
    text = client.get(consultation.url).text
    assert 'action="' + follow_url(consultation) + '"' in text
    assert 'name="csrfmiddlewaretoken"' in text.split(follow_url(consultation))[1][:400]


def test_anonymous_visitor_sees_a_sign_in_link_instead(client, consultation):
    text = client.get(consultation.url).text
    assert follow_url(consultation) not in text
    assert "/accounts/login/?next=" in text.split('id="follow"')[1][:800]


def test_anonymous_copy_does_not_show_a_signed_in_persons_button(client, consultation):
    reader = confirmed_user()
    client.get(consultation.url)  # the anonymous copy is stored
    client.force_login(reader)
    services.consultation_follow(consultation=consultation, user=reader)
    assert "obserwuj/" in client.get(consultation.url).text
    client.logout()
    assert follow_url(consultation) not in client.get(consultation.url).text


def test_posting_the_form_follows_without_javascript(client, consultation):
    reader = confirmed_user()
    client.force_login(reader)
    response = client.post(follow_url(consultation), {"action": "follow"})
    assert response.status_code == 302
    assert response["Location"].endswith(consultation.url + "#follow")
    assert ConsultationFollow.objects.filter(consultation=consultation, user=reader).exists()
    assert 'name="action" value="unfollow"' in client.get(consultation.url).text


def test_following_twice_is_one_follow(client, consultation):
    reader = confirmed_user()
    client.force_login(reader)
    client.post(follow_url(consultation), {"action": "follow"})
    client.post(follow_url(consultation), {"action": "follow"})
    assert ConsultationFollow.objects.filter(user=reader).count() == 1


def test_unfollow_removes_the_follow(client, consultation):
    reader = confirmed_user()
    services.consultation_follow(consultation=consultation, user=reader)
    client.force_login(reader)
    client.post(follow_url(consultation), {"action": "unfollow"})
    assert not ConsultationFollow.objects.filter(user=reader).exists()


def test_anonymous_post_is_sent_to_sign_in(client, consultation):
    response = client.post(follow_url(consultation), {"action": "follow"})
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert not ConsultationFollow.objects.exists()


def test_get_of_the_follow_address_goes_back_to_the_page(client, consultation):
    client.force_login(confirmed_user())
    response = client.get(follow_url(consultation))
    assert response.status_code == 302
    assert not ConsultationFollow.objects.exists()


def test_followers_of_the_consultation_get_its_newsletter(consultation):
    reader = confirmed_user()
    services.consultation_follow(consultation=consultation, user=reader)
    assert set(services.recipients(newsletter_for(consultation))) == {reader}


def test_follower_of_consultation_and_proposal_is_counted_once(consultation):
    reader = confirmed_user()
    services.consultation_follow(consultation=consultation, user=reader)
    proposal = ProposalFactory(consultation=consultation)
    proposal.follows.create(user=reader)
    assert list(services.recipients(newsletter_for(consultation))) == [reader]


def test_unsubscribing_from_the_newsletter_ends_the_follow(consultation):
    reader = confirmed_user()
    services.consultation_follow(consultation=consultation, user=reader)
    services.opt_out(user=reader, consultation_id=consultation.pk, initiative_id=None)
    assert reader not in services.recipients(newsletter_for(consultation))
    assert not ConsultationFollow.objects.filter(user=reader).exists()


def test_following_again_after_unsubscribing_brings_the_newsletter_back(consultation):
    reader = confirmed_user()
    services.opt_out(user=reader, consultation_id=consultation.pk, initiative_id=None)
    services.consultation_follow(consultation=consultation, user=reader)
    assert reader in services.recipients(newsletter_for(consultation))


def test_follow_is_in_the_persons_data_download(consultation):
    reader = confirmed_user()
    services.consultation_follow(consultation=consultation, user=reader)
    data = privacy.user_data_export(reader)
    assert data["consultations_followed"][0]["consultation"] == "Budżet obywatelski 2027"


def test_follow_is_deleted_with_the_account(consultation):
    reader = confirmed_user()
    services.consultation_follow(consultation=consultation, user=reader)
    privacy.user_delete(user=reader)
    assert not ConsultationFollow.objects.filter(user=reader).exists()


def test_signed_in_consultation_page_query_count_does_not_depend_on_following(
    client, consultation, django_assert_num_queries
):
    reader = confirmed_user()
    client.force_login(reader)
    client.get(consultation.url)
    with CaptureQueriesContext(connection) as first:
        client.get(consultation.url)
    expected = len(first.captured_queries)
    services.consultation_follow(consultation=consultation, user=reader)
    for _ in range(5):
        services.consultation_follow(consultation=consultation, user=confirmed_user())
    with django_assert_num_queries(expected):
        client.get(consultation.url)
