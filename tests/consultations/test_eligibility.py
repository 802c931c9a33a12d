"""Who may propose, comment, support, pledge and vote, in which phase: the rule matrix."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone, translation

from accounts.models import Verification
from consultations import participation
from consultations.models import ConsultationPage, Phase
from consultations.participation import decide, what_you_can_do
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_consultations import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    with_phases,
)

NOW = timezone.make_aware(datetime.datetime(2026, 6, 1, 12))
DAYS = 14
KINDS = [kind for kind, _label in Phase.Kind.choices]
ACTION_KINDS = {
    "propose": {"proposals"},
    "comment": {"proposals", "discussion"},
    "support": {"proposals", "discussion"},
    "pledge": {"proposals", "discussion"},
    "vote": {"voting"},
}
CONFIRMED, VERIFIED = ConsultationPage.Eligibility.CONFIRMED, ConsultationPage.Eligibility.VERIFIED
# Who passes the person checks under each eligibility rule.
ELIGIBLE = {
    CONFIRMED: {"confirmed", "resident_here", "resident_elsewhere"},
    VERIFIED: {"resident_here"},
}
PEOPLE = [
    "anonymous",
    "unconfirmed",
    "confirmed",
    "blocked",
    "resident_here",
    "resident_elsewhere",
]


def moment_in(kind: str) -> datetime.datetime:
    """A moment inside phase `kind` of phases built by with_phases(current="information")."""
    start = NOW - datetime.timedelta(days=DAYS) // 2
    return start + datetime.timedelta(days=DAYS) * KINDS.index(kind) + datetime.timedelta(hours=1)


@pytest.fixture
def centres(home_page):
    here = CentrePageFactory(parent=home_page, town="Nowy Sącz")
    elsewhere = CentrePageFactory(parent=home_page, town="Chrzanów")
    return here, elsewhere


@pytest.fixture
def make_consultation(centres):
    def make(eligibility):
        index = ConsultationIndexPageFactory(parent=centres[0])
        page = ConsultationPageFactory(parent=index, eligibility=eligibility)
        return with_phases(page, now=NOW, current="information", days=DAYS, publish=False)

    return make


def confirmed_user(**kwargs):
    user = UserFactory(**kwargs)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def resident_of(centre):
    user = confirmed_user()
    Verification.objects.create(user=user, centre=centre, method=Verification.Method.IN_PERSON)
    return user


@pytest.fixture
def person(centres):
    here, elsewhere = centres

    def make(name):
        if name == "anonymous":
            return AnonymousUser()
        if name == "unconfirmed":
            user = UserFactory()
            EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
            return user
        if name == "confirmed":
            return confirmed_user()
        if name == "blocked":
            return confirmed_user(blocked_at=NOW, blocked_reason="Spam")
        if name == "resident_here":
            return resident_of(here)
        return resident_of(elsewhere)

    return make


@pytest.mark.parametrize("eligibility", [CONFIRMED, VERIFIED])
@pytest.mark.parametrize("who", PEOPLE)
def test_rule_matrix_over_phases_and_actions(make_consultation, person, who, eligibility):
    consultation = make_consultation(eligibility)
    user = person(who)
    wrong = []
    for kind in KINDS:
        for action, kinds in ACTION_KINDS.items():
            expected = kind in kinds and who in ELIGIBLE[eligibility]
            decision = decide(user, consultation, action, moment_in(kind))
            if decision.allowed != expected:
                wrong.append((kind, action, decision))
            if not decision.allowed:
                assert decision.reason
    assert wrong == []


def test_nothing_is_allowed_before_the_first_phase(make_consultation, person):
    consultation = make_consultation(CONFIRMED)
    before = moment_in("information") - datetime.timedelta(days=DAYS)
    user = person("confirmed")
    assert not any(decide(user, consultation, a, before) for a in ACTION_KINDS)


def test_nothing_is_allowed_after_the_last_phase(make_consultation, person):
    consultation = make_consultation(CONFIRMED)
    after = moment_in("implementation") + datetime.timedelta(days=DAYS)
    user = person("confirmed")
    assert not any(decide(user, consultation, a, after) for a in ACTION_KINDS)


def test_phase_refusal_comes_before_asking_to_sign_in(make_consultation):
    consultation = make_consultation(CONFIRMED)
    decision = decide(AnonymousUser(), consultation, "vote", moment_in("proposals"))
    assert decision.code == "phase"
    assert not decision.login_needed


def test_phase_refusal_says_from_when_the_action_opens(make_consultation):
    consultation = make_consultation(CONFIRMED)
    with translation.override("en"):
        decision = decide(None, consultation, "vote", moment_in("proposals"))
    assert decision.reason.startswith("You will be able to vote from ")


def test_phase_refusal_says_when_the_action_ended(make_consultation):
    consultation = make_consultation(CONFIRMED)
    with translation.override("en"):
        decision = decide(None, consultation, "propose", moment_in("voting"))
    assert decision.reason.startswith("The time to submit an idea ended on ")


def test_anonymous_visitor_is_asked_to_sign_in(make_consultation):
    consultation = make_consultation(CONFIRMED)
    decision = decide(AnonymousUser(), consultation, "propose", moment_in("proposals"))
    assert decision.login_needed
    assert decision.code == "login"


def test_unconfirmed_email_is_asked_to_confirm(make_consultation, person):
    consultation = make_consultation(CONFIRMED)
    decision = decide(person("unconfirmed"), consultation, "propose", moment_in("proposals"))
    assert decision.code == "email"
    assert not decision.login_needed


def test_blocked_user_is_told_the_account_is_blocked(make_consultation, person):
    consultation = make_consultation(CONFIRMED)
    decision = decide(person("blocked"), consultation, "comment", moment_in("discussion"))
    assert decision.code == "blocked"


def test_resident_of_another_town_is_told_the_town(make_consultation, person):
    consultation = make_consultation(VERIFIED)
    with translation.override("en"):
        decision = decide(
            person("resident_elsewhere"), consultation, "propose", moment_in("proposals")
        )
    assert decision.code == "residence"
    assert "Only verified residents of Nowy Sącz" in decision.reason


def test_revoked_verification_no_longer_counts(make_consultation, centres):
    consultation = make_consultation(VERIFIED)
    user = resident_of(centres[0])
    Verification.objects.filter(user=user).update(revoked_at=NOW, revoke_reason="Moved away")
    assert not decide(user, consultation, "propose", moment_in("proposals"))


def test_phase_closed_early_refuses_its_actions(make_consultation, person):
    consultation = make_consultation(CONFIRMED)
    moment = moment_in("proposals")
    consultation.phases.filter(kind="proposals").update(closed_early_at=moment)
    assert decide(person("confirmed"), consultation, "propose", moment).code == "phase"


def test_unknown_action_is_a_programming_error(make_consultation):
    with pytest.raises(ValueError, match="Unknown action"):
        decide(None, make_consultation(CONFIRMED), "delete")


def test_decision_is_truthy_only_when_allowed():
    assert participation.Decision(True)
    assert not participation.Decision(False, "no")


def test_the_rule_costs_at_most_four_queries(
    make_consultation, centres, django_assert_max_num_queries
):
    consultation = ConsultationPage.objects.get(pk=make_consultation(VERIFIED).pk)
    user = resident_of(centres[0])
    with django_assert_max_num_queries(4):
        assert decide(user, consultation, "propose", moment_in("proposals"))


def test_the_rule_uses_prefetched_phases(make_consultation, django_assert_num_queries):
    page = make_consultation(CONFIRMED)
    consultation = ConsultationPage.objects.prefetch_related("phases").get(pk=page.pk)
    with django_assert_num_queries(0):
        decide(AnonymousUser(), consultation, "propose", moment_in("proposals"))


def test_what_you_can_do_lists_the_actions_of_the_running_phase(make_consultation, person):
    consultation = make_consultation(CONFIRMED)
    today = what_you_can_do(consultation, person("confirmed"), moment_in("discussion"))
    assert today.open_actions == ["comment", "support", "pledge"]
    assert today.phase.kind == "discussion"


def test_what_you_can_do_asks_the_database_about_the_person_once(
    make_consultation, person, django_assert_num_queries
):
    consultation = make_consultation(CONFIRMED)
    user = person("confirmed")
    consultation = ConsultationPage.objects.prefetch_related("phases").get(pk=consultation.pk)
    with django_assert_num_queries(1):  # the email address
        what_you_can_do(consultation, user, moment_in("proposals"))
