"""The participation rule on the site and in the API: roles × phases × eligibility.

For every person, every phase and both eligibility settings, each action (propose, comment,
support, pledge, vote) is tried once on the site and once through the API. Both must agree
with each other and with the rule: allowed, or refused with the same reason code. The site's
refusals carry their decision (`response.refusal`, set by participation.refusal_response).

One difference is by design: the API authenticates before it asks the rule, so an anonymous
write is a 401 there whatever the phase; the site sends anonymous visitors to sign in too,
except the ballot, which keeps saying the rule's reason in place (see docs/architecture.md).
"""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts import roles
from accounts.models import Verification
from consultations import participation
from consultations.models import ConsultationPage
from surveys.participation import survey_decision
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_consultations import with_phases
from tests.factories_survey import survey_page
from tests.factories_voting import voting_consultation

pytestmark = pytest.mark.django_db

CONFIRMED, VERIFIED = ConsultationPage.Eligibility.CONFIRMED, ConsultationPage.Eligibility.VERIFIED
ROLES = [
    "anonymous",
    "unconfirmed",
    "confirmed",
    "resident_here",
    "resident_elsewhere",
    "blocked",
    "staff",
]
# Before everything, each phase running, after everything: before, during and after each
# kind of action.
MOMENTS = [None, "information", "proposals", "discussion", "voting", "results", "finished"]
ACTION_MOMENTS = {
    "propose": {"proposals"},
    "comment": {"proposals", "discussion"},
    "support": {"proposals", "discussion"},
    "pledge": {"proposals", "discussion"},
    "vote": {"voting"},
}


def confirmed(**kwargs):
    user = UserFactory(**kwargs)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def make_person(role, centre, elsewhere):
    if role == "anonymous":
        return None
    if role == "unconfirmed":
        user = UserFactory()
        EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
        return user
    if role == "blocked":
        return confirmed(blocked_at=timezone.now(), blocked_reason="Spam")
    user = confirmed()
    if role in ("resident_here", "resident_elsewhere"):
        where = centre if role == "resident_here" else elsewhere
        Verification.objects.create(user=user, centre=where, method=Verification.Method.IN_PERSON)
    if role == "staff":
        user.groups.add(roles.centre_groups_ensure(centre)[roles.OFFICIAL])
    return user


def expected_code(role, eligibility, moment, action) -> str:
    """The rule written out by hand: "" when allowed, else the reason code."""
    if action == "comment" and role == "staff":
        return ""  # officials of the centre answer officially at any time
    if action != "survey" and moment not in ACTION_MOMENTS[action]:
        return "phase"
    person = {
        "anonymous": "login",
        "unconfirmed": "email",
        "blocked": "blocked",
        "resident_here": "",
    }.get(role, "")
    if not person and eligibility == VERIFIED and role != "resident_here":
        return "residence"
    return person


def web_outcome(client, consultation, proposal, action) -> str:
    """Try `action` on the site; return "" when it went through, else the refusal's code."""
    base = consultation.url
    sub = consultation.reverse_subpage
    if action == "propose":
        url = base + sub("proposal_create")
        data = {"action": "check", "title": "Ławki", "body": "Brakuje ławek.", "place": "Park"}
    elif action == "vote":
        url, data = base + sub("vote"), {"proposals": [proposal.pk]}
    else:
        name = {"comment": "comment_create"}.get(action, action)
        url = base + sub(name, kwargs={"pk": proposal.pk})
        data = {"body": "Dobry pomysł"} if action == "comment" else {"note": "Pomogę"}
    response = client.post(url, data)
    refusal = getattr(response, "refusal", None)
    if refusal is not None:
        assert response.status_code in (302, 400, 403), (action, response.status_code)
        return refusal.code
    assert response.status_code in (200, 302), (action, response.status_code)
    return ""


