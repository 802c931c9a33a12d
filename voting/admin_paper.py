"""Paper ballots in the Wagtail admin: typing in cards, correcting them, settling double votes.

This module holds the permissions, the base view and the typing-in; the ballots and their
corrections are in admin_paper_ballots.py, the voters and double votes in admin_paper_voters.py.

Secrecy: a page shows either what was chosen (the ballots) or who voted (the voters), never
both. Each view serves the staff of the consultation's own centre only.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts.roles import is_staff_for, staff_centres
from consultations.admin_views import AdminView
from consultations.models import ConsultationPage
from voting.models import (
    ResultSnapshot,
)
from voting.paper_forms import (
    PaperBallotForm,
)
from voting.services import voting

ENTER = "voting.add_ballot"
VIEW_BALLOTS = "voting.view_ballot"
CORRECT = "voting.change_ballot"
VIEW_VOTERS = "voting.view_participation"
RESOLVE = "voting.change_participation"
PER_PAGE = 100


def _consultation(request, page_id: int, permission: str) -> ConsultationPage:
    """The consultation with a vote, if the user holds `permission` at its centre."""
    if not request.user.has_perm(permission):
        raise PermissionDenied
    consultation = get_object_or_404(ConsultationPage.objects.exclude(voting_method=""), pk=page_id)
    if not is_staff_for(request.user, permission, consultation.centre):
        raise PermissionDenied
    return consultation


class PaperView(AdminView):
    """A screen of one consultation's paper channel, for its centre's staff with `permission`."""

    permission = ""
    current = ""

    def prepare(self, *, page_id: int, **kwargs):
        self.consultation = _consultation(self.request, page_id, self.permission)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            consultation=self.consultation,
            nav=self.nav(),
            current=self.current,
            **kwargs,
        )

    def nav(self) -> list[tuple[str, str, str]]:
        """The paper channel's screens this user may open: key, label and URL."""
        # Once the result is published no card can be entered, so none is offered.
        entering = (
            []
            if voting.results_published(self.consultation)
            else [
                ("enter", _("Enter a paper ballot"), "voting_paper:enter", ENTER),
                ("confirm", _("Confirm a paper ballot"), "voting_paper:confirm", ENTER),
            ]
        )
        screens = [
            *entering,
            ("ballots", _("Paper ballots"), "voting_paper:ballots", VIEW_BALLOTS),
            ("unconfirmed", _("Cards to confirm"), "voting_paper:unconfirmed", VIEW_BALLOTS),
            ("protocol", _("Commission protocol"), "voting_paper:protocol", VIEW_BALLOTS),
            ("documents", _("Paper documents"), "voting_paper:documents", VIEW_BALLOTS),
            ("voters", _("Paper voters"), "voting_paper:voters", VIEW_VOTERS),
            ("double", _("Double votes"), "voting_paper:double_votes", VIEW_VOTERS),
        ]
        return [
            (key, label, reverse(name, args=[self.consultation.pk]))
            for key, label, name, permission in screens
            if self.request.user.has_perm(permission)
        ]


def _say_published(request) -> None:
    messages.info(request, _("The results are published; ballots can no longer be entered."))


class PaperIndexView(AdminView):
    """The consultations with a vote in the user's centres: where paper ballots are typed in."""

    template_name = "voting/admin/paper_index.html"

    def prepare(self, **kwargs):
        if not self.request.user.has_perm(VIEW_BALLOTS):
            raise PermissionDenied

    def get(self, request):
        within = Q()
        for path in staff_centres(request.user, VIEW_BALLOTS).values_list("path", flat=True):
            within |= Q(path__startswith=path)
        published = ResultSnapshot.objects.filter(
            consultation=OuterRef("pk"), published_at__isnull=False
        )
        consultations = (
            ConsultationPage.objects.exclude(voting_method="")
            .filter(within)
            .annotate(results_published=Exists(published))
            .order_by("title")
            if within
            else ConsultationPage.objects.none()
        )
        return self.render(consultations=consultations, can_enter=request.user.has_perm(ENTER))


class EnterBallotView(PaperView):
    """Type in one card; on success the empty form waits for the next one."""

    permission = ENTER
    current = "enter"
    template_name = "voting/admin/paper_enter.html"

    def prepare(self, **kwargs):
        super().prepare(**kwargs)
        self.published = voting.results_published(self.consultation)
        if self.published and not self.request.user.has_perm(VIEW_BALLOTS):
            _say_published(self.request)
            raise PermissionDenied

    def get(self, request, page_id: int):
        if self.published:
            return self.to_ballot_list()
        return self.render(form=self.form())

    def post(self, request, page_id: int):
        if self.published:
            return self.to_ballot_list()
        form = self.form(request.POST)
        if form.is_valid():
            number = form.cleaned_data["paper_number"]
            try:
                ballot = voting.enter_paper_ballot(
                    consultation=self.consultation,
                    paper_number=number,
                    by=request.user,
                    voter_name=form.cleaned_data["voter_name"],
                    voter_address=form.cleaned_data["voter_address"],
                    resident=form.cleaned_data["resident"],
                    **form.selection(),
                )
            except ValidationError as error:
                form.add_service_error(error)
            else:
                log(ballot, "mam.paper.enter", user=request.user, data={"paper_number": number})
                messages.success(request, _("Ballot no. %(number)s saved.") % {"number": number})
                return redirect("voting_paper:enter", self.consultation.pk)
        return self.render(form=form, status=400)

    def form(self, data=None) -> PaperBallotForm:
        paper = voting.ballot_paper(self.consultation)
        return PaperBallotForm(data, paper=paper, centre=self.consultation.centre)

    def to_ballot_list(self):
        # Say so before anyone types a card in (the consultation's "Paper ballots" button
        # leads here): the list of cards stays open to those who may see it.
        _say_published(self.request)
        return redirect("voting_paper:ballots", self.consultation.pk)
