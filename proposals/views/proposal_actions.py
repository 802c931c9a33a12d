"""What the actions on a proposal (support, help, follow, comments) share: the proposal they act
on, the way back to it, and the answers for too many requests and for someone who may not take
part."""

from django.shortcuts import get_object_or_404, render

from consultations import participation
from consultations.models import ConsultationPage
from proposals.models import Proposal


def proposal_for(consultation: ConsultationPage, pk: int) -> Proposal:
    """A visible proposal of this consultation (404 otherwise), its consultation attached."""
    proposal = get_object_or_404(Proposal.objects.visible(), consultation=consultation, pk=pk)
    proposal.consultation = consultation
    return proposal


def detail_url(request, consultation: ConsultationPage, proposal: Proposal) -> str:
    return consultation.sub_url("proposal_detail", request=request, pk=proposal.pk)


def rate_limited(request, consultation, proposal):
    context = {"page": consultation, "back_url": detail_url(request, consultation, proposal)}
    return render(request, "proposals/rate_limited.html", context, status=429)


def refusal(request, consultation, action: str = "support"):
    """A response refusing someone who may not take part here (the person only, whatever the
    phase: following, taking an offer of help back and changing one's own comment need no
    running phase), or None when they may."""
    decision = participation.person_decision(request.user, consultation, action)
    if decision:
        return None
    return participation.refusal_response(request, decision, consultation=consultation)
