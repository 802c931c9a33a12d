"""Paper ballots in the Wagtail admin: typing in cards, correcting them, settling double votes.

Secrecy: a page shows either what was chosen (the ballots) or who voted (the voters), never
both. Each view serves the staff of the consultation's own centre only.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts.roles import is_staff_for, staff_centres
from consultations.admin_views import AdminView
from consultations.models import ConsultationPage
from voting.models import (
    Ballot,
    BallotChoice,
    Channel,
    PaperEntry,
    Participation,
    ResultSnapshot,
)
from voting.paper_forms import (
    CorrectionForm,
    PaperBallotForm,
    ResolveForm,
    initial_for,
)
from voting.services import reconciliation, voting

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


def _choices_prefetch():
    return Prefetch(
        "choices",
        queryset=BallotChoice.objects.select_related("proposal", "question").order_by(
            "question__sort_order", "proposal__title", "pk"
        ),
    )


def _with_marks_shown(ballots, user):
    """Annotate `marks_shown`: the marks of a card not yet confirmed are shown only to the one
    person who typed it, so that the second typing is done blind (consultations/paper_entry)."""
    entries = PaperEntry.objects.filter(ballot=OuterRef("pk"))
    return ballots.annotate(
        marks_shown=Q(confirmed_at__isnull=False)
        | (Exists(entries.filter(entered_by=user)) & ~Exists(entries.exclude(entered_by=user)))
    )


class BallotListView(PaperView):
    """Paper ballots by number: the marks, validity and who typed them in; no voters."""

    permission = VIEW_BALLOTS
    current = "ballots"
    template_name = "voting/admin/paper_ballots.html"

    def get(self, request, page_id: int):
        ballots = (
            _with_marks_shown(
                Ballot.objects.filter(consultation=self.consultation, channel=Channel.PAPER),
                request.user,
            )
            .select_related("entered_by", "confirmed_by")
            .prefetch_related(_choices_prefetch())
            .order_by("paper_number")
        )
        return self.render(page_obj=Paginator(ballots, PER_PAGE).get_page(request.GET.get("p")))


class BallotDetailView(PaperView):
    """One paper ballot, its corrections, and (POST) a correction with a reason."""

    permission = VIEW_BALLOTS
    current = "ballots"
    template_name = "voting/admin/paper_ballot.html"

    def prepare(self, *, ballot_id, **kwargs):
        super().prepare(**kwargs)
        user = self.request.user
        self.ballot = get_object_or_404(
            _with_marks_shown(
                Ballot.objects.filter(consultation=self.consultation, channel=Channel.PAPER), user
            )
            .select_related("entered_by", "confirmed_by")
            .prefetch_related(_choices_prefetch()),
            pk=ballot_id,
        )
        self.can_correct = (
            self.ballot.marks_shown
            and user.has_perm(CORRECT)
            and is_staff_for(user, CORRECT, self.consultation.centre)
        )
        self.paper = voting.ballot_paper(self.consultation)

    def get(self, request, **kwargs):
        form = None
        if self.can_correct:
            initial = initial_for(self.ballot, self.paper)
            form = CorrectionForm(paper=self.paper, initial=initial)
        return self.render(form=form)

    def post(self, request, **kwargs):
        if not self.can_correct:
            raise PermissionDenied
        form = CorrectionForm(request.POST, paper=self.paper)
        if form.is_valid():
            reason = form.cleaned_data["reason"]
            try:
                voting.correct_paper_ballot(
                    ballot=self.ballot, by=request.user, reason=reason, **form.selection()
                )
            except ValidationError as error:
                form.add_service_error(error)
            else:
                log(
                    self.ballot,
                    "mam.paper.correct",
                    user=request.user,
                    data={"reason": reason.strip()},
                )
                number = self.ballot.paper_number
                messages.success(
                    request, _("Ballot no. %(number)s corrected.") % {"number": number}
                )
                return redirect(request.path)
        return self.render(form=form, status=400)

    def get_context_data(self, **kwargs):
        corrections = (
            self.ballot.corrections.select_related("corrected_by")
            if self.ballot.marks_shown
            else []
        )
        return super().get_context_data(
            ballot=self.ballot,
            corrections=[_trail_row(c, self.paper) for c in corrections],
            **kwargs,
        )


def _summary_text(summary: dict, paper) -> str:
    """A correction's before or after in words (proposal titles, answers)."""
    if summary.get("void"):
        return str(Ballot.Void(summary["void"]).label)
    titles = {option.id: option.proposal.title for option in paper.options}
    questions = {question.pk: question.text for question in paper.questions}
    parts = [titles.get(pk, f"#{pk}") for pk in summary.get("proposals", [])]
    for question_id, answer in summary.get("answers", {}).items():
        label = BallotChoice.Answer(answer).label if answer in BallotChoice.Answer.values else ""
        parts.append(f"{questions.get(int(question_id), question_id)}: {label}")
    return "; ".join(parts) or "—"


def _trail_row(correction, paper) -> dict:
    return {
        "correction": correction,
        "before": _summary_text(correction.before, paper),
        "after": _summary_text(correction.after, paper),
    }


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
