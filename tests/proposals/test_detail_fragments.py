"""The signed-in detail keeps more of what is the same for every reader per content version
(proposals/views/detail.py, fragments.py): the facts, description and status history. Never
stale, never one reader's own bits shown to another, and the same bytes as rendered afresh."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from proposals.models import StatusChange
from proposals.services import status
from tests.factories import UserFactory
from tests.factories_proposals import ProposalFactory, confirmed_user, open_consultation

pytestmark = pytest.mark.django_db

BODY = "proposals/includes/proposal_body.html"


@pytest.fixture
def consultation(home_page):
    return open_consultation(home_page, current="proposals")


@pytest.fixture
def proposal(consultation):
    return ProposalFactory(consultation=consultation, title="Ławki w parku")


def detail_url(consultation, proposal):
    return consultation.url + consultation.reverse_subpage(
        "proposal_detail", kwargs={"pk": proposal.pk}
    )


def signed_in(user=None):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user or confirmed_user())
    return client


def without_tokens(html: bytes) -> str:
    """The page without its CSRF tokens (masked afresh for every form)."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html.decode())


def rendered(response) -> list[str]:
    return [template.name for template in response.templates]


def test_the_body_is_rendered_once_for_every_signed_in_reader(consultation, proposal):
    first = signed_in().get(detail_url(consultation, proposal))
    second = signed_in().get(detail_url(consultation, proposal))
    assert BODY in rendered(first)
    assert BODY not in rendered(second)
    assert "<h2>Description</h2>" in second.content.decode()


def test_the_cached_page_is_the_same_bytes_as_one_rendered_afresh(consultation, proposal):
    reader = signed_in()
    reader.get(detail_url(consultation, proposal))
    cached = reader.get(detail_url(consultation, proposal)).content
    cache.clear()
    fresh = reader.get(detail_url(consultation, proposal))
    assert BODY in rendered(fresh)
    assert without_tokens(cached) == without_tokens(fresh.content)


def test_a_status_answer_shows_at_once_in_the_signed_in_history(consultation, proposal, committed):
    reader = signed_in()
    reader.get(detail_url(consultation, proposal))
    staff = UserFactory(is_superuser=True)
    with committed():
        status.status_change(
            proposal=proposal,
            status="under_review",
            answer="Sprawdzamy koszty.",
            by=staff,
            staff_checked=True,
            notify=False,
        )
    html = reader.get(detail_url(consultation, proposal)).content.decode()
    assert "Sprawdzamy koszty." in html


def test_a_forwarding_becomes_overdue_the_next_day_though_the_body_was_kept(
    consultation, proposal, monkeypatch
):
    today = timezone.localdate()
    StatusChange.objects.create(
        proposal=proposal, status=proposal.status, forwarded_to="MPK", answer_due=today
    )
    reader = signed_in()
    assert "Overdue" not in reader.get(detail_url(consultation, proposal)).content.decode()
    monkeypatch.setattr(timezone, "localdate", lambda *a: today + datetime.timedelta(days=1))
    assert "Overdue" in reader.get(detail_url(consultation, proposal)).content.decode()


def list_url(consultation):
    return consultation.url + consultation.reverse_subpage("proposal_list")


def crumbs(html: str) -> str:
    return html[
        html.index('<nav class="breadcrumbs"') : html.index("</nav>", html.index("breadcrumbs"))
    ]


def test_a_renamed_centre_shows_at_once_in_the_kept_breadcrumbs(consultation, proposal):
    reader = signed_in()
    centre = consultation.get_parent().get_parent().specific
    assert centre.title in crumbs(reader.get(list_url(consultation)).content.decode())
    centre.title = "Centrum Nowe"
    centre.save_revision().publish()
    html = crumbs(reader.get(detail_url(consultation, proposal)).content.decode())
    assert "Centrum Nowe" in html
    assert "Centrum Nowe" in crumbs(reader.get(list_url(consultation)).content.decode())


