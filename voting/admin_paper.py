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
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.log_actions import log

from accounts.roles import is_staff_for, staff_centres
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


def _render(request, template, consultation, context, status=200):
    user = request.user
    # Once the result is published no card can be entered, so none is offered.
    entering = (
        []
        if voting.results_published(consultation)
        else [
            ("enter", _("Enter a paper ballot"), "voting_paper:enter", ENTER),
            ("confirm", _("Confirm a paper ballot"), "voting_paper:confirm", ENTER),
        ]
    )
    nav = [
        *entering,
        ("ballots", _("Paper ballots"), "voting_paper:ballots", VIEW_BALLOTS),
        ("unconfirmed", _("Cards to confirm"), "voting_paper:unconfirmed", VIEW_BALLOTS),
        ("protocol", _("Commission protocol"), "voting_paper:protocol", VIEW_BALLOTS),
        ("documents", _("Paper documents"), "voting_paper:documents", VIEW_BALLOTS),
        ("voters", _("Paper voters"), "voting_paper:voters", VIEW_VOTERS),
        ("double", _("Double votes"), "voting_paper:double_votes", VIEW_VOTERS),
    ]
    context = {
        "consultation": consultation,
        "nav": [
            (key, label, reverse(name, args=[consultation.pk]))
            for key, label, name, permission in nav
            if user.has_perm(permission)
        ],
        **context,
    }
    return TemplateResponse(request, template, context, status=status)


def consultations_index(request):
    """The consultations with a vote in the user's centres: where paper ballots are typed in."""
    if not request.user.has_perm(VIEW_BALLOTS):
        raise PermissionDenied
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
    return TemplateResponse(
        request,
        "voting/admin/paper_index.html",
        {"consultations": consultations, "can_enter": request.user.has_perm(ENTER)},
    )


