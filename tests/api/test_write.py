"""Writing through the API: the same rules as the site, per role, and nothing changes on refusal."""

import pytest
from django.middleware.csrf import _get_new_csrf_string
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from consultations.models import ConsultationPage
from proposals.models import Comment, Pledge, Proposal, Support
from tests.factories import UserFactory
from tests.factories_proposals import CommentFactory, ProposalFactory, confirmed_user
from tests.factories_voting import voting_consultation
from voting.models import Ballot, Participation

pytestmark = pytest.mark.django_db


def client_for(user) -> APIClient:
    token = Token.objects.create(user=user)
    return APIClient(HTTP_AUTHORIZATION=f"Token {token.key}", HTTP_ACCEPT_LANGUAGE="en")


def writes(consultation, proposal):
    """Every write endpoint with a valid body."""
    return [
        (
            "/api/v1/proposals/",
            {"consultation": consultation.pk, "title": "T", "body": "B", "place": "P"},
        ),
        (f"/api/v1/proposals/{proposal.pk}/comments/", {"body": "Dobry pomysł"}),
        (f"/api/v1/proposals/{proposal.pk}/support/", {}),
        (f"/api/v1/proposals/{proposal.pk}/pledge/", {"note": "Pomogę"}),
        (f"/api/v1/consultations/{consultation.pk}/vote/", {"proposals": [proposal.pk]}),
    ]


def snapshot():
    return (
        Proposal.objects.count(),
        Comment.objects.count(),
        Support.objects.count(),
        Pledge.objects.count(),
        Ballot.objects.count(),
        Participation.objects.count(),
    )


@pytest.fixture
def target(consultation):
    return consultation, ProposalFactory(consultation=consultation)


def test_anonymous_writes_get_401_and_change_nothing(api, target):
    before = snapshot()
    for url, body in writes(*target):
        response = api.post(url, body, format="json")
        assert response.status_code == 401, url
        assert response["WWW-Authenticate"] == "Token"
        assert response.json()["error"]["code"] == "not_authenticated"
    assert api.delete(f"/api/v1/proposals/{target[1].pk}/support/").status_code == 401
    assert snapshot() == before


@pytest.mark.parametrize(
    ("make_user", "code"),
    [
        (lambda: UserFactory(), "email"),  # email address not confirmed
        (lambda: confirmed_user(blocked_at=timezone.now()), "blocked"),
    ],
)
def test_refused_people_get_403_with_the_reason_and_change_nothing(target, make_user, code):
    client = client_for(make_user())
    before = snapshot()
    for url, body in writes(*target):
        response = client.post(url, body, format="json")
        assert response.status_code == 403, url
        assert response.json()["error"]["code"] in (code, "phase"), url
    assert snapshot() == before


def test_only_verified_residents_may_support_where_the_consultation_says_so(target):
    consultation, proposal = target
    ConsultationPage.objects.filter(pk=consultation.pk).update(
        eligibility=ConsultationPage.Eligibility.VERIFIED
    )
    response = client_for(confirmed_user()).post(f"/api/v1/proposals/{proposal.pk}/support/")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "residence"
    assert not Support.objects.exists()


def test_supporting_outside_its_phase_is_refused(home_page):
    consultation, proposals = voting_consultation(home_page)
    response = client_for(confirmed_user()).post(f"/api/v1/proposals/{proposals[0].pk}/support/")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "phase"


def test_token_user_submits_a_proposal_through_the_service(token_api, resident, consultation):
    category = consultation.categories.first()
    body = {
        "consultation": consultation.pk,
        "title": "  Ławki w parku ",
        "body": "Brakuje ławek.",
        "category": category.pk,
        "latitude": "49.625000",
        "longitude": "20.691000",
    }
    response = token_api.post("/api/v1/proposals/", body, format="json")
    assert response.status_code == 201
    proposal = Proposal.objects.get(pk=response.json()["id"])
    assert proposal.author == resident
    assert proposal.title == "Ławki w parku"  # trimmed by the service
    assert proposal.status_changes.count() == 1  # the service starts the history
    assert response.json()["status_history"][0]["status"] == "submitted"


def test_proposal_outside_the_area_answers_400_on_the_field(token_api, consultation):
    ConsultationPage.objects.filter(pk=consultation.pk).update(
        boundary={
            "type": "Polygon",
            "coordinates": [[[20.6, 49.6], [20.7, 49.6], [20.7, 49.7], [20.6, 49.7], [20.6, 49.6]]],
        }
    )
    body = {
        "consultation": consultation.pk,
        "title": "T",
        "body": "B",
        "latitude": "50.1",
        "longitude": "19.4",
    }
    response = token_api.post("/api/v1/proposals/", body, format="json")
    assert response.status_code == 400
    assert "latitude" in response.json()["error"]["fields"]
    assert not Proposal.objects.exists()


def test_proposal_category_of_another_consultation_is_refused(token_api, consultation, published):
    body = {"consultation": published[0].pk, "title": "T", "body": "B", "place": "P"}
    body["category"] = consultation.categories.first().pk
    response = token_api.post("/api/v1/proposals/", body, format="json")
    assert response.status_code in (400, 403)  # voting phase: proposals are closed anyway
    body["consultation"] = consultation.pk
    body["category"] = 999999
    response = token_api.post("/api/v1/proposals/", body, format="json")
    assert response.status_code == 400
    assert "category" in response.json()["error"]["fields"]


def test_missing_fields_are_named(token_api, consultation):
    response = token_api.post(
        "/api/v1/proposals/", {"consultation": consultation.pk}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"title", "body"}


