"""The review in the admin: officials see their own centre's only; screens call the services."""

import pytest
from django.urls import reverse

from outcomes.report import council_report
from review import services
from review.models import Appeal, Outcome, Review
from tests.factories import CentrePageFactory
from tests.review.conftest import CRITERIA, assess_all, make_official, warsaw

pytestmark = pytest.mark.django_db


@pytest.fixture
def stranger(home_page):
    """An official of another centre."""
    return make_official(CentrePageFactory(parent=home_page, title="MAM Chrzanów"))


def test_officials_list_their_centres_reviews(client, refused, official):
    client.force_login(official)
    response = client.get(reverse("mam_reviews:index"))
    assert response.status_code == 200
    assert refused.proposal.title in response.content.decode()


def test_another_centres_official_sees_no_review(client, refused, stranger):
    client.force_login(stranger)
    response = client.get(reverse("mam_reviews:index"))
    assert refused.proposal.title not in response.content.decode()
    assert client.get(reverse("mam_reviews:assess", args=[refused.pk])).status_code == 404
    rules = client.get(reverse("mam_review_setup:index")).content.decode()
    assert refused.proposal.consultation.title not in rules


def test_another_centres_official_cannot_edit_the_rules(client, setup, stranger):
    client.force_login(stranger)
    assert client.get(reverse("mam_review_setup:edit", args=[setup.pk])).status_code == 404


def test_a_resident_is_refused(client, refused, author):
    client.force_login(author)
    assert client.get(reverse("mam_reviews:index")).status_code in (302, 403)


def test_the_official_assesses_and_publishes_through_the_screens(client, setup, proposal, official):
    review = services.review_start(proposal=proposal, by=official, assigned_to=official)
    client.force_login(official)
    criteria = list(setup.criteria.all())
    data = {f"met_{c.pk}": "yes" for c in criteria} | {"town_cost": "61000.00"}
    data[f"met_{criteria[0].pk}"] = "no"
    data[f"comment_{criteria[0].pk}"] = "Zadanie powiatu."
    response = client.post(reverse("mam_reviews:assess", args=[review.pk]), data)
    assert response.status_code == 302
    assert review.assessments.count() == len(CRITERIA)
    response = client.post(
        reverse("mam_reviews:decide", args=[review.pk]), {"outcome": Outcome.NOT_ADMITTED}
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.outcome == Outcome.NOT_ADMITTED
    proposal.refresh_from_db()
    assert proposal.official_cost == 61000


def test_staff_enter_a_paper_appeal_and_decide_it(client, setup, proposal, official):
    review = services.review_start(proposal=proposal, by=official)
    assess_all(review, official, failing=[CRITERIA[0]])
    services.review_decide(review=review, outcome=Outcome.NOT_ADMITTED, by=official)
    client.force_login(official)
    from django.utils import timezone

    response = client.post(
        reverse("mam_reviews:paper_appeal", args=[review.pk]),
        {"received_on": timezone.localdate().isoformat(), "reasons": "Pismo z podpisem."},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("mam_reviews:appeal_decide", args=[review.pk]),
        {"decision": "upheld", "reasons": "Zadanie gminy."},
    )
    assert response.status_code == 302
    assert Appeal.objects.get().decision == Appeal.Decision.UPHELD


def test_the_override_screen_logs_the_reason(client, setup, official):
    client.force_login(official)
    response = client.post(
        reverse("mam_reviews:vote_override", args=[setup.pk]), {"reason": "Termin uchwały."}
    )
    assert response.status_code == 302
    setup.refresh_from_db()
    assert setup.vote_override_reason == "Termin uchwały."


def test_the_council_report_counts_reviews_and_appeals(refused, author, official):
    appeal = services.appeal_file(review=refused, reasons="R.", by=author, now=warsaw(2026, 3, 11))
    services.appeal_decide(appeal=appeal, upheld=True, reasons="Tak.", by=official)
    report = council_report(refused.proposal.consultation)
    section = next(s for s in report.sections if s["id"] == "review")
    assert section["numbers"]["not_admitted"] == 1
    assert section["numbers"]["appeals"] == 1
    assert section["numbers"]["upheld"] == 1


def test_the_council_report_page_shows_the_review_section(client, refused, official):
    client.force_login(official)
    consultation = refused.proposal.consultation
    html = client.get(reverse("outcomes_report:html", args=[consultation.pk])).content.decode()
    assert 'id="review"' in html


def test_a_review_exists_once_per_proposal(setup, proposal, official):
    services.review_start(proposal=proposal, by=official)
    services.review_start(proposal=proposal, by=official)
    assert Review.objects.filter(proposal=proposal).count() == 1


def test_an_official_sets_the_rules_of_their_centres_consultation(
    client, consultation, official, stranger
):
    from review.models import ReviewSetup

    data = {
        "consultation": consultation.pk,
        "enabled": "on",
        "appeal_days": "7",
        "appeal_body": "mayor",
        "decision_days": "14",
        "day_count": "calendar",
        "criteria-TOTAL_FORMS": "1",
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
        "criteria-0-text": "Teren należący do miasta",
        "criteria-0-explanation": "",
        "criteria-0-ORDER": "1",
    }
    client.force_login(stranger)  # another centre's consultation is not on offer
    client.post(reverse("mam_review_setup:add"), data)
    assert not ReviewSetup.objects.exists()
    client.force_login(official)
    response = client.post(reverse("mam_review_setup:add"), data)
    assert response.status_code == 302
    setup = ReviewSetup.objects.get()
    assert setup.appeal_body == "mayor"
    assert [c.text for c in setup.criteria.all()] == ["Teren należący do miasta"]


# --- A manual "accepted" cannot bypass the review -------------------------------------------


def test_a_manual_accepted_status_is_refused_when_the_consultation_reviews_projects(
    client, setup, proposal, official
):
    from wagtail.users.models import UserProfile

    from proposals.models import Proposal

    Proposal.objects.filter(pk=proposal.pk).update(status=Proposal.Status.UNDER_REVIEW)
    UserProfile.objects.update_or_create(user=official, defaults={"preferred_language": "en"})
    client.force_login(official)
    response = client.post(
        reverse("mam_proposals:status", args=[proposal.pk]), {"status": "accepted", "answer": ""}
    )
    assert response.status_code == 400
    assert "a project is admitted by publishing its review outcome" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status != Proposal.Status.ACCEPTED


def test_a_manual_accepted_status_is_allowed_without_a_review_step(client, proposal, official):
    from proposals.models import Proposal

    Proposal.objects.filter(pk=proposal.pk).update(status=Proposal.Status.UNDER_REVIEW)
    client.force_login(official)
    response = client.post(
        reverse("mam_proposals:status", args=[proposal.pk]), {"status": "accepted", "answer": ""}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.ACCEPTED


def test_the_review_outcome_still_admits_the_project(setup, proposal, official):
    review = services.review_start(proposal=proposal, by=official)
    assess_all(review, official)
    services.review_decide(review=review, outcome=Outcome.ADMITTED, by=official)
    proposal.refresh_from_db()
    assert proposal.status == "accepted"
