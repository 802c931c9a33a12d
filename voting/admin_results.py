"""Staff action in the Wagtail admin: count the votes of a closed vote and publish the result."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.auth import permission_denied

from consultations.admin_views import AdminView
from consultations.models import ConsultationPage
from consultations.permissions import may_publish_results
from voting import paper_protocol
from voting.models import Ballot, PublishJob, counted_ballots
from voting.services import publishing, results, tie_draws, voting


def ballot_counts(consultation: ConsultationPage) -> dict:
    """How many ballots are in, valid and void (one query), for the confirmation page."""
    return Ballot.objects.filter(counted_ballots(), consultation=consultation).aggregate(
        total=Count("pk"), void=Count("pk", filter=~Q(void_reason=""))
    )


def _public_results_url(page: ConsultationPage) -> str:
    return (page.url or "/") + page.reverse_subpage("results")


class PublishResultsView(AdminView):
    """Show the turnout and what publishing does (GET); count and publish (POST)."""

    template_name = "voting/admin/publish_results.html"

    def prepare(self, *, page_id: int):
        self.page = get_object_or_404(ConsultationPage, pk=page_id)
        if not may_publish_results(self.request.user, self.page):
            return permission_denied(self.request)
        if self.page.permissions_for_user(self.request.user).can_edit():
            self.back_url = reverse("wagtailadmin_pages:edit", args=[self.page.pk])
        else:
            self.back_url = reverse("wagtailadmin_explore", args=[self.page.get_parent().pk])
        return None

    def not_now(self) -> str:
        """Why the results cannot be counted now, or an empty string."""
        if not self.page.voting_method:
            return _("There is no vote in this consultation.")
        if results.published_result(self.page) is not None:
            return _("The results of this vote are already published.")
        if not results.voting_over(self.page):
            return _("The results can be counted once voting has closed.")
        return ""

    def get(self, request, page_id: int):
        if reason := self.not_now():
            messages.warning(request, reason)
            return redirect(self.back_url)
        running = publishing.unfinished_job(self.page)
        if running is not None:
            return redirect("voting_results:job", running.pk)
        page = self.page
        return self.render(
            page=page,
            turnout=voting.turnout(page),
            ballots=ballot_counts(page),
            back_url=self.back_url,
            paper_blocker=paper_protocol.publication_blocker(page),
            header_title=page.title,
            waiting_ties=tie_draws.waiting_ties(page),
            draws_url=reverse("voting_results:tie_draws", args=[page.pk]),
        )

    def post(self, request, page_id: int):
        if reason := self.not_now():
            messages.warning(request, reason)
            return redirect(self.back_url)
        try:
            job = publishing.publish_start(consultation=self.page, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self.back_url)
        return redirect("voting_results:job", job.pk)


class PublishJobView(AdminView):
    """How far publishing is; refreshes itself (no JavaScript) until it is done."""

    template_name = "voting/admin/publish_job.html"

    def prepare(self, *, job_id: int):
        self.job = get_object_or_404(
            PublishJob.objects.select_related("consultation", "result"), pk=job_id
        )
        if not may_publish_results(self.request.user, self.job.consultation):
            return permission_denied(self.request)
        return None

    def get(self, request, job_id: int):
        page = self.job.consultation
        return self.render(
            job=self.job,
            page=page,
            # WCAG 2.2.1: whoever needs more time turns the automatic refresh off.
            refresh=request.GET.get("refresh") != "off",
            results_url=_public_results_url(page),
            publish_url=reverse("voting_results:publish", args=[page.pk]),
            header_title=page.title,
        )
