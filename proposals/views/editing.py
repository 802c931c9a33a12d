"""The author changes a proposal (text, place, category, cost) or withdraws it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from consultations.models import ConsultationPage
from consultations.participation import NotAllowed
from proposals import selectors
from proposals.forms import ProposalForm
from proposals.services import submission
from proposals.views.listing import base_url, map_context
from proposals.views.submission import FIELDS, add_errors, not_allowed


def proposal_edit(request, consultation: ConsultationPage, pk: int):
    """The author changes the text, place, category or cost (photos stay as they are)."""
    proposal = selectors.proposal_detail(consultation, pk)
    refusal = submission.edit_refusal(request.user, proposal)
    if refusal:
        return not_allowed(request, consultation, refusal)
    base = base_url(request, consultation)
    detail_url = consultation.sub_url("proposal_detail", base=base, pk=proposal.pk)
    if request.method == "POST":
        form = ProposalForm(request.POST, consultation=consultation)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k in FIELDS}
            data.setdefault("category", None)
            try:
                submission.proposal_edit(proposal=proposal, user=request.user, **data)
            except NotAllowed as error:
                return not_allowed(request, consultation, error)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Your changes are saved."))
                return redirect(detail_url)
        status = 400
    else:
        form = ProposalForm(
            consultation=consultation,
            initial={
                "title": proposal.title,
                "body": proposal.body,
                "category": proposal.category_id,
                "place": proposal.place,
                "district": proposal.district_id,
                "latitude": proposal.latitude,
                "longitude": proposal.longitude,
                "estimated_cost": proposal.estimated_cost,
            },
        )
        status = 200
    context = {
        "page": consultation,
        "consultation_url": base,
        "proposal": proposal,
        "form": form,
        "detail_url": detail_url,
        "deadline": submission.edit_deadline(consultation),
        **map_context(),
    }
    return render(request, "proposals/proposal_edit.html", context, status=status)


def proposal_withdraw(request, consultation: ConsultationPage, pk: int):
    """Ask to confirm (GET), then withdraw (POST); the proposal stays visible as withdrawn."""
    proposal = selectors.proposal_detail(consultation, pk)
    refusal = submission.withdraw_refusal(request.user, proposal)
    if refusal:
        return not_allowed(request, consultation, refusal)
    base = base_url(request, consultation)
    detail_url = consultation.sub_url("proposal_detail", base=base, pk=proposal.pk)
    if request.method == "POST":
        try:
            submission.proposal_withdraw(proposal=proposal, user=request.user)
        except NotAllowed as error:
            return not_allowed(request, consultation, error)
        messages.success(request, _("Your proposal is withdrawn. It stays visible as withdrawn."))
        return redirect(detail_url)
    context = {
        "page": consultation,
        "consultation_url": base,
        "proposal": proposal,
        "detail_url": detail_url,
    }
    return render(request, "proposals/proposal_withdraw.html", context)
