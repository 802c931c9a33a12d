"""The discussion under a proposal: writing, correcting and deleting comments.

Each action has a page of its own (GET) so it works without JavaScript; POST acts.
`discussion_context` (comment_thread.py) prepares includes/comments.html for the detail page.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts import ratelimit
from consultations import participation
from proposals.models import Comment
from proposals.services import discussion
from proposals.views.comment_thread import CommentForm, discussion_context
from proposals.views.proposal_actions import detail_url, proposal_for, rate_limited, refusal

__all__ = [
    "COMMENT_LIMIT",
    "CommentForm",
    "comment_create",
    "comment_delete",
    "comment_edit",
    "discussion_context",
]

COMMENT_LIMIT = {"limit": 10, "period": 60}


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
