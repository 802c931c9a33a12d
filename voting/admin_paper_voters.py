"""Paper ballots in the Wagtail admin, who voted: the voters' list and the double votes to
settle (never what they chose: that is admin_paper_ballots.py)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.roles import is_staff_for
from consultations.models import ConsultationPage
from voting.admin_paper import (
    PER_PAGE,
    RESOLVE,
    VIEW_VOTERS,
    PaperView,
)
from voting.models import (
    Channel,
    Participation,
)
from voting.paper_forms import (
    ResolveForm,
)
from voting.services import reconciliation


class VoterListView(PaperView):
    """Who voted on paper, as written on the cards; never what they chose."""

    permission = VIEW_VOTERS
    current = "voters"
    template_name = "voting/admin/paper_voters.html"

    def get(self, request, page_id: int):
        voters = (
            Participation.objects.filter(consultation=self.consultation, channel=Channel.PAPER)
            .select_related("user", "entered_by")
            .order_by("paper_number")
        )
        return self.render(page_obj=Paginator(voters, PER_PAGE).get_page(request.GET.get("p")))


class DoubleVoteReportView(PaperView):
    """People who seem to have voted both ways, and how each case was settled."""

    permission = VIEW_VOTERS
    current = "double"
    template_name = "voting/admin/double_votes.html"

    def get(self, request, page_id: int):
        can_resolve = request.user.has_perm(RESOLVE) and is_staff_for(
            request.user, RESOLVE, self.consultation.centre
        )
        return self.render(
            cases=reconciliation.double_votes(self.consultation),
            can_resolve=can_resolve,
            form=ResolveForm(),
        )


class ResolveDoubleVoteView(PaperView):
    """Settle one confirmed case by the consultation's rule (POST only)."""

    permission = RESOLVE

    def prepare(self, *, participation_id: int, **kwargs):
        super().prepare(**kwargs)
        self.paper = get_object_or_404(
            Participation.objects.filter(consultation=self.consultation, channel=Channel.PAPER),
            pk=participation_id,
        )
        try:
            self.online_user = get_user_model().objects.get(
                pk=int(self.request.POST.get("user", ""))
            )
        except (ValueError, get_user_model().DoesNotExist):
            raise Http404 from None

    def post(self, request, **kwargs):
        report_url = reverse("voting_paper:double_votes", args=[self.consultation.pk])
        if not ResolveForm(request.POST).is_valid():
            messages.error(request, _("Tick the box to confirm it is the same person."))
            return redirect(report_url)
        try:
            rule = reconciliation.resolve_double_vote(
                consultation=self.consultation,
                paper=self.paper,
                online_user=self.online_user,
                by=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, self.settled_message(rule))
        return redirect(report_url)

    def settled_message(self, rule) -> str:
        if rule == ConsultationPage.DoubleVoteRule.BOTH_VOID:
            text = _("Paper ballot no. %(number)s and the online ballot are now void.")
        else:
            text = _("Paper ballot no. %(number)s is now void; the online ballot counts.")
        return text % {"number": self.paper.paper_number}
