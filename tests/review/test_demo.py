"""seed_demo: the finished 2026 budget shows its review, a reinstated project and a dismissed
appeal, all public."""

import pytest
from django.core.management import call_command
from django.db import transaction

from consultations.models import ConsultationPage
from review.models import Appeal, Outcome, Review
from voting.services.voting import ballot_paper


@pytest.fixture(scope="class")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.mark.django_db
class TestSeededReview:
    def test_one_project_reinstated_on_appeal_and_one_appeal_dismissed(self, seeded):
        page = ConsultationPage.objects.get(slug="budzet-obywatelski-2026")
        reviews = Review.objects.filter(proposal__consultation=page)
        assert reviews.filter(outcome=Outcome.NOT_ADMITTED).count() == 2
        upheld = Appeal.objects.get(review__in=reviews, decision=Appeal.Decision.UPHELD)
        dismissed = Appeal.objects.get(review__in=reviews, decision=Appeal.Decision.DISMISSED)
        assert upheld.review.proposal.status != "rejected"
        assert dismissed.review.proposal.status == "rejected"
        assert dismissed.review.proposal.pk not in {
            option.proposal.pk for option in ballot_paper(page).options
        }

    def test_the_review_list_renders(self, seeded, client):
        page = ConsultationPage.objects.get(slug="budzet-obywatelski-2026")
        response = client.get(page.sub_url("review_list"))
        assert response.status_code == 200
        assert "Fontanna z pokazem świetlnym na Plantach" in response.content.decode()

    def test_a_second_run_adds_no_review(self, seeded):
        before = Review.objects.count()
        call_command("seed_demo", verbosity=0)
        assert Review.objects.count() == before

    def test_the_open_budget_has_an_appeal_pending_within_its_deadline(self, seeded):
        from django.utils import timezone

        from casework.models import Assignment

        page = ConsultationPage.objects.get(slug="budzet-obywatelski-2027")
        assert page.review_setup.criteria.count() == 6
        reviews = Review.objects.filter(proposal__consultation=page)
        assert reviews.filter(outcome=Outcome.ADMITTED).count() == 1
        refused = reviews.get(outcome=Outcome.NOT_ADMITTED)
        assert refused.assessments.filter(met=False).exclude(comment="").count() == 2
        appeal = Appeal.objects.get(review=refused, decision="")
        assert appeal.decide_by >= timezone.localdate()
        assessed = reviews.get(outcome="")
        assert (
            Assignment.objects.open()
            .filter(proposal=assessed.proposal, department__isnull=False)
            .exists()
        )

    def test_the_open_budgets_review_list_shows_the_pending_appeal(self, seeded, client):
        page = ConsultationPage.objects.get(slug="budzet-obywatelski-2027")
        response = client.get(page.sub_url("review_list"))
        assert response.status_code == 200

    def test_the_open_budgets_appeal_committee_has_members(self, seeded, client):
        page = ConsultationPage.objects.get(slug="budzet-obywatelski-2027")
        setup = page.review_setup
        assert setup.appeal_body_name == "Komisja odwoławcza ds. budżetu obywatelskiego"
        assert setup.appeal_body_members.exists()
        html = client.get(page.sub_url("review_list")).content.decode()
        assert setup.appeal_body_name in html
