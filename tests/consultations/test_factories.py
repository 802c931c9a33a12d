"""The consultation factories build a live page with phases that others' tests can rely on."""

from consultations.models import Phase
from tests.factories import CentrePageFactory
from tests.factories_consultations import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    with_phases,
)


def test_with_phases_makes_the_requested_phase_current(home_page):
    index = ConsultationIndexPageFactory(parent=CentrePageFactory(parent=home_page))
    consultation = with_phases(ConsultationPageFactory(parent=index), current="voting")
    assert consultation.phase_at().kind == Phase.Kind.VOTING
    assert consultation.live
    assert consultation.phases.count() == 6
