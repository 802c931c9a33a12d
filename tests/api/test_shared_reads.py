"""The API's proposal list (of one consultation) and detail are kept per content version
(proposals/api/views.py: shared_read): a second read costs no query, and a change made through
the services shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts import roles
from accounts.services.moderation import contribution_hide
from proposals.services import discussion, engagement
from tests.factories import UserFactory
from tests.factories_proposals import ProposalFactory, confirmed_user

pytestmark = pytest.mark.django_db


def list_url(consultation):
    return f"/api/v1/proposals/?consultation={consultation.pk}"


def detail_url(proposal):
    return f"/api/v1/proposals/{proposal.pk}/"


def queries(api, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert api.get(url).status_code == 200
    return len(captured)


def moderator_of(consultation):
    user = UserFactory()
    user.groups.add(roles.centre_groups_ensure(consultation.centre)[roles.MODERATOR])
    return user


@pytest.mark.parametrize("which", ["list", "detail"])
def test_a_repeated_read_costs_no_query_whatever_the_size(api, consultation, which):
    proposal = ProposalFactory(consultation=consultation)
    url = list_url(consultation) if which == "list" else detail_url(proposal)
    api.get(url)
    api.get(url)
    assert queries(api, url) == 0


@pytest.mark.parametrize("which", ["list", "detail"])
def test_a_support_shows_at_once(api, consultation, committed, which):
    proposal = ProposalFactory(consultation=consultation)
    url = list_url(consultation) if which == "list" else detail_url(proposal)

    def supports():
        body = api.get(url).json()
        return (body["results"][0] if which == "list" else body)["supports_count"]

    assert [supports(), supports(), supports()] == [0, 0, 0]
    with committed():
        engagement.support_add(proposal=proposal, user=confirmed_user())
    assert supports() == 1


def test_a_comment_counts_at_once_in_the_list(api, consultation, committed):
    proposal = ProposalFactory(consultation=consultation)
    for _ in range(3):
        api.get(list_url(consultation))
    with committed():
        discussion.comment_add(proposal=proposal, author=confirmed_user(), body="Dobry pomysł.")
    assert api.get(list_url(consultation)).json()["results"][0]["comments_count"] == 1


def test_a_hidden_proposal_is_gone_at_once(api, consultation, committed):
    proposal = ProposalFactory(consultation=consultation)
    for _ in range(3):
        assert api.get(detail_url(proposal)).status_code == 200
        api.get(list_url(consultation))
    with committed():
        contribution_hide(target=proposal, moderator=moderator_of(consultation), reason="Spam.")
    assert api.get(detail_url(proposal)).status_code == 404
    assert api.get(list_url(consultation)).json()["count"] == 0


def test_an_unpublished_consultation_leaves_the_kept_reads(api, consultation):
    proposal = ProposalFactory(consultation=consultation)
    for _ in range(3):
        api.get(detail_url(proposal))
        api.get(list_url(consultation))
    consultation.unpublish()
    assert api.get(detail_url(proposal)).status_code == 404
    assert api.get(list_url(consultation)).json()["count"] == 0


def test_made_up_consultation_ids_leave_no_versions_behind(api, db):
    from django.core.cache import cache

    from config.cache_versions import consultation_key

    for _ in range(2):
        assert api.get("/api/v1/proposals/?consultation=987654").status_code == 200
    assert cache.get(consultation_key(987654)) is None
