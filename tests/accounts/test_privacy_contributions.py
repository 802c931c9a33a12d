"""The data download holds the person's contributions: one test per kind, nothing of others."""

import json

import pytest
from rest_framework.authtoken.models import Token

from accounts.services import privacy
from tests.factories import UserFactory
from tests.factories_proposals import (
    CommentFactory,
    FollowFactory,
    PledgeFactory,
    ProposalFactory,
    ProposalPhotoFactory,
    SupportFactory,
    open_consultation,
)
from tests.factories_survey import respond, survey_page


@pytest.fixture
def consultation(home_page):
    return open_consultation(home_page)


@pytest.fixture
def resident(db):
    return UserFactory(display_name="Ola z Rynku")


@pytest.fixture
def others_proposal(consultation):
    return ProposalFactory(consultation=consultation, title="Cudzy pomysł")


def export(user) -> dict:
    data = privacy.user_data_export(user)
    json.dumps(data)  # the download is this, as JSON
    return data


def test_download_holds_the_persons_proposals(consultation, resident):
    ProposalFactory(consultation=consultation, author=resident, title="Ławki przy rynku")
    ProposalFactory(consultation=consultation, title="Nie mój")
    [proposal] = export(resident)["proposals"]
    assert proposal["title"] == "Ławki przy rynku"
    assert proposal["consultation"] == consultation.title
    assert "/propozycje/" in proposal["url"]


def test_download_links_to_the_photos_of_the_persons_proposals(consultation, resident):
    proposal = ProposalFactory(consultation=consultation, author=resident)
    photo = ProposalPhotoFactory(proposal=proposal, alt_text="Rynek rano")
    [item] = export(resident)["proposals"]
    [link] = item["photos"]
    assert link["url"].startswith("http") and link["url"].endswith(photo.image.url)
    assert link["description"] == "Rynek rano"


def test_download_holds_the_persons_comments(others_proposal, resident):
    CommentFactory(proposal=others_proposal, author=resident, body="Popieram z całego serca.")
    CommentFactory(proposal=others_proposal, body="Cudzy komentarz.")
    [comment] = export(resident)["comments"]
    assert comment["comment"] == "Popieram z całego serca."
    assert comment["proposal"] == "Cudzy pomysł"


def test_download_holds_the_persons_supports(others_proposal, resident):
    SupportFactory(proposal=others_proposal, user=resident)
    SupportFactory(proposal=others_proposal)
    assert [s["proposal"] for s in export(resident)["supports"]] == ["Cudzy pomysł"]


def test_download_holds_the_persons_offers_of_help(others_proposal, resident):
    PledgeFactory(proposal=others_proposal, user=resident, note="Przyniosę grabie.")
    PledgeFactory(proposal=others_proposal, note="Cudza pomoc.")
    [pledge] = export(resident)["offers_of_help"]
    assert pledge["how_you_can_help"] == "Przyniosę grabie."


def test_download_holds_the_persons_follows(others_proposal, resident):
    FollowFactory(proposal=others_proposal, user=resident)
    FollowFactory(proposal=others_proposal)
    assert [f["proposal"] for f in export(resident)["follows"]] == ["Cudzy pomysł"]


def test_download_holds_the_persons_survey_answers(consultation, resident):
    survey = survey_page(consultation, questions=[("Co lubisz w parku?", "singleline", "", True)])
    respond(survey, {"Co lubisz w parku?": "Stawy i kaczki"}, user=resident)
    respond(survey, {"Co lubisz w parku?": "Cudza odpowiedź"}, user=UserFactory())
    [response] = export(resident)["survey_answers"]
    assert response["survey"] == survey.title
    assert "Stawy i kaczki" in response["answers"].values()


def test_download_says_an_api_key_exists_and_when_but_never_the_key(resident):
    token = Token.objects.create(user=resident)
    data = export(resident)
    assert data["api_key"] == {"exists": True, "created_at": token.created.isoformat()}
    assert token.key not in json.dumps(data)


def test_download_says_there_is_no_api_key(resident):
    assert export(resident)["api_key"] is None
