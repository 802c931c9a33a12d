"""The end of a signed-in proposal page (the share box, the discussion and the comment form)
shared per content version (proposals/views/detail.py: _tail_html, issue #17): each reader
gets their own token and actions, never another's, and never a stale count."""

import re

import pytest
from django.middleware.csrf import _unmask_cipher_token

from proposals.services import discussion
from tests.factories import UserFactory
from tests.factories_proposals import ProposalFactory, confirmed_user, open_consultation
from tests.proposals.test_detail_fragments import detail_url, signed_in

pytestmark = pytest.mark.django_db

TAIL = "proposals/includes/detail_tail.html"


@pytest.fixture
def consultation(home_page):
    return open_consultation(home_page, current="proposals")


@pytest.fixture
def proposal(consultation):
    return ProposalFactory(consultation=consultation, title="Ławki w parku")


def _comment_form(html: str) -> str:
    return html.split('aria-labelledby="comment-form-title"')[1].split("</form>")[0]


def test_the_second_reader_gets_the_tail_from_the_cache(consultation, proposal):
    first = signed_in().get(detail_url(consultation, proposal))
    second = signed_in().get(detail_url(consultation, proposal))
    assert TAIL in [t.name for t in first.templates]
    assert TAIL not in [t.name for t in second.templates]
    assert "Share this proposal" in second.content.decode()


def test_each_reader_gets_their_own_token_in_the_shared_comment_form(consultation, proposal):
    def secret(html):
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', _comment_form(html))
        return _unmask_cipher_token(token.group(1))

    first = signed_in()
    second = signed_in()
    first_html = first.get(detail_url(consultation, proposal)).content.decode()
    second_html = second.get(detail_url(consultation, proposal)).content.decode()  # cached
    assert "__MAM_FRAGMENT_CSRF__" not in second_html
    assert secret(first_html) != secret(second_html)
    assert secret(second_html) == second.cookies["csrftoken"].value


def test_a_reader_who_may_not_comment_gets_no_comment_form_from_one_who_may(consultation, proposal):
    signed_in().get(detail_url(consultation, proposal))  # a resident who may comment
    html = signed_in(UserFactory()).get(detail_url(consultation, proposal)).content.decode()
    assert 'id="comment-form-title"' not in html
    assert "Commenting is not possible now in this consultation." in html


def test_a_new_comment_changes_the_count_in_the_cached_tail_at_once(
    consultation, proposal, committed
):
    reader = signed_in()
    assert "(0 comments)" in reader.get(detail_url(consultation, proposal)).content.decode()
    with committed():
        discussion.comment_add(proposal=proposal, author=confirmed_user(), body="Świetny pomysł!")
    html = reader.get(detail_url(consultation, proposal)).content.decode()
    assert "(1 comment)" in html
    assert "Świetny pomysł!" in html


def test_the_authors_edit_link_is_not_shown_to_the_next_reader_of_the_cached_tail(
    consultation, proposal
):
    author = confirmed_user()
    comment = discussion.comment_add(proposal=proposal, author=author, body="Mój komentarz.")
    edit = f"komentarze/{comment.pk}/edytuj/"
    assert edit in signed_in(author).get(detail_url(consultation, proposal)).content.decode()
    assert edit not in signed_in().get(detail_url(consultation, proposal)).content.decode()