def test_support_and_withdraw_it(token_api, target):
    _consultation, proposal = target
    url = f"/api/v1/proposals/{proposal.pk}/support/"
    assert token_api.post(url).json() == {"supported": True, "supports_count": 1}
    assert token_api.post(url).json() == {"supported": True, "supports_count": 1}  # once
    assert token_api.delete(url).json() == {"supported": False, "supports_count": 0}


def test_pledge_with_a_note_and_take_it_back(token_api, resident, target):
    _consultation, proposal = target
    url = f"/api/v1/proposals/{proposal.pk}/pledge/"
    assert token_api.post(url, {"note": "Mam narzędzia"}, format="json").json()["pledged"]
    assert Pledge.objects.get(user=resident).note == "Mam narzędzia"
    assert token_api.delete(url).json() == {"pledged": False, "note": ""}
    assert not Pledge.objects.exists()


def test_pledge_note_too_long_is_400(token_api, target):
    url = f"/api/v1/proposals/{target[1].pk}/pledge/"
    response = token_api.post(url, {"note": "x" * 301}, format="json")
    assert response.status_code == 400
    assert "note" in response.json()["error"]["fields"]


def test_comment_and_reply(token_api, resident, target):
    proposal = target[1]
    url = f"/api/v1/proposals/{proposal.pk}/comments/"
    first = token_api.post(url, {"body": "Dobry pomysł"}, format="json")
    assert first.status_code == 201
    reply = token_api.post(
        url, {"body": "Zgadzam się", "parent": first.json()["id"]}, format="json"
    )
    assert reply.json()["parent"] == first.json()["id"]
    proposal.refresh_from_db()
    assert proposal.comments_count == 2  # counted by the service


def test_reply_to_a_comment_of_another_proposal_is_400(token_api, consultation, target):
    elsewhere = CommentFactory(proposal=ProposalFactory(consultation=consultation))
    url = f"/api/v1/proposals/{target[1].pk}/comments/"
    response = token_api.post(url, {"body": "Hej", "parent": elsewhere.pk}, format="json")
    assert response.status_code == 400
    assert "parent" in response.json()["error"]["fields"]


def test_empty_comment_is_400(token_api, target):
    url = f"/api/v1/proposals/{target[1].pk}/comments/"
    response = token_api.post(url, {"body": "   "}, format="json")
    assert response.status_code == 400


def test_cast_and_change_a_ballot(home_page):
    consultation, proposals = voting_consultation(home_page, max_choices=2)
    client = client_for(confirmed_user())
    url = f"/api/v1/consultations/{consultation.pk}/vote/"
    first = client.post(url, {"proposals": [proposals[0].pk]}, format="json")
    assert first.status_code == 200
    assert first.json()["proposals"] == [proposals[0].pk]
    second = client.post(url, {"proposals": [proposals[1].pk, proposals[2].pk]}, format="json")
    assert second.json()["proposals"] == sorted([proposals[1].pk, proposals[2].pk])
    assert Ballot.objects.count() == 1


def test_too_many_choices_answer_400_with_the_rule(home_page):
    consultation, proposals = voting_consultation(home_page, max_choices=1)
    client = client_for(confirmed_user())
    url = f"/api/v1/consultations/{consultation.pk}/vote/"
    response = client.post(url, {"proposals": [p.pk for p in proposals[:2]]}, format="json")
    assert response.status_code == 400
    assert "at most 1" in response.json()["error"]["message"]
    assert not Ballot.objects.exists()


def test_voting_after_it_closed_is_403(token_api, published):
    consultation, proposals = published
    before = Ballot.objects.count()
    url = f"/api/v1/consultations/{consultation.pk}/vote/"
    response = token_api.post(url, {"proposals": [proposals[0].pk]}, format="json")
    assert response.status_code == 403
    assert Ballot.objects.count() == before


def test_revoked_token_no_longer_works(consultation):
    user = confirmed_user()
    client = client_for(user)
    Token.objects.filter(user=user).delete()
    response = client.get("/api/v1/proposals/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"


def test_session_writes_need_the_csrf_token(target):
    user = confirmed_user()
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(user)
    url = f"/api/v1/proposals/{target[1].pk}/support/"
    refused = client.post(url)
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["error"]["message"]
    assert not Support.objects.exists()
    # The site's JavaScript sends the csrftoken cookie's value back in a header.
    client.cookies["csrftoken"] = secret = _get_new_csrf_string()
    response = client.post(url, HTTP_X_CSRFTOKEN=secret)
    assert response.status_code == 200
    assert Support.objects.filter(user=user).exists()


def official_of(centre):
    from accounts import roles

    official = confirmed_user()
    official.groups.add(roles.centre_groups_ensure(centre)[roles.OFFICIAL])
    return official


def test_official_of_the_centre_answers_officially_after_the_discussion(home_page):
    consultation, proposals = voting_consultation(home_page)
    client = client_for(official_of(consultation.centre))
    url = f"/api/v1/proposals/{proposals[0].pk}/comments/"
    response = client.post(url, {"body": "Odpowiedź urzędu"}, format="json")
    assert response.status_code == 201
    assert response.json()["is_official"] is True


def test_official_of_another_centre_is_refused_like_a_resident(home_page, consultation):
    _voting, proposals = voting_consultation(home_page)
    client = client_for(official_of(consultation.centre))
    url = f"/api/v1/proposals/{proposals[0].pk}/comments/"
    response = client.post(url, {"body": "Nie moja gmina"}, format="json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "phase"
    assert not Comment.objects.exists()
