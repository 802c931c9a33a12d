"""The comments listing in Wagtail's admin: scoped to the centre, filters, report counts."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from accounts import roles
from accounts.models import Report
from proposals.models import Comment
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_consultations import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    with_phases,
)
from tests.factories_proposals import CommentFactory, ProposalFactory

pytestmark = pytest.mark.django_db
INDEX = "mam_proposal_comments:index"


def consultation_in(centre):
    index = ConsultationIndexPageFactory(parent=centre)
    return with_phases(ConsultationPageFactory(parent=index), current="discussion")


def staff(centre, role=roles.MODERATOR):
    user = UserFactory()
    user.groups.add(roles.centre_groups_ensure(centre)[role])
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "en"})
    return user


def report(comment):
    return Report.objects.create(
        content_type=ContentType.objects.get_for_model(Comment),
        object_id=comment.pk,
        reporter=UserFactory(),
        reason=Report.Reason.SPAM,
    )


@pytest.fixture
def nowy_sacz(home_page):
    return CentrePageFactory(parent=home_page, title="MAM Nowy Sącz", slug="nowy-sacz")


@pytest.fixture
def chrzanow(home_page):
    return CentrePageFactory(parent=home_page, title="MAM Chrzanów", slug="chrzanow")


@pytest.fixture
def sacz_proposal(nowy_sacz):
    return ProposalFactory(consultation=consultation_in(nowy_sacz), title="Ławki w parku")


def test_moderators_see_only_their_centres_comments(client, nowy_sacz, chrzanow, sacz_proposal):
    CommentFactory(proposal=sacz_proposal, body="Komentarz z Nowego Sącza")
    other = ProposalFactory(consultation=consultation_in(chrzanow))
    CommentFactory(proposal=other, body="Komentarz z Chrzanowa")
    client.force_login(staff(chrzanow))
    html = client.get(reverse(INDEX)).content.decode()
    assert "Komentarz z Chrzanowa" in html
    assert "Komentarz z Nowego Sącza" not in html


def test_listing_shows_open_reports_and_links(client, nowy_sacz, sacz_proposal):
    comment = CommentFactory(proposal=sacz_proposal, body="Spam spam spam")
    report(comment)
    report(comment)
    client.force_login(staff(nowy_sacz))
    response = client.get(reverse(INDEX))
    html = response.content.decode()
    row = next(r for r in response.context["object_list"] if r.pk == comment.pk)
    assert row.open_reports == 2
    content_type = ContentType.objects.get_for_model(Comment)
    assert reverse("mam_moderation:detail", args=[content_type.pk, comment.pk]) in html
    assert f"propozycje/{sacz_proposal.pk}/" in html


def test_reported_filter_keeps_only_comments_with_open_reports(client, nowy_sacz, sacz_proposal):
    reported = CommentFactory(proposal=sacz_proposal, body="Zgłoszony komentarz")
    CommentFactory(proposal=sacz_proposal, body="Spokojny komentarz")
    report(reported)
    client.force_login(staff(nowy_sacz))
    html = client.get(reverse(INDEX), {"reported": "true"}).content.decode()
    assert "Zgłoszony komentarz" in html
    assert "Spokojny komentarz" not in html


def test_hidden_and_official_filters(client, nowy_sacz, sacz_proposal):
    CommentFactory(proposal=sacz_proposal, body="Ukryty komentarz", hidden_at=timezone.now())
    CommentFactory(proposal=sacz_proposal, body="Odpowiedź urzędu", is_official=True)
    client.force_login(staff(nowy_sacz))
    hidden = client.get(reverse(INDEX), {"hidden": "true"}).content.decode()
    assert "Ukryty komentarz" in hidden
    assert "Odpowiedź urzędu" not in hidden
    official = client.get(reverse(INDEX), {"is_official": "true"}).content.decode()
    assert "Odpowiedź urzędu" in official
    assert "Ukryty komentarz" not in official


def test_search_looks_in_the_body(client, nowy_sacz, sacz_proposal):
    CommentFactory(proposal=sacz_proposal, body="Brakuje oświetlenia")
    CommentFactory(proposal=sacz_proposal, body="Dobry pomysł")
    client.force_login(staff(nowy_sacz))
    html = client.get(reverse(INDEX), {"q": "oświetlenia"}).content.decode()
    assert "Brakuje oświetlenia" in html
    assert "Dobry pomysł" not in html


def test_comment_body_is_escaped(client, nowy_sacz, sacz_proposal):
    CommentFactory(proposal=sacz_proposal, body="<script>alert(1)</script>")
    client.force_login(staff(nowy_sacz))
    html = client.get(reverse(INDEX)).content.decode()
    assert "<script>alert(1)</script>" not in html


def test_editors_cannot_open_the_comments_listing(client, nowy_sacz):
    client.force_login(staff(nowy_sacz, roles.EDITOR))
    assert client.get(reverse(INDEX)).status_code in (302, 403)


# The same with 1 row and with 20: nothing is looked up per row.
QUERIES = 14  # 15 before the user's row was cached (accounts/backends.py), 20 before permissions


@pytest.mark.parametrize("rows", [1, 20])
def test_query_count_does_not_grow_with_rows(
    client, nowy_sacz, sacz_proposal, django_assert_num_queries, rows
):
    moderator = staff(nowy_sacz)
    for _ in range(rows):
        report(CommentFactory(proposal=sacz_proposal))
    client.force_login(moderator)
    client.get(reverse(INDEX))  # warm caches (site root paths, permissions)
    with django_assert_num_queries(QUERIES):
        response = client.get(reverse(INDEX))
    assert len(response.context["object_list"]) == rows
