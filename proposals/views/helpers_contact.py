"""The author or the centre's staff write to everyone who offered help on a proposal."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy, ngettext

from accounts import ratelimit
from accounts.permissions import contribution_refusal, refuse
from proposals.services import helpers
from proposals.views.engagement import detail_url, proposal_for

# Per sender and proposal: a few messages a day, so helpers are not flooded.
MESSAGE_LIMIT = {"limit": 3, "period": 24 * 60 * 60}


class HelpersMessageForm(forms.Form):
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=helpers.SUBJECT_MAX_LENGTH)
    body = forms.CharField(
        label=gettext_lazy("Message"),
        help_text=gettext_lazy(
            "Up to 2000 characters. Helpers see your name, not your email address, "
            "and cannot reply to this email: they answer in a comment or through the centre."
        ),
        max_length=helpers.BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
    )


def helpers_contact(request, consultation, pk):
    """GET: the form and who will get it; POST: send it and go back to the proposal."""
    reason = contribution_refusal(request.user)
    if reason:
        return refuse(request, reason)
    proposal = proposal_for(consultation, pk)
    back_url = detail_url(request, consultation, proposal)
    if not helpers.may_write_to_helpers(request.user, proposal):
        context = {
            "page": consultation,
            "consultation_url": back_url,
            "message": gettext_lazy("Only the author and the centre's staff may write to helpers."),
        }
        return render(request, "proposals/not_allowed.html", context, status=403)
    recipients = helpers.helpers_of(proposal, exclude=request.user).count()
    form = HelpersMessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        key = f"{proposal.pk}:{request.user.pk}"
        if not ratelimit.hit("proposals-helpers-message", key, **MESSAGE_LIMIT):
            context = {"page": consultation, "proposal": proposal, "back_url": back_url}
            return render(
                request, "proposals/helpers_contact.html", {**context, "limited": True}, status=429
            )
        try:
            sent = helpers.helpers_message(
                proposal=proposal, sender=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                ngettext(
                    "Your message was sent to %(count)d helper.",
                    "Your message was sent to %(count)d helpers.",
                    sent,
                )
                % {"count": sent},
            )
            return redirect(back_url + "#engagement")
    context = {
        "page": consultation,
        "proposal": proposal,
        "form": form,
        "recipients": recipients,
        "back_url": back_url,
        "action_url": request.path,
    }
    return render(request, "proposals/helpers_contact.html", context)
