"""Support, "I will help" and follow: POST forms that redirect back to the proposal, or
return the updated fragment to htmx. `engagement_context` feeds the detail page's includes."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import ratelimit, roles
from accounts.models import User
from consultations import participation
from proposals import selectors
from proposals.forms import offer_note_field
from proposals.models import Pledge, Proposal
from proposals.services import engagement
from proposals.services.engagement import STAFF_PERMISSION
from proposals.services.status import unsubscribe_unsign
from proposals.views.comment_thread import discussion_context
from proposals.views.proposal_actions import detail_url, proposal_for, rate_limited, refusal

ACTION_LIMIT = {"limit": 30, "period": 60}


class PledgeForm(forms.Form):
    note = offer_note_field(
        gettext_lazy("How you can help"),
        gettext_lazy("For example: I can bring tools, I can hand out leaflets."),
    )


def _own_engagement(proposal: Proposal, user) -> dict:
    """Whether `user` supports, follows or pledged help: from the detail's own query when it
    read them (selectors.proposal_detail), else in one query (selectors.own_engagement)."""
    if hasattr(proposal, "user_supports"):
        supports, follows = proposal.user_supports, proposal.user_follows
        pledge_id, note = proposal.user_pledge_id, proposal.user_pledge_note
    else:
        supports, follows, pledge_id, note = selectors.own_engagement(proposal, user)
    pledge = None
    if pledge_id is not None:
        pledge = Pledge(pk=pledge_id, proposal=proposal, user=user, note=note)
    return {"user_supports": supports, "user_pledge": pledge, "user_follows": follows}


def engagement_context(request, proposal: Proposal, consultation=None) -> dict:
    """Everything includes/engagement.html and includes/comments.html need.

    The detail view calls ``context.update(engagement_context(request, proposal))``.
    """
    consultation = consultation or proposal.consultation
    user = request.user
    base = consultation.get_url(request) or consultation.url or "/"
    context = {
        "proposal": proposal,
        "consultation": consultation,
        "proposal_url": consultation.sub_url("proposal_detail", base=base, pk=proposal.pk),
        "support_url": consultation.sub_url("support", base=base, pk=proposal.pk),
        "pledge_url": consultation.sub_url("pledge", base=base, pk=proposal.pk),
        "follow_url": consultation.sub_url("follow", base=base, pk=proposal.pk),
        "proposal_open": not proposal.is_hidden
        and proposal.status not in engagement.CLOSED_STATUSES,
        "user_supports": False,
        "user_pledge": None,
        "user_follows": False,
        "can_support": False,
        "helpers": None,
    }
    if user.is_authenticated:
        context.update(_own_engagement(proposal, user))
        context["can_support"] = participation.decide(user, consultation, "support")
        if proposal.author_id == user.pk or roles.is_staff_for_consultation(
            user, STAFF_PERMISSION, consultation
        ):
            context["helpers"] = list(
                Pledge.objects.filter(proposal=proposal)
                .select_related("user")
                .order_by("created_at", "pk")
            )
    note = context["user_pledge"].note if context["user_pledge"] else ""
    # Built only when rendered: the shared support box of most readers comes from the cache.
    context["pledge_form"] = SimpleLazyObject(
        lambda: PledgeForm(initial={"note": note}, auto_id="pledge-%s")
    )
    threshold = consultation.support_threshold
    if threshold:
        context["threshold"] = threshold
        context["threshold_percent"] = min(100, proposal.supports_count * 100 // threshold)
        context["threshold_remaining"] = max(0, threshold - proposal.supports_count)
    context.update(discussion_context(request, proposal, consultation, base=base))
    return context


def _respond(request, consultation, proposal):
    """The updated fragment for htmx; otherwise back to the proposal (no resubmission)."""
    if getattr(request, "htmx", False):
        proposal.refresh_from_db()
        proposal.consultation = consultation
        context = engagement_context(request, proposal, consultation)
        return render(request, "proposals/includes/engagement.html", context)
    return redirect(detail_url(request, consultation, proposal) + "#engagement")


def _act(request, consultation, pk, scope, action, rule: str = ""):
    """Shared frame of the three actions: method, who, rate limit, errors as messages.

    `rule` names the participation action whose whole rule (phase first, then the person)
    applies, as in the API; without it only the person is checked (following, taking an
    offer of help back).
    """
    if request.method != "POST":
        return redirect(detail_url(request, consultation, proposal_for(consultation, pk)))
    proposal = proposal_for(consultation, pk)

    def refused(decision):  # not in this phase: said on the proposal page
        messages.error(request, decision.message)
        return _respond(request, consultation, proposal)

    if rule:
        decision = participation.decide(request.user, consultation, rule)
        if not decision:
            return participation.refusal_response(
                request, decision, consultation=consultation, page=refused
            )
    elif response := refusal(request, consultation):
        return response
    if not ratelimit.hit(scope, str(request.user.pk), **ACTION_LIMIT):
        return rate_limited(request, consultation, proposal)
    try:
        text = action(proposal)
    except participation.NotAllowed as error:
        return participation.refusal_response(
            request, error.decision, consultation=consultation, page=refused
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, text)
    return _respond(request, consultation, proposal)


def support(request, consultation, pk):
    """Support a proposal (action=add) or withdraw the support (action=remove)."""

    def act(proposal):
        if request.POST.get("action") == "remove":
            engagement.support_remove(proposal=proposal, user=request.user)
            return _("You no longer support this proposal.")
        engagement.support_add(proposal=proposal, user=request.user)
        return _("Thank you: you support this proposal.")

    return _act(request, consultation, pk, "proposals-support", act, rule="support")


def pledge(request, consultation, pk):
    """Offer help with an optional note (action=add) or take the offer back (action=remove)."""

    def act(proposal):
        if request.POST.get("action") == "remove":
            engagement.pledge_remove(proposal=proposal, user=request.user)
            return _("You took back your offer of help.")
        form = PledgeForm(request.POST)
        if not form.is_valid():
            raise ValidationError(form.errors["note"])
        engagement.pledge_add(proposal=proposal, user=request.user, note=form.cleaned_data["note"])
        return _("Thank you for offering help. The author can now contact you through MAM.")

    rule = "" if request.POST.get("action") == "remove" else "pledge"
    return _act(request, consultation, pk, "proposals-pledge", act, rule=rule)


def follow(request, consultation, pk):
    """Follow a proposal (action=follow) or stop following it (action=unfollow)."""

    def act(proposal):
        if request.POST.get("action") == "unfollow":
            engagement.unfollow(proposal=proposal, user=request.user)
            return _("You no longer follow this proposal.")
        engagement.follow(proposal=proposal, user=request.user)
        return _("You follow this proposal: we will email you about comments and answers.")

    return _act(request, consultation, pk, "proposals-follow", act)


def unsubscribe(request, token):
    """Stop emails about one proposal from a signed link, without signing in.

    GET only asks (mail scanners open links); POST removes the follow.
    """
    ids = unsubscribe_unsign(token)
    proposal = Proposal.objects.filter(pk=ids[0]).first() if ids else None
    person = User.objects.filter(pk=ids[1]).first() if ids else None
    if proposal is None or person is None:
        return render(request, "proposals/unsubscribe.html", {"invalid": True}, status=400)
    done = False
    if request.method == "POST":
        engagement.unfollow(proposal=proposal, user=person)
        done = True
    context = {"proposal": proposal, "done": done, "action_url": request.path}
    return render(request, "proposals/unsubscribe.html", context)
