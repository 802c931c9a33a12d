"""The vote cannot open while appeals are pending, unless staff confirm with a reason."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import PageLogEntry

from consultations import participation
from consultations.models import ConsultationPage
from review import services
from tests.factories_consultations import with_phases
from tests.factories_proposals import confirmed_user
from tests.review.conftest import warsaw

pytestmark = pytest.mark.django_db


@pytest.fixture
def voting(consultation):
    return with_phases(ConsultationPage.objects.get(pk=consultation.pk), current="voting")


@pytest.fixture
def pending(refused, author):
    return services.appeal_file(review=refused, reasons="R.", by=author, now=warsaw(2026, 3, 11))


def test_voting_is_allowed_without_pending_appeals(voting, refused):
    assert participation.decide(confirmed_user(), voting, "vote")


def test_a_pending_appeal_keeps_the_vote_closed(voting, pending):
    decision = participation.decide(confirmed_user(), voting, "vote")
    assert not decision
    assert decision.code == "held"


def test_the_consultation_page_says_why_the_vote_is_closed(voting, pending):
    today = participation.what_you_can_do(voting, confirmed_user())
    assert today.decisions["vote"].code == "held"


def test_a_decided_appeal_lets_the_vote_open(voting, pending, official):
    services.appeal_decide(appeal=pending, upheld=False, reasons="Nie.", by=official)
    assert participation.decide(confirmed_user(), voting, "vote")


def test_paper_ballots_wait_for_the_appeals_too(voting, pending):
    from voting.services.voting import _paper_open

    with pytest.raises(ValidationError):
        _paper_open(voting, warsaw(2027, 1, 1))


def test_staff_override_opens_the_vote_and_logs_the_reason(voting, pending, official):
    services.vote_override(
        consultation=voting, reason="Komisja zbierze się po głosowaniu.", by=official
    )
    assert participation.decide(confirmed_user(), voting, "vote")
    entry = PageLogEntry.objects.get(page=voting, action="mam.review.vote_override")
    assert entry.data["reason"] == "Komisja zbierze się po głosowaniu."
    assert entry.user == official


def test_the_override_needs_a_reason(voting, pending, official):
    with pytest.raises(ValidationError):
        services.vote_override(consultation=voting, reason="  ", by=official)


def test_a_resident_cannot_override(voting, pending):
    with pytest.raises(ValidationError):
        services.vote_override(consultation=voting, reason="Bo tak.", by=confirmed_user())


def test_the_consultation_page_shows_the_hold_instead_of_the_vote_button(client, voting, pending):
    client.force_login(confirmed_user())
    html = client.get(voting.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'href="{voting.url}glosowanie/"' not in html
    assert "Voting opens once the appeals against the review are decided." in html


def test_the_open_now_block_shows_the_hold_instead_of_the_vote_button(client, voting, pending):
    from consultations.selectors import open_now

    votes = [item for item in open_now(voting.centre) if item.kind == "vote"]
    assert votes and votes[0].held
    html = client.get(voting.centre.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Voting opens once the appeals against the review are decided." in html
    assert f'href="{voting.url}glosowanie/"' not in html


def test_the_open_now_block_offers_the_vote_when_nothing_holds_it(client, voting, refused):
    html = client.get(voting.centre.url).content.decode()
    assert f'href="{voting.url}glosowanie/"' in html
