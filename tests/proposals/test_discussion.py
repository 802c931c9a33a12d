"""Comments: one level of replies, the 15-minute edit window, deleting, counters, escaping."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

from accounts import roles
from accounts.services import moderation
from consultations.participation import NotAllowed
from proposals.models import Comment
from proposals.services import discussion
from proposals.views.comments import COMMENT_LIMIT
from proposals.views.engagement import engagement_context
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_consultations import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    with_phases,
)
from tests.factories_proposals import ProposalFactory

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()


@pytest.fixture
def centre(home_page):
    return CentrePageFactory(parent=home_page, title="MAM Nowy Sącz", slug="nowy-sacz")


@pytest.fixture
def consultation(centre):
    index = ConsultationIndexPageFactory(parent=centre)
    return with_phases(ConsultationPageFactory(parent=index), current="discussion")


@pytest.fixture
def proposal(consultation):
    return ProposalFactory(consultation=consultation)


def resident(**fields):
    user = UserFactory(**fields)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def comments_url(proposal):
    consultation = proposal.consultation
    return consultation.url + consultation.reverse_subpage(
        "comment_create", kwargs={"pk": proposal.pk}
    )


def render_discussion(proposal, user, query=""):
    request = RequestFactory().get("/" + query)
    request.user = user
    context = engagement_context(request, proposal, proposal.consultation)
    return render_to_string("proposals/includes/comments.html", context, request)


def test_comment_is_counted(proposal):
    discussion.comment_add(proposal=proposal, author=resident(), body="Dobry pomysł.")
    proposal.refresh_from_db()
    assert proposal.comments_count == 1


def test_reply_to_a_reply_joins_the_top_level_thread(proposal):
    top = discussion.comment_add(proposal=proposal, author=resident(), body="Pierwszy.")
    reply = discussion.comment_add(proposal=proposal, author=resident(), body="Re", parent=top)
    deeper = discussion.comment_add(proposal=proposal, author=resident(), body="Re2", parent=reply)
    assert deeper.parent == top


def test_reply_to_a_comment_of_another_proposal_is_refused(consultation, proposal):
    other = ProposalFactory(consultation=consultation)
    foreign = discussion.comment_add(proposal=other, author=resident(), body="Tam.")
    with pytest.raises(ValidationError):
        discussion.comment_add(proposal=proposal, author=resident(), body="Tu.", parent=foreign)


def test_empty_comment_is_refused(proposal):
    with pytest.raises(ValidationError):
        discussion.comment_add(proposal=proposal, author=resident(), body="   ")


def test_no_comments_outside_the_discussion_phases(consultation, proposal):
    from consultations.models import ConsultationPage

    proposal.consultation = with_phases(
        ConsultationPage.objects.get(pk=consultation.pk), current="voting"
    )
    with pytest.raises(NotAllowed):
        discussion.comment_add(proposal=proposal, author=resident(), body="Za późno.")


def test_officials_comments_are_marked_official(centre, proposal):
    official = resident()
    official.groups.add(roles.centre_groups_ensure(centre)[roles.OFFICIAL])
    comment = discussion.comment_add(proposal=proposal, author=official, body="Odpowiedź.")
    assert comment.is_official
    assert not discussion.comment_add(proposal=proposal, author=resident(), body="Ja").is_official


def test_author_can_edit_within_15_minutes(proposal):
    author, start = resident(), timezone.now()
    comment = discussion.comment_add(proposal=proposal, author=author, body="Literówka.", now=start)
    later = start + datetime.timedelta(minutes=14, seconds=59)
    discussion.comment_edit(comment=comment, author=author, body="Bez literówki.", now=later)
    comment.refresh_from_db()
    assert comment.body == "Bez literówki."
    assert comment.edited_at == later


def test_editing_after_15_minutes_is_refused(proposal):
    author, start = resident(), timezone.now()
    comment = discussion.comment_add(proposal=proposal, author=author, body="Tekst.", now=start)
    later = start + datetime.timedelta(minutes=15, seconds=1)
    with pytest.raises(ValidationError):
        discussion.comment_edit(comment=comment, author=author, body="Za późno.", now=later)


def test_only_the_author_edits_or_deletes(proposal):
    comment = discussion.comment_add(proposal=proposal, author=resident(), body="Mój.")
    with pytest.raises(PermissionDenied):
        discussion.comment_edit(comment=comment, author=resident(), body="Cudzy.")
    with pytest.raises(PermissionDenied):
        discussion.comment_delete(comment=comment, author=resident())


def test_deleted_comment_without_replies_disappears(proposal):
    author = resident()
    comment = discussion.comment_add(proposal=proposal, author=author, body="Do usunięcia.")
    discussion.comment_delete(comment=comment, author=author)
    proposal.refresh_from_db()
    assert proposal.comments_count == 0
    html = render_discussion(proposal, author)
    assert "Do usunięcia." not in html
    assert f'id="comment-{comment.pk}"' not in html


def test_deleted_comment_with_replies_leaves_a_marker(proposal):
    author = resident()
    comment = discussion.comment_add(proposal=proposal, author=author, body="Pytanie.")
    discussion.comment_add(proposal=proposal, author=resident(), body="Odpowiedź.", parent=comment)
    discussion.comment_delete(comment=comment, author=author)
    proposal.refresh_from_db()
    assert proposal.comments_count == 1
    html = render_discussion(proposal, author)
    assert f'id="comment-{comment.pk}"' in html
    assert "Pytanie." not in html
    assert "Odpowiedź." in html
    assert Comment.objects.get(pk=comment.pk).body == ""


def test_hidden_comment_shows_the_moderators_reason(centre, proposal):
    comment = discussion.comment_add(proposal=proposal, author=resident(), body="Obraźliwe.")
    moderator = resident()
    moderation.contribution_hide(target=comment, moderator=moderator, reason="Obraża innych")
    html = render_discussion(proposal, resident())
    assert "Obraźliwe." not in html
    assert "Obraża innych" in html


def test_comment_text_is_escaped(proposal):
    discussion.comment_add(proposal=proposal, author=resident(display_name=XSS), body=XSS)
    html = render_discussion(proposal, resident())
    assert "<script>" not in html
    assert "onerror=alert(1)>" not in html
    assert "&lt;script&gt;" in html


def test_newest_first_on_request_and_20_threads_a_page(proposal):
    start = timezone.now() - datetime.timedelta(hours=1)
    for number in range(21):
        discussion.comment_add(
            proposal=proposal,
            author=resident(),
            body=f"Komentarz numer {number:02d}.",
            now=start + datetime.timedelta(minutes=number),
        )
    oldest = render_discussion(proposal, resident())
    assert "Komentarz numer 00." in oldest
    assert "Komentarz numer 20." not in oldest
    newest = render_discussion(proposal, resident(), "?kolejnosc=najnowsze")
    assert newest.index("numer 20.") < newest.index("numer 19.")


def count_queries(django_assert_max_num_queries, proposal, viewer, *, fresh=True):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if fresh:  # the shared thread is rendered again (proposals/views/fragments.py)
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        render_discussion(proposal, viewer)
    return len(captured)


def test_discussion_queries_do_not_grow_with_comments(consultation, django_assert_max_num_queries):
    viewer = resident()
    one = ProposalFactory(consultation=consultation)
    many = ProposalFactory(consultation=consultation)
    top = discussion.comment_add(proposal=one, author=resident(), body="Jeden.")
    discussion.comment_add(proposal=one, author=resident(), body="Odp.", parent=top)
    for number in range(20):
        top = discussion.comment_add(proposal=many, author=resident(), body=f"K{number}")
        discussion.comment_add(proposal=many, author=resident(), body="Odp.", parent=top)
    count_queries(django_assert_max_num_queries, one, viewer)  # warm caches (content types)
    assert count_queries(django_assert_max_num_queries, one, viewer) == count_queries(
        django_assert_max_num_queries, many, viewer
    )


def test_the_shared_thread_from_the_cache_costs_the_same_queries_with_more_comments(
    consultation, django_assert_max_num_queries
):
    viewer = resident()
    one = ProposalFactory(consultation=consultation)
    many = ProposalFactory(consultation=consultation)
    discussion.comment_add(proposal=one, author=resident(), body="Jeden.")
    for number in range(20):
        discussion.comment_add(proposal=many, author=resident(), body=f"K{number}")
    counts = []
    for proposal in (one, many):
        render_discussion(proposal, viewer)  # renders and keeps the shared thread
        counts.append(count_queries(django_assert_max_num_queries, proposal, viewer, fresh=False))
    assert counts[0] == counts[1]


# Views ------------------------------------------------------------------------------------


def test_comment_form_posts_and_returns_to_the_comment(client, proposal):
    client.force_login(resident())
    response = client.post(comments_url(proposal), {"body": "Świetny pomysł!"})
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#comment-{comment.pk}")


def test_invalid_comment_keeps_the_text_and_shows_the_error(client, proposal):
    client.force_login(resident())
    response = client.post(comments_url(proposal), {"body": "x" * 2001})
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert "x" * 2001 in response.content.decode()


def test_reply_form_page_works_without_javascript(client, proposal):
    top = discussion.comment_add(proposal=proposal, author=resident(), body="Pytanie?")
    client.force_login(resident())
    page = client.get(comments_url(proposal) + f"?odpowiedz={top.pk}")
    assert page.status_code == 200
    assert "Pytanie?" in page.content.decode()
    client.post(comments_url(proposal), {"body": "Odpowiedź.", "parent": top.pk})
    assert Comment.objects.get(body="Odpowiedź.").parent == top


def test_edit_and_delete_pages_ask_then_act(client, proposal):
    author = resident()
    comment = discussion.comment_add(proposal=proposal, author=author, body="Stary tekst.")
    client.force_login(author)
    edit = f"{comments_url(proposal)}{comment.pk}/edytuj/"
    delete = f"{comments_url(proposal)}{comment.pk}/usun/"
    assert "Stary tekst." in client.get(edit).content.decode()
    client.post(edit, {"body": "Nowy tekst."})
    comment.refresh_from_db()
    assert comment.body == "Nowy tekst."
    assert client.get(delete).status_code == 200
    assert Comment.objects.get(pk=comment.pk).deleted_at is None
    client.post(delete)
    assert Comment.objects.get(pk=comment.pk).deleted_at is not None


def test_someone_elses_comment_cannot_be_deleted(client, proposal):
    comment = discussion.comment_add(proposal=proposal, author=resident(), body="Mój.")
    client.force_login(resident())
    response = client.post(f"{comments_url(proposal)}{comment.pk}/usun/")
    assert response.status_code == 403
    assert Comment.objects.get(pk=comment.pk).deleted_at is None


def test_too_many_comments_in_a_minute_get_429(client, proposal):
    client.force_login(resident())
    for number in range(COMMENT_LIMIT["limit"]):
        client.post(comments_url(proposal), {"body": f"Komentarz {number}"})
    response = client.post(comments_url(proposal), {"body": "Jeszcze jeden"})
    assert response.status_code == 429
    assert Comment.objects.count() == COMMENT_LIMIT["limit"]
