"""The discussion under a proposal: writing, correcting and deleting comments.

Each action has a page of its own (GET) so it works without JavaScript; POST acts.
`discussion_context` prepares includes/comments.html for the detail page.
"""

from django import forms
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import ratelimit
from accounts.views.common import with_next
from consultations import participation
from proposals.models import COMMENT_MAX, Comment
from proposals.services import discussion
from proposals.views import fragments
from proposals.views.proposal_actions import detail_url, proposal_for, rate_limited, refusal

COMMENTS_PER_PAGE = 20
COMMENT_LIMIT = {"limit": 10, "period": 60}
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


def discussion_context(request, proposal, consultation, *, base: str | None = None) -> dict:
    """One page of top-level comments (20, oldest or newest first) with their replies.

    The thread is the same for every reader (fragments.py keeps it per content version); the
    reader's own actions and the comment form are added here. The number of queries does not
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
    html = thread["html"]
    if user.is_authenticated and user.pk in thread["authors"]:
        html = _own_actions(html, thread["authors"][user.pk], user, timezone.now())
    comments_base = base + consultation.reverse_subpage(
        "comment_create", kwargs={"pk": proposal.pk}
    )
    return {
        "comments_thread": fragments.with_csrf(request, html),
        "comments_sort": sort,
        "comment_create_url": comments_base,
        "comment_form": CommentForm(auto_id="comment-%s"),
        "can_comment": can_comment,
    }


def _comment_for(proposal, comment_pk) -> Comment:
    return get_object_or_404(
        Comment.objects.select_related("author"), proposal=proposal, pk=comment_pk
    )


def _replied_to(proposal, parent_pk) -> Comment | None:
    """The proposal's comment a reply answers, or None when there is none or it is gone."""
    if not parent_pk:
        return None
    try:
        return Comment.objects.select_related("author").get(proposal=proposal, pk=int(parent_pk))
    except (Comment.DoesNotExist, ValueError):
        return None


def comment_create(request, consultation, pk):
    """GET: the comment (or reply, ?odpowiedz=<id>) form on its own page; POST: publish it."""
    proposal = proposal_for(consultation, pk)
    back = detail_url(request, consultation, proposal)
    parent_pk = request.POST.get("parent") or request.GET.get("odpowiedz")
    parent = _replied_to(proposal, parent_pk)
    form = CommentForm(request.POST or None, initial={"parent": parent.pk if parent else None})

    def show(status=200):
        context = {
            "page": consultation,
            "proposal": proposal,
            "form": form,
            "parent": parent,
            "back_url": back,
            "action_url": request.path,
        }
        return render(request, "proposals/comment_form.html", context, status=status)

    def refused(decision):  # not in this phase: said beside the text, which is kept
        form.add_error("body", decision.message)
        return show(status=403)

    # Officials of the centre answer officially at any time (discussion.comment_add): the
    # residents' rule is not theirs, on the site as in the API.
    if not discussion.is_official_author(request.user, proposal):
        decision = participation.decide(request.user, consultation, "comment")
        if not decision:
            return participation.refusal_response(
                request, decision, consultation=consultation, page=refused
            )
    if request.method != "POST":
        return show()
    if not ratelimit.hit("proposals-comment", str(request.user.pk), **COMMENT_LIMIT):
        return rate_limited(request, consultation, proposal)
    if parent_pk and parent is None:
        form.add_error(None, _("The comment you replied to no longer exists."))
    if form.is_valid():
        try:
            comment = discussion.comment_add(
                proposal=proposal,
                author=request.user,
                body=form.cleaned_data["body"],
                parent=parent,
            )
        except participation.NotAllowed as error:
            return participation.refusal_response(
                request, error.decision, consultation=consultation, page=refused
            )
        except ValidationError as error:
            for text in error.messages:
                form.add_error("body", text)
        else:
            messages.success(request, _("Your comment is published."))
            return redirect(f"{back}#comment-{comment.pk}")
    return show(status=400)


def comment_edit(request, consultation, pk, comment_pk):
    """GET: the form with the comment's text; POST: save the correction (15 minutes)."""
    proposal = proposal_for(consultation, pk)
    back = detail_url(request, consultation, proposal)
    if response := refusal(request, consultation):
        return response
    comment = _comment_for(proposal, comment_pk)
    if comment.author_id != request.user.pk:
        raise PermissionDenied
    if not discussion.can_edit(comment, request.user):
        messages.error(request, _("A comment can be changed only within 15 minutes of writing it."))
        return redirect(f"{back}#comment-{comment.pk}")
    form = CommentForm(request.POST or None, initial={"body": comment.body})
    status = 200
    if request.method == "POST":
        if not ratelimit.hit("proposals-comment-edit", str(request.user.pk), **COMMENT_LIMIT):
            return rate_limited(request, consultation, proposal)
        if form.is_valid():
            try:
                discussion.comment_edit(
                    comment=comment, author=request.user, body=form.cleaned_data["body"]
                )
            except ValidationError as error:
                for text in error.messages:
                    form.add_error("body", text)
            else:
                messages.success(request, _("Your comment is corrected."))
                return redirect(f"{back}#comment-{comment.pk}")
        status = 400
    context = {
        "page": consultation,
        "proposal": proposal,
        "form": form,
        "comment": comment,
        "editing": True,
        "back_url": back,
        "action_url": request.path,
    }
    return render(request, "proposals/comment_form.html", context, status=status)


def comment_delete(request, consultation, pk, comment_pk):
    """GET: ask for confirmation; POST: delete one's own comment."""
    proposal = proposal_for(consultation, pk)
    back = detail_url(request, consultation, proposal)
    if response := refusal(request, consultation):
        return response
    comment = _comment_for(proposal, comment_pk)
    if not discussion.can_delete(comment, request.user):
        raise PermissionDenied
    if request.method == "POST":
        if not ratelimit.hit("proposals-comment-delete", str(request.user.pk), **COMMENT_LIMIT):
            return rate_limited(request, consultation, proposal)
        discussion.comment_delete(comment=comment, author=request.user)
        messages.success(request, _("Your comment is deleted."))
        return redirect(f"{back}#discussion")
    context = {
        "page": consultation,
        "proposal": proposal,
        "comment": comment,
        "back_url": back,
        "action_url": request.path,
    }
    return render(request, "proposals/comment_delete.html", context)
