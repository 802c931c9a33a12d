"""Scoping to centres through Wagtail's page tree (home/scope.py)."""

import pytest

from consultations.models import ConsultationPage
from home.models import CentrePage
from home.scope import pages_under, rows_under
from proposals.models import Comment, Proposal
from tests.factories import CentrePageFactory
from tests.factories_consultations import ConsultationIndexPageFactory, ConsultationPageFactory
from tests.factories_proposals import CommentFactory, ProposalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def towns(home_page):
    """Two centres, each with a consultation, a proposal and a comment on it."""
    made = {}
    for slug in ("nowy-sacz", "chrzanow"):
        centre = CentrePageFactory(parent=home_page, title=slug, slug=slug)
        index = ConsultationIndexPageFactory(parent=centre)
        consultation = ConsultationPageFactory(parent=index)
        proposal = ProposalFactory(consultation=consultation)
        made[slug] = (centre, consultation, proposal, CommentFactory(proposal=proposal))
    return made


def test_pages_under_a_centre_leave_out_another_centres_pages(towns):
    nowy_sacz, consultation, _proposal, _comment = towns["nowy-sacz"]
    found = pages_under(ConsultationPage.objects.all(), [nowy_sacz])
    assert list(found) == [consultation]


def test_pages_under_include_the_centre_itself_as_wagtail_descendant_of_does(towns):
    nowy_sacz = towns["nowy-sacz"][0]
    assert list(pages_under(CentrePage.objects.all(), [nowy_sacz])) == [nowy_sacz]
    assert set(pages_under(CentrePage.objects.all(), [nowy_sacz])) == set(
        CentrePage.objects.descendant_of(nowy_sacz, inclusive=True)
    )


def test_no_centre_scopes_to_nothing(towns):
    assert not pages_under(ConsultationPage.objects.all(), [])
    assert not Proposal.objects.filter(rows_under([], "consultation__"))


def test_rows_under_reach_their_centre_through_the_page_at_the_prefix(towns):
    nowy_sacz, _consultation, proposal, comment = towns["nowy-sacz"]
    assert list(Proposal.objects.filter(rows_under([nowy_sacz], "consultation__"))) == [proposal]
    comments = Comment.objects.filter(rows_under([nowy_sacz], "proposal__consultation__"))
    assert list(comments) == [comment]


def test_rows_under_several_centres_keep_the_rows_of_each(towns):
    centres = [towns["nowy-sacz"][0], towns["chrzanow"][0]]
    found = Proposal.objects.filter(rows_under(centres, "consultation__"))
    assert set(found) == {towns["nowy-sacz"][2], towns["chrzanow"][2]}


def test_a_prefix_must_end_in_a_lookup_separator(towns):
    with pytest.raises(ValueError):
        rows_under([towns["nowy-sacz"][0]], "consultation")
