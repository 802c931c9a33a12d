"""'Submit a proposal' is offered only to whom may submit now; others are told why and from when."""

import pytest

from accounts.models import Verification
from consultations.models import ConsultationPage
from tests.factories_proposals import confirmed_user, open_consultation

pytestmark = pytest.mark.django_db
PL = {"HTTP_ACCEPT_LANGUAGE": "pl"}


def list_html(client, consultation) -> str:
    url = consultation.url + consultation.reverse_subpage("proposal_list")
    response = client.get(url, **PL)
    assert response.status_code == 200
    return response.content.decode()


def create_url(consultation) -> str:
    return consultation.url + consultation.reverse_subpage("proposal_create")


def test_a_confirmed_resident_gets_the_button_while_proposals_are_collected(client, home_page):
    consultation = open_consultation(home_page, current="proposals")
    client.force_login(confirmed_user())
    assert f'href="{create_url(consultation)}"' in list_html(client, consultation)


def test_before_the_proposals_phase_the_list_says_from_when_and_has_no_button(client, home_page):
    consultation = open_consultation(home_page, current="information")
    client.force_login(confirmed_user())
    html = list_html(client, consultation)
    assert f'href="{create_url(consultation)}"' not in html
    assert "będzie można zgłosić pomysł" in html


def test_after_the_proposals_phase_the_list_says_it_ended_and_has_no_button(client, home_page):
    consultation = open_consultation(home_page, current="voting")
    client.force_login(confirmed_user())
    html = list_html(client, consultation)
    assert f'href="{create_url(consultation)}"' not in html
    assert "zgłosić pomysł" in html


def test_an_unverified_person_is_sent_to_confirm_residence_not_to_a_403(client, home_page):
    consultation = open_consultation(
        home_page, current="proposals", eligibility=ConsultationPage.Eligibility.VERIFIED
    )
    client.force_login(confirmed_user())
    html = list_html(client, consultation)
    assert f'href="{create_url(consultation)}"' not in html
    assert f"/konto/zamieszkanie/{consultation.centre.pk}/?next=" in html


def test_a_verified_resident_gets_the_button_in_a_verified_only_consultation(client, home_page):
    consultation = open_consultation(
        home_page, current="proposals", eligibility=ConsultationPage.Eligibility.VERIFIED
    )
    user = confirmed_user()
    Verification.objects.create(
        user=user, centre=consultation.centre, method=Verification.Method.IN_PERSON
    )
    client.force_login(user)
    assert f'href="{create_url(consultation)}"' in list_html(client, consultation)


def test_an_anonymous_visitor_is_asked_to_sign_in_to_submit(client, home_page):
    consultation = open_consultation(home_page, current="proposals")
    html = list_html(client, consultation)
    assert f'href="{create_url(consultation)}"' not in html
    assert "Zaloguj się albo załóż konto, żeby zgłosić pomysł." in html


def test_the_similar_page_offers_submitting_only_when_possible(client, home_page):
    consultation = open_consultation(home_page, current="voting")
    client.force_login(confirmed_user())
    url = consultation.url + consultation.reverse_subpage("proposal_similar")
    html = client.get(url, {"title": "ławki"}, **PL).content.decode()
    assert f'href="{create_url(consultation)}"' not in html
