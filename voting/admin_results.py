"""Staff action in the Wagtail admin: count the votes of a closed vote and publish the result."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.auth import permission_denied

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


def publish_results_view(request, page_id: int):
    """Show the turnout and what publishing does (GET); count and publish (POST)."""
    page = get_object_or_404(ConsultationPage, pk=page_id)
    if not may_publish_results(request.user, page):
        return permission_denied(request)
    if page.permissions_for_user(request.user).can_edit():
        back_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    else:
        back_url = reverse("wagtailadmin_explore", args=[page.get_parent().pk])
    if not page.voting_method:
        messages.warning(request, _("There is no vote in this consultation."))
        return redirect(back_url)
    if results.published_result(page) is not None:
        messages.warning(request, _("The results of this vote are already published."))
        return redirect(back_url)
    if not results.voting_over(page):
        messages.warning(request, _("The results can be counted once voting has closed."))
        return redirect(back_url)
    if request.method == "POST":
        try:
            job = publishing.publish_start(consultation=page, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(back_url)
        return redirect("voting_results:job", job.pk)
    running = publishing.unfinished_job(page)
    if running is not None:
        return redirect("voting_results:job", running.pk)
    return TemplateResponse(
        request,
        "voting/admin/publish_results.html",
        {
            "page": page,
            "turnout": voting.turnout(page),
            "ballots": ballot_counts(page),
            "back_url": back_url,
            "paper_blocker": paper_protocol.publication_blocker(page),
            "header_title": page.title,
            "waiting_ties": tie_draws.waiting_ties(page),
            "draws_url": reverse("voting_results:tie_draws", args=[page.pk]),
        },
    )


def publish_job_view(request, job_id: int):
    """How far publishing is; refreshes itself (no JavaScript) until it is done."""
    job = get_object_or_404(PublishJob.objects.select_related("consultation", "result"), pk=job_id)
    page = job.consultation
    if not may_publish_results(request.user, page):
        return permission_denied(request)
    return TemplateResponse(
        request,
        "voting/admin/publish_job.html",
        {
            "job": job,
            "page": page,
            # WCAG 2.2.1: whoever needs more time turns the automatic refresh off.
            "refresh": request.GET.get("refresh") != "off",
            "results_url": _public_results_url(page),
            "publish_url": reverse("voting_results:publish", args=[page.pk]),
            "header_title": page.title,
        },
    )
