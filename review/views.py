"""Public pages of the review: the list of projects with their outcome, and the appeal form."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from consultations.models import ConsultationPage
from consultations.participation import NotAllowed
from proposals.models import Proposal
from proposals.views.listing import base_url
from review import selectors, services
from review.forms import AppealForm


def review_list(request, consultation: ConsultationPage):
    """Every project of the consultation with its review outcome, appeal and deadlines."""
    setup = selectors.setup_of(consultation)
    if setup is None:
        raise Http404
    base = base_url(request, consultation)
    proposals = selectors.reviewed_proposals(consultation)
    for proposal in proposals:
        proposal.url = consultation.sub_url("proposal_detail", base=base, pk=proposal.pk)
        proposal.the_review = selectors.review_on(proposal)
        proposal.the_appeal = (
            selectors.appeal_of(proposal.the_review) if proposal.the_review else None
        )
    context = {
        "page": consultation,
        "consultation_url": base,
        "setup": setup,
        "proposals": proposals,
        "numbers": selectors.numbers(consultation),
        "today": timezone.localdate(),
    }
    return render(request, "review/review_list.html", context)


def appeal(request, consultation: ConsultationPage, pk: int):
    """The author's appeal against not admitting their project (GET the form, POST to file)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    proposal = get_object_or_404(
        Proposal.objects.visible().select_related("consultation"), consultation=consultation, pk=pk
    )
    proposal.consultation = consultation
    prefetch_related_objects([consultation], "phases")
    review = selectors.review_of(proposal)
    base = base_url(request, consultation)
    detail_url = consultation.sub_url("proposal_detail", base=base, pk=proposal.pk)
    context = {
        "page": consultation,
        "consultation_url": base,
        "proposal": proposal,
        "review": review,
        "detail_url": detail_url,
    }
    refusal = services.appeal_refusal(request.user, review)
    if refusal:
        context["message"] = refusal
        return render(request, "proposals/not_allowed.html", context, status=403)
    form = AppealForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.appeal_file(
                    review=review, reasons=form.cleaned_data["reasons"], by=request.user
                )
            except NotAllowed as error:
                context["message"] = error.message
                return render(request, "proposals/not_allowed.html", context, status=403)
            except ValidationError as error:
                for text in error.messages:
                    form.add_error(None, text)
            else:
                messages.success(
                    request, _("Your appeal is filed. You will get the decision by email.")
                )
                return redirect(detail_url)
        status = 400
    context["form"] = form
    context["setup"] = selectors.setup_of(consultation)
    return render(request, "review/appeal_form.html", context, status=status)
