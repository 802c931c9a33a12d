"""seed_demo: departments in both towns, cases in each open consultation (one overdue in each
town), a note, templates, and the 2026 review's cases."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from casework.models import AnswerTemplate, Assignment, Department, InternalNote


@pytest.fixture(scope="class")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.mark.django_db
class TestSeededCasework:
    def test_both_towns_have_departments_and_two_answer_templates(self, seeded):
        for slug in ["nowy-sacz", "chrzanow"]:
            names = set(Department.objects.filter(centre__slug=slug).values_list("name", flat=True))
            assert "Wydział Dróg i Transportu" in names and "Wydział Inwestycji" in names
            assert AnswerTemplate.objects.filter(centre__slug=slug).count() == 2

    def test_nowy_sacz_has_cases_one_overdue_and_an_internal_note(self, seeded):
        cases = Assignment.objects.filter(centre__slug="nowy-sacz")
        assert cases.count() >= 3
        assert cases.overdue(timezone.localdate()).count() == 1
        assert InternalNote.objects.filter(
            proposal__consultation__path__startswith=cases.first().centre.path
        ).exists()

    def test_the_demo_official_sees_the_overdue_case(self, seeded, client):
        official = get_user_model().objects.get(email="urzednik.nowysacz@mam.example.org")
        client.force_login(official)
        late = (
            Assignment.objects.overdue(timezone.localdate()).filter(centre__slug="nowy-sacz").get()
        )
        html = client.get(reverse("mam_cases:overdue")).content.decode()
        assert late.proposal.title in html
        assert late.proposal.title in client.get(reverse("mam_cases:mine")).content.decode()

    def test_chrzanows_open_2027_budget_has_cases_one_past_its_date(self, seeded):
        cases = Assignment.objects.filter(
            proposal__consultation__slug="budzet-obywatelski-2027", centre__slug="chrzanow"
        )
        assert cases.count() >= 3
        assert cases.overdue(timezone.localdate()).count() == 1

    def test_a_second_run_adds_nothing(self, seeded):
        before = Assignment.objects.count(), Department.objects.count()
        call_command("seed_demo", verbosity=0)
        assert (Assignment.objects.count(), Department.objects.count()) == before

    def test_the_2026_review_has_cases_on_criteria_and_appeals(self, seeded, client):
        from django.contrib.contenttypes.models import ContentType

        from review.models import Appeal, Criterion

        types = ContentType.objects.get_for_models(Criterion, Appeal)
        cases = Assignment.objects.filter(proposal__consultation__slug="budzet-obywatelski-2026")
        on_criteria = cases.filter(target_type=types[Criterion])
        on_appeals = cases.filter(target_type=types[Appeal])
        assert on_criteria.count() == 2 and on_appeals.count() == 2
        assert all(case.department_id and case.is_done for case in on_criteria)
        assert all(case.person_id and case.is_done for case in on_appeals)
        assert {case.target.review.proposal_id for case in on_appeals} == {
            case.proposal_id for case in on_appeals
        }
        official = get_user_model().objects.get(email="urzednik.nowysacz@mam.example.org")
        client.force_login(official)
        html = client.get(reverse("mam_cases:index"), {"state": "done"}).content.decode()
        assert "Ocena kryterium: Teren należący do miasta" in html
        assert "Odwołanie i jego rozstrzygnięcie" in html