def test_the_breadcrumbs_follow_the_language_though_kept(consultation, proposal):
    reader = signed_in()
    english = crumbs(reader.get(list_url(consultation)).content.decode())
    polish = crumbs(reader.get(list_url(consultation), HTTP_ACCEPT_LANGUAGE="pl").content.decode())
    assert ">Home<" in english
    assert ">Home<" not in polish
    assert 'lang="pl"' in english
    assert 'lang="pl"' not in polish
    assert '<span aria-current="page">Proposals</span>' in english


def test_the_kept_filters_show_each_address_its_own_choice_escaped(consultation, proposal):
    reader = signed_in()
    url = list_url(consultation)
    reader.get(url, {"status": "submitted"})
    assert 'value="submitted" selected' in reader.get(url, {"status": "submitted"}).content.decode()
    other = signed_in().get(url, {"q": '<b>"ławki"</b>'}).content.decode()
    assert 'value="submitted" selected' not in other
    assert 'value="&lt;b&gt;&quot;ławki&quot;&lt;/b&gt;"' in other
    assert "<b>" not in other.split('id="filter-q"')[1].split(">")[0]


def test_the_filters_are_rendered_once_per_address(consultation, proposal):
    first = signed_in().get(list_url(consultation))
    second = signed_in().get(list_url(consultation))
    assert "proposals/includes/proposal_filters.html" in rendered(first)
    assert "proposals/includes/proposal_filters.html" not in rendered(second)
    assert 'id="filter-status"' in second.content.decode()


def test_each_reader_sees_only_their_own_support_follow_and_offer_of_help(consultation, proposal):
    from proposals.services import engagement

    helper = confirmed_user()
    engagement.support_add(proposal=proposal, user=helper)
    engagement.follow(proposal=proposal, user=helper)
    engagement.pledge_add(proposal=proposal, user=helper, note="Przyniosę grabie.")
    mine = signed_in(helper).get(detail_url(consultation, proposal)).content.decode()
    theirs = signed_in().get(detail_url(consultation, proposal)).content.decode()
    assert "You support this proposal" in mine
    assert 'id="follow-button" type="submit" aria-pressed="true"' in mine
    assert "Przyniosę grabie." in mine
    assert "You support this proposal" not in theirs
    assert 'id="follow-button" type="submit" aria-pressed="false"' in theirs
    assert "Przyniosę grabie." not in theirs
    assert "You offered help." not in theirs


ENGAGEMENT = "proposals/includes/engagement.html"


def test_readers_in_the_same_state_share_the_support_section_with_their_own_token(
    consultation, proposal
):
    signed_in().get(detail_url(consultation, proposal))
    reader = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    reader.force_login(confirmed_user())
    response = reader.get(detail_url(consultation, proposal))
    html = response.content.decode()
    assert ENGAGEMENT not in rendered(response)
    assert "__MAM_FRAGMENT_CSRF__" not in html
    form = html[html.index('id="follow-button"') - 900 : html.index('id="follow-button"')]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    url = consultation.url + consultation.reverse_subpage("follow", kwargs={"pk": proposal.pk})
    answer = reader.post(url, {"action": "follow", "csrfmiddlewaretoken": token})
    assert answer.status_code == 302
    assert proposal.follows.count() == 1


def test_another_readers_support_shows_at_once_in_the_kept_support_section(
    consultation, proposal, committed
):
    from proposals.services import engagement

    reader = signed_in()
    assert (
        "<strong>0</strong> people support"
        in reader.get(detail_url(consultation, proposal)).content.decode()
    )
    with committed():
        engagement.support_add(proposal=proposal, user=confirmed_user())
    assert (
        "<strong>1</strong> person supports"
        in reader.get(detail_url(consultation, proposal)).content.decode()
    )


def test_the_author_still_gets_the_helpers_list_not_the_shared_section(consultation):
    from proposals.services import engagement

    author = confirmed_user()
    proposal = ProposalFactory(consultation=consultation, author=author)
    engagement.pledge_add(proposal=proposal, user=confirmed_user(display_name="Ala"))
    signed_in().get(detail_url(consultation, proposal))
    html = signed_in(author).get(detail_url(consultation, proposal)).content.decode()
    assert "People who offered help" in html
    assert (
        "People who offered help"
        not in signed_in().get(detail_url(consultation, proposal)).content.decode()
    )
