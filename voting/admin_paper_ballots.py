"""Paper ballots in the Wagtail admin, what was chosen: the list of typed-in cards and one
card, with its corrections trail (never who voted: that is admin_paper_voters.py)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts.roles import is_staff_for
from voting.admin_paper import (
    CORRECT,
    PER_PAGE,
    VIEW_BALLOTS,
    PaperView,
)
from voting.models import (
    Ballot,
    BallotChoice,
    Channel,
    PaperEntry,
)
from voting.paper_forms import (
    CorrectionForm,
    initial_for,
)
from voting.services import voting


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
