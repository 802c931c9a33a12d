"""The online ballot: see it, cast it, change it (…/glosowanie/).

GET shows the ballot to everyone (read-only, with the reason, to those who may not vote);
POST casts or changes the signed-in voter's ballot and redirects back (no resubmission).
Results are never shown here: they belong to the results page once voting is over.
"""

from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts import ratelimit
from consultations import counting_rules, participation, selectors
from consultations.models import ConsultationPage, Phase
from voting.forms_voting import (
    CHOICES_ANCHOR,
    BallotForm,
    place_field,
    places,
    pool_anchor,
    posted_ids,
    question_field,
)
from voting.models import Channel
from voting.services import voting
from voting.templatetags.voting_tags import plain_decimal, pln

Method = ConsultationPage.VotingMethod
VOTE_LIMIT = {"limit": 10, "period": 60}


def _results_phase(consultation, now) -> Phase | None:
    """The results phase still to come (or running), whose date says when results appear."""
    return next(
        (
            phase
            for phase in selectors.phases(consultation)
            if phase.kind == Phase.Kind.RESULTS and phase.effective_end > now
        ),
        None,
    )


def _what_next(results_phase) -> str:
    if results_phase is None:
        return _("The results will be published here once voting closes and the votes are counted.")
    return _("The results will be published from %(date)s, after voting closes.") % {
        "date": date_filter(selectors.first_day(results_phase), "j E Y")
    }


def _initial(paper, ballot) -> dict:
    if ballot is None:
        return {}
    choices = list(ballot.choices.all())
    if paper.method == Method.QUESTION:
        return {
            f"question_{choice.question_id}": choice.answer
            for choice in choices
            if choice.question_id
        }
    if paper.points:
        marks = sorted((c for c in choices if c.proposal_id), key=lambda c: c.rank or 0)
        return {place_field(n): str(c.proposal_id) for n, c in enumerate(marks, start=1)}
    return {"proposals": [choice.proposal_id for choice in choices if choice.proposal_id]}


def _detail_urls(base: str, consultation: ConsultationPage):
    """A function from a proposal's id to its page, reversing the route once, not per option."""
    sentinel = 987654321
    before, after = consultation.sub_url("proposal_detail", base=base, pk=sentinel).rsplit(
        str(sentinel), 1
    )
    return lambda pk: f"{before}{pk}{after}"


def _row(option, detail_url, chosen) -> dict:
    """One option as the page prints it: every text ready, since a ballot may list thousands."""
    proposal = option.proposal
    return {
        "option": option,
        "id": str(option.id),  # printed six times a row: not localised as a number each time
        "proposal": proposal,
        "title": proposal.title,
        "category_name": proposal.category_name or "",
        "place": Truncator(proposal.place).chars(60) if proposal.place else "",
        "cost_text": pln(option.cost) if option.cost is not None else "",
        "cost_data": plain_decimal(option.cost) if option.cost is not None else "",
        "url": detail_url(option.id),
        "checked": option.id in chosen,
    }


def _groups(request, consultation, base, paper, form) -> list[dict]:
    """The options as the page shows them: one group (approval) or one per budget pool."""
    chosen = form.chosen_ids()
    detail_url = _detail_urls(base, consultation)
    pools = paper.pools or [None]
    groups = []
    for pool in pools:
        options = paper.options if pool is None else paper.options_in(pool.id)
        rows = [_row(option, detail_url, chosen) for option in options]
        group = {"pool": pool, "rows": rows, "anchor": "ballot-choices"}
        if pool is not None:
            selected = sum((row["option"].cost for row in rows if row["checked"]), Decimal(0))
            group |= {
                "anchor": pool_anchor(pool),
                "selected": selected,
                "remaining": pool.amount - selected,
                "over_by": selected - pool.amount,
            }
        groups.append(group)
    return groups


def _questions(paper, form) -> list[dict]:
    rows = []
    for question in paper.questions:
        field = form[question_field(question)]
        value = field.value()
        answers = [
            {"value": value_, "label": label, "checked": value == value_}
            for value_, label in field.field.choices
        ]
        rows.append({"question": question, "field": field, "answers": answers})
    return rows


def _ranking(paper, form) -> list[dict]:
    """Points vote: each place with its points and the proposal chosen for it."""
    ranked = form.ranked_ids()
    return [
        {
            "place": place,
            "name": place_field(place),
            "points": paper.points[place - 1],
            "chosen": ranked[place - 1],
        }
        for place in range(1, places(paper) + 1)
    ]


def _errors(form) -> list[tuple[str, str]]:
    """(anchor, message) pairs for the error summary: each links to its group."""
    if not form.is_bound or form.is_valid():
        return []
    errors = [(form.error_anchor, message) for message in form.non_field_errors()]
    errors += [(CHOICES_ANCHOR, message) for message in form.errors.get("proposals", [])]
    for question in form.paper.questions:
        name = question_field(question)
        for message in form.errors.get(name, []):
            errors.append((f"question-{question.pk}", f"{question.text}: {message}"))
    return errors


