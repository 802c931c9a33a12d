"""seed_demo: the finished 2026 budget's funded projects have records: one done with photos
before and after, one delayed with its reason, one in tender."""

import pytest
from django.core.management import call_command
from django.db import transaction

from consultations.models import ConsultationPage
from implementation.models import Implementation, Photo, Status
from implementation.selectors import FUNDED
from proposals.models import Proposal


@pytest.fixture(scope="class")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.mark.django_db
class TestSeededImplementation:
    def test_every_funded_project_of_2026_has_a_record(self, seeded):
        page = ConsultationPage.objects.get(slug="budzet-obywatelski-2026")
        funded = Proposal.objects.filter(consultation=page, status__in=FUNDED)
        assert funded.exists()
        assert set(funded.values_list("pk", flat=True)) <= set(
            Implementation.objects.values_list("proposal_id", flat=True)
        )

    def test_one_done_with_photos_one_delayed_with_reason_one_in_tender(self, seeded):
        done = Implementation.objects.get(status=Status.DONE)
        kinds = set(done.photos.values_list("kind", flat=True))
        assert kinds == {Photo.Kind.BEFORE, Photo.Kind.AFTER}
        delayed = Implementation.objects.get(status=Status.DELAYED)
        assert delayed.reason
        tender = Implementation.objects.get(status=Status.IN_PROGRESS)
        assert tender.milestones.get(kind="tender").done_on is None
        assert tender.milestones.get(kind="permits").done_on is not None

    def test_the_implementation_page_and_overview_render(self, seeded, client):
        page = ConsultationPage.objects.get(slug="budzet-obywatelski-2026")
        response = client.get(page.sub_url("implementation_list"))
        assert response.status_code == 200
        assert Implementation.objects.get(status=Status.DELAYED).reason in response.content.decode()
        assert client.get(f"/realizacja/{page.centre.slug}/").status_code == 200

    def test_a_second_run_adds_no_record(self, seeded):
        before = Implementation.objects.count()
        call_command("seed_demo", verbosity=0)
        assert Implementation.objects.count() == before

    def test_the_done_project_is_implemented_and_the_others_in_progress(self, seeded):
        done = Implementation.objects.select_related("proposal").get(status=Status.DONE)
        assert done.proposal.status == Proposal.Status.IMPLEMENTED
        delayed = Implementation.objects.select_related("proposal").get(status=Status.DELAYED)
        assert delayed.proposal.status == Proposal.Status.IN_PROGRESS
