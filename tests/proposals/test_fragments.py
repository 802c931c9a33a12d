"""Signed-in proposal pages share the parts that are the same for everyone (the list's cards,
the comment thread) per content version (proposals/views/fragments.py): never stale, and never
one person's own bits shown to another."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts import roles
from accounts.services.moderation import contribution_hide
from proposals.services import discussion, engagement, submission
from tests.factories import UserFactory
from tests.factories_proposals import ProposalFactory, confirmed_user, open_consultation

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(home_page):
    return open_consultation(home_page, current="proposals")


@pytest.fixture
def proposal(consultation):
    return ProposalFactory(consultation=consultation, title="Ławki w parku")


def list_url(consultation):
    return consultation.url + consultation.reverse_subpage("proposal_list")


def detail_url(consultation, proposal):
    return consultation.url + consultation.reverse_subpage(
        "proposal_detail", kwargs={"pk": proposal.pk}
    )


def signed_in(user=None):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user or confirmed_user())
    return client


def staff_of(consultation):
    user = UserFactory()
    user.groups.add(roles.centre_groups_ensure(consultation.centre)[roles.MODERATOR])
    return user


def test_a_support_shows_at_once_in_the_signed_in_list(consultation, proposal, committed):
    reader = signed_in()
    assert "0 supports" in reader.get(list_url(consultation)).content.decode()
    with committed():
        engagement.support_add(proposal=proposal, user=confirmed_user())
    assert "1 support" in reader.get(list_url(consultation)).content.decode()


def test_a_hidden_proposal_leaves_the_signed_in_list_at_once(consultation, proposal, committed):
    reader = signed_in()
    assert "Ławki w parku" in reader.get(list_url(consultation)).content.decode()
    with committed():
        contribution_hide(target=proposal, moderator=staff_of(consultation), reason="Spam.")
    assert "Ławki w parku" not in reader.get(list_url(consultation)).content.decode()


def test_an_edited_title_shows_at_once_in_the_signed_in_list(consultation, committed):
    author = confirmed_user()
    proposal = ProposalFactory(consultation=consultation, author=author, title="Ławki w parku")
    reader = signed_in()
    assert "Ławki w parku" in reader.get(list_url(consultation)).content.decode()
    with committed():
        submission.proposal_edit(
            proposal=proposal,
            user=author,
            title="Ławki nad rzeką",
            body=proposal.body,
            place="ul. Parkowa 1",
        )
    html = reader.get(list_url(consultation)).content.decode()
    assert "Ławki nad rzeką" in html


def test_a_new_comment_shows_at_once_to_a_signed_in_reader(consultation, proposal, committed):
    reader = signed_in()
    reader.get(detail_url(consultation, proposal))
    with committed():
        discussion.comment_add(proposal=proposal, author=confirmed_user(), body="Świetny pomysł!")
    assert "Świetny pomysł!" in reader.get(detail_url(consultation, proposal)).content.decode()


def test_a_hidden_comment_is_hidden_at_once_for_a_signed_in_reader(
    consultation, proposal, committed
):
    comment = discussion.comment_add(proposal=proposal, author=confirmed_user(), body="Reklama!")
    reader = signed_in()
    assert "Reklama!" in reader.get(detail_url(consultation, proposal)).content.decode()
    with committed():
        contribution_hide(target=comment, moderator=staff_of(consultation), reason="Spam.")
    html = reader.get(detail_url(consultation, proposal)).content.decode()
    assert "Reklama!" not in html
    assert "Hidden by a moderator:" in html


def test_the_author_gets_edit_links_and_others_get_only_the_report_link(consultation, proposal):
    author = confirmed_user()
    comment = discussion.comment_add(proposal=proposal, author=author, body="Mój komentarz.")
    edit = f"{comment.pk}/edytuj/"
    mine = signed_in(author).get(detail_url(consultation, proposal)).content.decode()
    theirs = signed_in().get(detail_url(consultation, proposal)).content.decode()  # cached
    assert edit in mine
    assert "/zglos/" not in mine.split(f'id="comment-{comment.pk}"')[1].split("</article>")[0]
    assert edit not in theirs
    assert "Report" in theirs.split(f'id="comment-{comment.pk}"')[1].split("</article>")[0]
    # and the other way round: the author after another reader filled the cache
    assert edit in signed_in(author).get(detail_url(consultation, proposal)).content.decode()


def test_the_edit_link_lapses_after_the_window_though_the_thread_is_cached(consultation, proposal):
    import datetime
    from unittest import mock

    from django.utils import timezone

    author = confirmed_user()
    comment = discussion.comment_add(proposal=proposal, author=author, body="Mój komentarz.")
    reader = signed_in(author)
    edit, delete = f"komentarze/{comment.pk}/edytuj/", f"komentarze/{comment.pk}/usun/"
    assert edit in reader.get(detail_url(consultation, proposal)).content.decode()
    later = timezone.now() + datetime.timedelta(minutes=20)
    with mock.patch("proposals.views.comment_thread.timezone.now", return_value=later):
        html = reader.get(detail_url(consultation, proposal)).content.decode()  # cached thread
    assert edit not in html
    assert delete in html


def test_each_reader_gets_their_own_csrf_token_in_the_shared_reply_forms(consultation, proposal):
    from django.middleware.csrf import _unmask_cipher_token

    discussion.comment_add(proposal=proposal, author=confirmed_user(), body="Pierwszy.")

    def secrets(html):
        tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        return {_unmask_cipher_token(token) for token in tokens}

    first = signed_in().get(detail_url(consultation, proposal)).content.decode()
    second = signed_in().get(detail_url(consultation, proposal)).content.decode()  # cached
    assert "__MAM_FRAGMENT_CSRF__" not in second
    assert 'name="parent"' in second
    # The reply forms (shared) carry the same secret as the reader's own comment form.
    assert len(secrets(first)) == len(secrets(second)) == 1
    assert secrets(first) != secrets(second)


def test_a_reader_who_may_not_comment_gets_no_reply_forms_from_one_who_may(consultation, proposal):
    discussion.comment_add(proposal=proposal, author=confirmed_user(), body="Pierwszy.")
    signed_in().get(detail_url(consultation, proposal))  # a resident who may comment
    unconfirmed = UserFactory()  # no confirmed email: may not comment
    html = signed_in(unconfirmed).get(detail_url(consultation, proposal)).content.decode()
    assert 'name="parent"' not in html


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_signed_in_list_costs_the_same_queries_with_more_proposals_shared_or_not(
    consultation, pages_changed
):
    from django.core.cache import cache

    ProposalFactory(consultation=consultation)
    reader = signed_in()
    url = list_url(consultation)
    reader.get(url)
    reader.get(url)
    few_hit = _queries(reader, url)
    pages_changed(consultation.pk)
    few_miss = _queries(reader, url)
    ProposalFactory.create_batch(20, consultation=consultation)
    pages_changed(consultation.pk)
    many_miss = _queries(reader, url)
    many_hit = _queries(reader, url)
    assert few_miss == many_miss
    assert few_hit == many_hit < many_miss
    cache.clear()


def test_the_signed_in_detail_costs_the_same_queries_with_more_comments_shared_or_not(
    consultation, proposal, pages_changed
):
    from tests.factories_proposals import CommentFactory

    CommentFactory(proposal=proposal)
    reader = signed_in()
    url = detail_url(consultation, proposal)
    reader.get(url)
    reader.get(url)
    few_hit = _queries(reader, url)
    pages_changed(consultation.pk)
    few_miss = _queries(reader, url)
    for _ in range(10):
        parent = CommentFactory(proposal=proposal)
        CommentFactory(proposal=proposal, parent=parent)
    pages_changed(consultation.pk)
    many_miss = _queries(reader, url)
    many_hit = _queries(reader, url)
    assert few_miss == many_miss
    assert few_hit == many_hit < many_miss


def test_a_new_category_shows_at_once_in_the_signed_in_filters(consultation, proposal):
    from consultations.models import Category, ConsultationPage

    reader = signed_in()
    assert "Zieleń miejska" not in reader.get(list_url(consultation)).content.decode()
    page = ConsultationPage.objects.get(pk=consultation.pk)
    page.categories.add(Category(name="Zieleń miejska"))
    page.save_revision().publish()  # Wagtail's signals bump the chrome version
    assert "Zieleń miejska" in reader.get(list_url(consultation)).content.decode()


def test_one_residents_support_is_not_shown_to_another_from_the_shared_proposal(
    consultation, proposal
):
    supporter = confirmed_user()
    engagement.support_add(proposal=proposal, user=supporter)
    mine = signed_in(supporter).get(detail_url(consultation, proposal)).content.decode()
    theirs = signed_in().get(detail_url(consultation, proposal)).content.decode()  # shared copy
    assert "You support this proposal." in mine
    assert "You do not support this proposal yet." in theirs
    assert "You support this proposal." not in theirs


def test_an_edit_shows_at_once_on_the_signed_in_detail(consultation, committed):
    author = confirmed_user()
    proposal = ProposalFactory(consultation=consultation, author=author, title="Ławki w parku")
    reader = signed_in()
    assert "Ławki w parku" in reader.get(detail_url(consultation, proposal)).content.decode()
    with committed():
        submission.proposal_edit(
            proposal=proposal,
            user=author,
            title="Ławki nad rzeką",
            body="Cztery ławki wzdłuż bulwaru nad rzeką.",
            place="Bulwar",
        )
    html = reader.get(detail_url(consultation, proposal)).content.decode()
    assert "Ławki nad rzeką" in html
    assert "Cztery ławki wzdłuż bulwaru nad rzeką." in html


def test_a_hidden_proposal_shows_only_the_reason_at_once_when_signed_in(
    consultation, proposal, committed
):
    reader = signed_in()
    assert "Ławki w parku" in reader.get(detail_url(consultation, proposal)).content.decode()
    with committed():
        contribution_hide(target=proposal, moderator=staff_of(consultation), reason="Spam.")
    html = reader.get(detail_url(consultation, proposal)).content.decode()
    assert "Hidden proposal" in html
    assert "<h1>Ławki w parku</h1>" not in html


def test_the_shared_proposal_keeps_no_email_or_password_of_its_people(consultation):
    from proposals import selectors

    author = confirmed_user(display_name="Ola")
    proposal = ProposalFactory(consultation=consultation, author=author)
    shared = selectors.shared_proposal_detail(consultation, proposal.pk)
    assert shared.author.public_label == "Ola"
    assert shared.author.email == ""
    assert shared.author.password == ""
