"""The discussion under a proposal as the detail page shows it: one page of the thread, the
same for every reader (kept per content version by fragments.py), with the reader's own
actions put in and the comment form (includes/comments.html).
"""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy

from accounts.views.common import with_next
from consultations import participation
from proposals.models import COMMENT_MAX, Comment
from proposals.services import discussion
from proposals.views import fragments

COMMENTS_PER_PAGE = 20


SORT_PARAM = "kolejnosc"
NEWEST = "najnowsze"
OLDEST = "najstarsze"


class CommentForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Your comment"),
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": gettext_lazy("Write your comment.")},
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


def _comments_page(request, proposal, sort: str):
    """One page of top-level comments (20) with their replies, in a fixed number of queries."""
    order = ["-created_at", "-pk"] if sort == NEWEST else ["created_at", "pk"]
    live_replies = Comment.objects.filter(parent=OuterRef("pk"), deleted_at__isnull=True)
    top_level = (
        Comment.objects.filter(proposal=proposal, parent__isnull=True)
        .filter(Q(deleted_at__isnull=True) | Exists(live_replies))
        .select_related("author")
        .prefetch_related(
            Prefetch(
                "replies",
                queryset=Comment.objects.filter(deleted_at__isnull=True)
                .select_related("author")
                .order_by("created_at", "pk"),
            )
        )
        .order_by(*order)
    )
    return Paginator(top_level, COMMENTS_PER_PAGE).get_page(request.GET.get("page"))


def _shared_thread(request, proposal, consultation, base, sort, can_comment) -> dict:
    """The thread as every reader sees it (report links, no one's own actions), with the
    authors of its live comments so each reader's own actions can be put in."""
    page = _comments_page(request, proposal, sort)
    comments_base = base + consultation.reverse_subpage(
        "comment_create", kwargs={"pk": proposal.pk}
    )
    content_type = ContentType.objects.get_for_model(Comment)  # cached after the first call
    full_path = request.get_full_path()
    own = {}
    for comment in page.object_list:
        for item in [comment, *comment.replies.all()]:
            item.edit_url = f"{comments_base}{item.pk}/edytuj/"
            item.delete_url = f"{comments_base}{item.pk}/usun/"
            item.user_can_edit = item.user_can_delete = False
            item.report_url = (
                ""
                if item.is_hidden
                else with_next(
                    reverse("accounts:report", args=[content_type.pk, item.pk]), full_path
                )
            )
            if not item.deleted_at and not item.is_hidden:
                own.setdefault(item.author_id, []).append(item)
    context = {
        "comments_page": page,
        "comments_sort": sort,
        "comments_sort_param": SORT_PARAM,
        "comments_newest": NEWEST,
        "comments_oldest": OLDEST,
        "comment_create_url": comments_base,
        "can_comment": can_comment,
        "csrf_token": fragments.CSRF_PLACEHOLDER,
    }
    html = render_to_string("proposals/includes/comment_thread.html", context, request)
    # What each author's own actions need, without the rows (kept small in the cache).
    authors = {
        author_id: [
            {
                "pk": item.pk,
                "author_id": author_id,
                "created_at": item.created_at,
                "edit_url": item.edit_url,
                "delete_url": item.delete_url,
            }
            for item in items
        ]
        for author_id, items in own.items()
    }
    return {"html": str(html), "authors": authors}


def _own_actions(html: str, comments: list[dict], user, now) -> str:
    """Put the reader's own actions (edit within the window, delete, no report link) in place
    of the shared ones under each of their comments."""
    for item in comments:
        comment = Comment(pk=item["pk"], author_id=item["author_id"], created_at=item["created_at"])
        comment.edit_url, comment.delete_url, comment.report_url = (
            item["edit_url"],
            item["delete_url"],
            "",
        )
        comment.user_can_edit = discussion.can_edit(comment, user, now)
        comment.user_can_delete = discussion.can_delete(comment, user)
        start_marker = f"<!--mam-actions:{comment.pk}-->"
        end_marker = f"<!--/mam-actions:{comment.pk}-->"
        start = html.find(start_marker)
        end = html.find(end_marker, start)
        if start < 0 or end < 0:
            continue
        actions = render_to_string("proposals/includes/comment_actions.html", {"comment": comment})
        html = html[: start + len(start_marker)] + actions + html[end:]
    return html


def for_reader(request, html: str, authors: dict) -> str:
    """Shared HTML holding the thread (`authors`: its live comments' authors, as stored with
    it) with the reader's own actions and CSRF token put in."""
    user = request.user
    if user.is_authenticated and user.pk in authors:
        html = _own_actions(html, authors[user.pk], user, timezone.now())
    return fragments.with_csrf(request, html)


def discussion_context(request, proposal, consultation, *, base: str | None = None) -> dict:
    """One page of top-level comments (20, oldest or newest first) with their replies.

    The thread is the same for every reader (fragments.py keeps it per content version); the
    reader's own actions and the comment form are added here (`comments_shared`: the thread as
    stored, for a larger shared part around it, detail.py's tail). The number of queries does not
    depend on the number of comments.
    """
    base = base or consultation.get_url(request) or consultation.url or "/"
    sort = NEWEST if request.GET.get(SORT_PARAM) == NEWEST else OLDEST
    user = request.user
    can_comment = bool(
        user.is_authenticated
        and (
            participation.decide(user, consultation, "comment")
            or discussion.is_official_author(user, proposal)
        )
    )
    key = fragments.key(request, consultation, "comments", proposal.pk, can_comment, base)
    thread = fragments.cached(
        key,
        lambda: _shared_thread(request, proposal, consultation, base, sort, can_comment),
    )
    comments_base = base + consultation.reverse_subpage(
        "comment_create", kwargs={"pk": proposal.pk}
    )
    return {
        "comments_thread": for_reader(request, thread["html"], thread["authors"]),
        "comments_shared": thread,
        "comments_sort": sort,
        "comment_create_url": comments_base,
        # Built only when rendered: a signed-in detail's form comes with its shared tail.
        "comment_form": SimpleLazyObject(lambda: CommentForm(auto_id="comment-%s")),
        "can_comment": can_comment,
    }