def api_outcome(client, consultation, proposal, action) -> str:
    """Try `action` through the API; return "" when it went through, else the error code."""
    requests = {
        "propose": (
            "/api/v1/proposals/",
            {"consultation": consultation.pk, "title": "Ławki", "body": "B", "place": "Park"},
        ),
        "comment": (f"/api/v1/proposals/{proposal.pk}/comments/", {"body": "Dobry pomysł"}),
        "support": (f"/api/v1/proposals/{proposal.pk}/support/", {}),
        "pledge": (f"/api/v1/proposals/{proposal.pk}/pledge/", {"note": "Pomogę"}),
        "vote": (f"/api/v1/consultations/{consultation.pk}/vote/", {"proposals": [proposal.pk]}),
    }
    url, data = requests[action]
    response = client.post(url, data, format="json")
    if response.status_code in (200, 201):
        return ""
    assert response.status_code in (401, 403), (action, response.status_code, response.json())
    code = response.json()["error"]["code"]
    return "login" if response.status_code == 401 else code


def clients(user):
    web = Client(HTTP_ACCEPT_LANGUAGE="en")
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        web.force_login(user)
        api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return web, api


@pytest.mark.parametrize("eligibility", [CONFIRMED, VERIFIED])
@pytest.mark.parametrize("role", ROLES)
def test_site_and_api_agree_with_the_rule(home_page, role, eligibility):
    consultation, proposals = voting_consultation(home_page, eligibility=eligibility)
    centre = consultation.centre
    elsewhere = CentrePageFactory(parent=home_page, town="Chrzanów")
    user = make_person(role, centre, elsewhere)
    web, api = clients(user)
    disagreements = []
    for moment in MOMENTS:
        page = with_phases(ConsultationPage.objects.get(pk=consultation.pk), current=moment)
        for action in ACTION_MOMENTS:
            expected = expected_code(role, eligibility, moment, action)
            on_site = web_outcome(web, page, proposals[0], action)
            in_api = api_outcome(api, page, proposals[0], action)
            if role == "anonymous":
                # The API authenticates first; the site asks to sign in (or, on the ballot,
                # gives the rule's reason).
                assert in_api == "login"
                assert on_site in ("login", expected), (moment, action, on_site)
                continue
            if not (on_site == in_api == expected):
                disagreements.append((moment, action, expected, on_site, in_api))
    assert disagreements == []


def test_the_rule_refuses_with_a_next_step_and_a_day(home_page):
    consultation, _proposals = voting_consultation(home_page, current="proposals")
    decision = participation.decide(None, consultation, "vote")
    assert decision.code == "phase"
    assert decision.available_from == participation.selectors.first_day(
        consultation.phases.get(kind="voting")
    )
    assert participation.decide(None, consultation, "propose").next_step == "sign_in"


SURVEY_DATES = {
    "upcoming": lambda now: {"opens_at": now + _days(1), "closes_at": now + _days(8)},
    "open": lambda now: {"opens_at": now - _days(1), "closes_at": now + _days(7)},
    "closed": lambda now: {"opens_at": now - _days(8), "closes_at": now - _days(1)},
}


def _days(count):
    return datetime.timedelta(days=count)


@pytest.mark.parametrize("eligibility", [CONFIRMED, VERIFIED])
@pytest.mark.parametrize("role", ROLES)
def test_survey_answers_follow_the_same_rule(home_page, role, eligibility):
    consultation, _proposals = voting_consultation(home_page, eligibility=eligibility)
    elsewhere = CentrePageFactory(parent=home_page, town="Chrzanów")
    user = make_person(role, consultation.centre, elsewhere)
    web, _api = clients(user)
    wrong = []
    for state, dates in SURVEY_DATES.items():
        survey = survey_page(consultation, questions=[], **dates(timezone.now()))
        rule = survey_decision(survey, user).code
        response = web.post(survey.url, {})
        refusal = getattr(response, "refusal", None)
        code = refusal.code if refusal is not None else ""
        expected = "phase" if state != "open" else expected_code(role, eligibility, "", "survey")
        if not (code == expected == rule):
            wrong.append((state, expected, code, response.status_code))
    assert wrong == []
