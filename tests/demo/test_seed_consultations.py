"""seed_demo gives each centre a consultation that is taking proposals today."""

import pytest
from django.core.management import call_command
from django.db import transaction

from consultations import selectors
from consultations.models import ConsultationIndexPage, ConsultationPage
from home.models import CentrePage


@pytest.fixture(scope="class")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.mark.django_db
class TestSeededConsultations:
    def test_each_centre_has_a_consultations_index_with_one_proposals_consultation(self, seeded):
        for centre in CentrePage.objects.all():
            index = ConsultationIndexPage.objects.child_of(centre).get()
            assert index.slug == "konsultacje" and index.live
            live = ConsultationPage.objects.child_of(index).live()
            assert live.filter(voting_method="").count() == 1

    def test_both_proposals_consultations_take_proposals_today(self, seeded):
        for consultation in ConsultationPage.objects.filter(voting_method=""):
            assert selectors.current_phase(consultation).kind == "proposals"
            assert selectors.status(consultation) == selectors.OPEN
            assert consultation.live_revision_id

    def test_eligibility_categories_and_map_follow_the_town(self, seeded):
        nowy_sacz = ConsultationPage.objects.get(slug="zielone-podworka-2026")
        chrzanow = ConsultationPage.objects.get(slug="budzet-obywatelski-2027")
        assert nowy_sacz.eligibility == "confirmed" and nowy_sacz.support_threshold == 50
        assert chrzanow.eligibility == "verified"
        assert {c.name for c in nowy_sacz.categories.all()} == {
            "Zieleń",
            "Plac zabaw",
            "Transport",
            "Czystość",
            "Bezpieczeństwo",
        }
        assert float(nowy_sacz.map_latitude) == 49.625
        assert float(chrzanow.map_longitude) == 19.402
        assert nowy_sacz.centre.town == "Nowy Sącz"

    def test_second_run_creates_no_consultation(self, seeded):
        before = ConsultationPage.objects.count(), ConsultationIndexPage.objects.count()
        call_command("seed_demo", verbosity=0)
        after = ConsultationPage.objects.count(), ConsultationIndexPage.objects.count()
        assert before == after == (5, 2)  # two taking proposals, three votes (demo/voting.py)

    def test_seeded_pages_render(self, seeded, client):
        for page in [*ConsultationIndexPage.objects.all(), *ConsultationPage.objects.all()]:
            assert client.get(page.url).status_code == 200, page.url


@pytest.mark.django_db
class TestSeededHistoryOrder:
    def test_finished_budgets_history_follows_its_own_dates(self, seeded):
        """Acceptance before voting, selection at publication: nothing is dated today."""
        from django.utils import timezone

        from consultations.models import Phase
        from proposals.models import StatusChange
        from voting.models import ResultSnapshot

        page = ConsultationPage.objects.get(slug="budzet-obywatelski-2026")
        voting = page.phases.get(kind=Phase.Kind.VOTING)
        published = ResultSnapshot.objects.get(consultation=page).published_at
        assert published < timezone.now() - timezone.timedelta(days=1)
        changes = StatusChange.objects.filter(proposal__consultation=page)
        assert changes.exists()
        for change in changes:
            assert change.created_at >= change.proposal.created_at
            if change.status in ("accepted", "rejected"):  # the review and its appeals
                assert change.created_at < voting.starts_at
            elif change.status in ("in_progress", "implemented"):  # follows its record
                assert published < change.created_at <= timezone.now()
            else:  # selected or not selected by the vote
                assert change.created_at == published