def enter_ballot(request, page_id: int):
    """Type in one card; on success the empty form waits for the next one."""
    consultation = _consultation(request, page_id, ENTER)
    if voting.results_published(consultation):
        # Say so before anyone types a card in (the consultation's "Paper ballots" button
        # leads here): the list of cards stays open to those who may see it.
        messages.info(request, _("The results are published; ballots can no longer be entered."))
        if request.user.has_perm(VIEW_BALLOTS):
            return redirect("voting_paper:ballots", consultation.pk)
        raise PermissionDenied
    paper = voting.ballot_paper(consultation)
    data = request.POST if request.method == "POST" else None
    form = PaperBallotForm(data, paper=paper, centre=consultation.centre)
    if form.is_valid():
        number = form.cleaned_data["paper_number"]
        try:
            ballot = voting.enter_paper_ballot(
                consultation=consultation,
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
            return redirect("voting_paper:enter", consultation.pk)
    return _render(
        request,
        "voting/admin/paper_enter.html",
        consultation,
        {"form": form, "current": "enter"},
        status=400 if form.is_bound else 200,
    )


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


def ballot_list(request, page_id: int):
    """Paper ballots by number: the marks, validity and who typed them in; no voters."""
    consultation = _consultation(request, page_id, VIEW_BALLOTS)
    ballots = (
        _with_marks_shown(
            Ballot.objects.filter(consultation=consultation, channel=Channel.PAPER), request.user
        )
        .select_related("entered_by", "confirmed_by")
        .prefetch_related(_choices_prefetch())
        .order_by("paper_number")
    )
    page = Paginator(ballots, PER_PAGE).get_page(request.GET.get("p"))
    return _render(
        request,
        "voting/admin/paper_ballots.html",
        consultation,
        {"page_obj": page, "current": "ballots"},
    )


def ballot_detail(request, page_id: int, ballot_id):
    """One paper ballot, its corrections, and (POST) a correction with a reason."""
    consultation = _consultation(request, page_id, VIEW_BALLOTS)
    ballot = get_object_or_404(
        _with_marks_shown(
            Ballot.objects.filter(consultation=consultation, channel=Channel.PAPER), request.user
        )
        .select_related("entered_by", "confirmed_by")
        .prefetch_related(_choices_prefetch()),
        pk=ballot_id,
    )
    can_correct = (
        ballot.marks_shown
        and request.user.has_perm(CORRECT)
        and is_staff_for(request.user, CORRECT, consultation.centre)
    )
    paper = voting.ballot_paper(consultation)
    form = None
    status = 200
    if can_correct:
        if request.method == "POST":
            form = CorrectionForm(request.POST, paper=paper)
            if form.is_valid():
                try:
                    voting.correct_paper_ballot(
                        ballot=ballot,
                        by=request.user,
                        reason=form.cleaned_data["reason"],
                        **form.selection(),
                    )
                except ValidationError as error:
                    form.add_service_error(error)
                else:
                    log(
                        ballot,
                        "mam.paper.correct",
                        user=request.user,
                        data={"reason": form.cleaned_data["reason"].strip()},
                    )
                    messages.success(
                        request,
                        _("Ballot no. %(number)s corrected.") % {"number": ballot.paper_number},
                    )
                    return redirect(request.path)
            status = 400
        else:
            form = CorrectionForm(paper=paper, initial=initial_for(ballot, paper))
    elif request.method == "POST":
        raise PermissionDenied
    corrections = ballot.corrections.select_related("corrected_by") if ballot.marks_shown else []
    return _render(
        request,
        "voting/admin/paper_ballot.html",
        consultation,
        {
            "ballot": ballot,
            "corrections": [_trail_row(c, paper) for c in corrections],
            "form": form,
            "current": "ballots",
        },
        status=status,
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


def voter_list(request, page_id: int):
    """Who voted on paper, as written on the cards; never what they chose."""
    consultation = _consultation(request, page_id, VIEW_VOTERS)
    voters = (
        Participation.objects.filter(consultation=consultation, channel=Channel.PAPER)
        .select_related("user", "entered_by")
        .order_by("paper_number")
    )
    page = Paginator(voters, PER_PAGE).get_page(request.GET.get("p"))
    return _render(
        request,
        "voting/admin/paper_voters.html",
        consultation,
        {"page_obj": page, "current": "voters"},
    )


def double_vote_report(request, page_id: int):
    """People who seem to have voted both ways, and how each case was settled."""
    consultation = _consultation(request, page_id, VIEW_VOTERS)
    can_resolve = request.user.has_perm(RESOLVE) and is_staff_for(
        request.user, RESOLVE, consultation.centre
    )
    return _render(
        request,
        "voting/admin/double_votes.html",
        consultation,
        {
            "cases": reconciliation.double_votes(consultation),
            "can_resolve": can_resolve,
            "form": ResolveForm(),
            "current": "double",
        },
    )


@require_POST
def resolve_double_vote(request, page_id: int, participation_id: int):
    """Settle one confirmed case by the consultation's rule."""
    consultation = _consultation(request, page_id, RESOLVE)
    report_url = reverse("voting_paper:double_votes", args=[consultation.pk])
    paper = get_object_or_404(
        Participation.objects.filter(consultation=consultation, channel=Channel.PAPER),
        pk=participation_id,
    )
    try:
        online_user = get_user_model().objects.get(pk=int(request.POST.get("user", "")))
    except (ValueError, get_user_model().DoesNotExist):
        raise Http404 from None
    form = ResolveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tick the box to confirm it is the same person."))
        return redirect(report_url)
    try:
        rule = reconciliation.resolve_double_vote(
            consultation=consultation, paper=paper, online_user=online_user, by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if rule == ConsultationPage.DoubleVoteRule.BOTH_VOID:
            text = _("Paper ballot no. %(number)s and the online ballot are now void.")
        else:
            text = _("Paper ballot no. %(number)s is now void; the online ballot counts.")
        messages.success(request, text % {"number": paper.paper_number})
    return redirect(report_url)
