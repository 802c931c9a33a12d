"""The benchmark's data generator, at a tiny size: consistent counters, valid ballots."""

import pytest
from django.db.models import Count, Q

from bench.generate import generate
from bench.names import CONSULTATION_SLUG
from implementation.models import Implementation
from proposals.models import Comment, Proposal, Support
from voting.models import Ballot, BallotChoice, Participation
from voting.services.voting import voter_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def made(home_page):
    return generate(proposals=20, comments=30, supports=40, ballots=10, users=15, seed=7)


def test_it_creates_the_sizes_asked_for(made):
    consultation = made["consultation"]
    assert consultation.proposals.count() == 20
    assert Comment.objects.filter(proposal__consultation=consultation).count() == 30
    assert Comment.objects.filter(parent__isnull=False).count() == 10  # a third are replies
    assert Support.objects.count() == 40
    assert Ballot.objects.filter(consultation=consultation).count() == 10
    assert Participation.objects.filter(consultation=consultation).count() == 10


def test_counters_match_the_rows(made):
    counted = Proposal.objects.annotate(
        supports_rows=Count("supports", distinct=True),
        comments_rows=Count("comments", distinct=True, filter=Q(comments__deleted_at=None)),
    )
    for proposal in counted:
        assert proposal.supports_count == proposal.supports_rows
        assert proposal.comments_count == proposal.comments_rows


def test_replies_belong_to_the_same_proposal_as_their_parent(made):
    for reply in Comment.objects.filter(parent__isnull=False).select_related("parent"):
        assert reply.proposal_id == reply.parent.proposal_id
        assert reply.parent.parent_id is None


def test_ballots_are_found_by_their_voters_keys_and_choose_accepted_proposals(made):
    consultation = made["consultation"]
    keys = set(Ballot.objects.values_list("voter_key", flat=True))
    for participation in Participation.objects.select_related("user"):
        assert voter_key(participation.user, consultation) in keys
    assert not BallotChoice.objects.exclude(proposal__status=Proposal.Status.ACCEPTED).exists()


def test_the_same_seed_gives_the_same_data(home_page):
    first = generate(proposals=5, comments=6, supports=7, ballots=2, users=4, seed=3)
    titles = list(first["consultation"].proposals.order_by("pk").values_list("title", "status"))
    again = generate(proposals=5, comments=6, supports=7, ballots=2, users=4, seed=3, do_reset=True)
    assert list(again["consultation"].proposals.order_by("pk").values_list("title", "status")) == (
        titles
    )


def test_it_refuses_to_add_to_existing_data_without_reset(made):
    with pytest.raises(SystemExit):
        generate(proposals=1, comments=0, supports=0, ballots=0, users=1)


def test_the_profile_names_our_own_functions_for_each_main_page(made):
    from bench.measure import profile

    pages = profile(top=5)
    assert set(pages) == {
        "home page, anonymous",
        "proposal list, signed in",
        "proposal detail, signed in",
        "API proposal list",
    }
    for page in pages.values():
        assert page["status"] == 200
        ours = page["top"][: page["top"].index("")]
        assert any(".py:" in line and ".venv" not in line for line in ours[2:])


def test_a_past_edition_has_implementation_records_with_milestones_for_its_funded_projects(
    made,
):
    from bench.content import content_urls
    from bench.edition import FUNDED_RECORDS
    from bench.names import EDITION_SLUG
    from implementation.models import Implementation, Milestone
    from implementation.selectors import FUNDED
    from voting.models import ResultSnapshot

    records = Implementation.objects.filter(proposal__consultation__slug=EDITION_SLUG)
    assert records.count() == FUNDED_RECORDS
    assert not records.exclude(proposal__status__in=FUNDED).exists()
    assert ResultSnapshot.objects.filter(
        consultation__slug=EDITION_SLUG, published_at__isnull=False
    ).exists()
    assert set(records.values_list("status", flat=True)) == {"planned", "in_progress", "done"}
    assert not records.annotate(steps=Count("milestones")).filter(steps=0).exists()
    assert Milestone.objects.filter(done_on__isnull=False).exists()
    assert content_urls()["implementation"].endswith(f"/{EDITION_SLUG}/realizacja/")


def test_a_reset_after_a_published_result_starts_the_next_tier(made, committed):
    from bench.measure import publish

    with committed():
        publish()  # opens implementation records for the funded projects
    assert Implementation.objects.filter(proposal__consultation__slug=CONSULTATION_SLUG).exists()
    again = generate(proposals=5, comments=6, supports=7, ballots=2, users=4, seed=3, do_reset=True)
    assert again["proposals"] == 5