def _context(
    request, consultation, *, form, decision, participation, ballot, now, recount=False
) -> dict:
    paper = form.paper
    base = consultation.get_url(request) or consultation.url or "/"
    voting_phase = selectors.current_phase(consultation, now)
    running = voting_phase is not None and voting_phase.kind == Phase.Kind.VOTING
    voted_online = participation is not None and participation.channel == Channel.ONLINE
    voted_on_paper = participation is not None and participation.channel == Channel.PAPER
    locked = voted_online and consultation.ballots_final
    context = {
        "page": consultation,
        "consultation": consultation,
        "consultation_url": base,
        "vote_url": consultation.sub_url("vote", base=base),
        "login_next": consultation.sub_url("vote", base=base),
        "paper": paper,
        "form": form,
        "errors": [] if recount else _errors(form),
        "recount": recount,
        "decision": decision,
        "participation": participation,
        "ballot": ballot,
        "voted_online": voted_online,
        "voted_on_paper": voted_on_paper,
        "locked": locked,
        "show_form": bool(decision) and not voted_on_paper and not locked,
        "phase_sentence": selectors.phase_sentence(voting_phase, now) if running else "",
        "what_next": _what_next(_results_phase(consultation, now)),
        "groups": _groups(request, consultation, base, paper, form),
        "questions": _questions(paper, form) if paper.method == Method.QUESTION else [],
        "is_budget": paper.method == Method.BUDGET,
        "is_question": paper.method == Method.QUESTION,
        "ranking": _ranking(paper, form) if paper.points else [],
        "rules": counting_rules.shown_rules(consultation),
        "method": paper.method,
    }
    if paper.pools:
        context["total"] = sum((g["selected"] for g in context["groups"]), Decimal(0))
    if running and consultation.show_turnout:
        total = voting.turnout(consultation)["total"]
        context["turnout"] = ngettext(
            "%(count)d person has voted so far.", "%(count)d people have voted so far.", total
        ) % {"count": total}
    return context


def _ballot_page(request, consultation, *, now, form=None, status=200, decision=None, **kw):
    """The ballot page; the whole ballot is read only to show it (a cast reads the ticked)."""
    user = request.user
    if decision is None:
        decision = participation.decide(user, consultation, "vote", now)
    voted = voting.participation_of(user, consultation)
    paper = voting.ballot_paper(consultation)
    ballot = None
    if voted is not None and voted.channel == Channel.ONLINE:
        ballot = voting.own_ballot(user, consultation)
    if form is None:
        form = BallotForm(paper, initial=_initial(paper, ballot))
    else:
        form.paper = paper  # the same pools and questions, now with every option
    context = _context(
        request, consultation, form=form, decision=decision, participation=voted,
        ballot=ballot, now=now, **kw,
    )  # fmt: skip
    return render(request, "voting/vote.html", context, status=status)


def _refused(request, consultation, decision, now):
    """The ballot says every refusal in place, with its next step (sign in, confirm...)."""
    return participation.refusal_response(
        request,
        decision,
        consultation=consultation,
        page=lambda decision: _ballot_page(
            request, consultation, now=now, status=403, decision=decision
        ),
        page_for_all=True,
    )


def _may_not_cast(request, consultation, now):
    """The refusal for someone who may not cast a ballot now, or None (off the fast path:
    a cast is checked once, by cast_ballot; this answers a recount or a malformed form)."""
    decision = participation.decide(request.user, consultation, "vote", now)
    if not decision:
        return _refused(request, consultation, decision, now)
    voted = voting.participation_of(request.user, consultation)
    if voted is not None and (voted.channel == Channel.PAPER or consultation.ballots_final):
        return _ballot_page(request, consultation, now=now, status=403, decision=decision)
    return None


def _recount(request, consultation, now):
    """Without JavaScript the totals are counted here: the page shows what was ticked, and
    nothing is cast."""
    refusal = _may_not_cast(request, consultation, now)
    if refusal is not None:
        return refusal
    form = BallotForm(voting.ballot_paper(consultation), request.POST)
    return _ballot_page(request, consultation, now=now, form=form, recount=True)


def _cast(request, consultation, now):
    """Cast or change the ballot: the form reads what was ticked, cast_ballot checks it all
    once (who may vote, the selection, paper and final ballots), as the API does."""
    user = request.user
    limit = getattr(settings, "MAM_VOTE_RATE_LIMIT", VOTE_LIMIT)  # raised only by bench/
    if user.is_authenticated and not ratelimit.hit("consultations-vote", str(user.pk), **limit):
        context = {"page": consultation, "back_url": request.path}
        return render(request, "voting/vote_rate_limited.html", context, status=429)
    paper = voting.ballot_paper(consultation, proposal_ids=posted_ids(request.POST))
    form = BallotForm(paper, request.POST, check=False)
    if not form.is_valid():
        refusal = _may_not_cast(request, consultation, now)
        return refusal or _ballot_page(request, consultation, now=now, form=form, status=400)
    try:
        voting.cast_ballot(
            user=user,
            consultation=consultation,
            proposal_ids=form.cleaned_data.get("proposals", ()),
            answers=form.answers() if paper.method == Method.QUESTION else None,
            now=now,
            paper=paper,
        )
    except participation.NotAllowed as error:
        return _refused(request, consultation, error.decision, now)
    except ValidationError as error:
        if error.code in ("voted_on_paper", "final"):
            return _ballot_page(request, consultation, now=now, status=403)
        form.refused(error)
        form.add_error(None, error)
        return _ballot_page(request, consultation, now=now, form=form, status=400)
    what_next = _what_next(_results_phase(consultation, now))
    messages.success(request, _("Your vote has been recorded.") + " " + what_next)
    return redirect(request.path)


def vote(request, consultation: ConsultationPage):
    """Show the ballot; on POST cast or change the voter's ballot (or recount the totals)."""
    if not consultation.voting_method:
        raise Http404
    now = timezone.now()
    prefetch_related_objects([consultation], "phases")
    if request.method == "POST":
        if "recount" in request.POST:
            return _recount(request, consultation, now)
        return _cast(request, consultation, now)
    response = _ballot_page(request, consultation, now=now)
    # The ballot shows live turnout, which casting a ballot bumps no version for: no
    # anonymous copy of it (home/page_cache.py stores no response marked no-cache).
    patch_cache_control(response, no_cache=True)
    return response
