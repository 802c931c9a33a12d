"""The online ballot: see it, cast it, change it (…/glosowanie/).

GET shows the ballot to everyone (read-only, with the reason, to those who may not vote);
POST casts or changes the signed-in voter's ballot and redirects back (no resubmission).
Results are never shown here: they belong to the results page once voting is over.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from accounts import ratelimit
from consultations import participation
from consultations.models import ConsultationPage
from voting.forms_voting import BallotForm, posted_ids
from voting.models import Channel
from voting.services import voting
from voting.views import ballot_page

Method = ConsultationPage.VotingMethod
VOTE_LIMIT = {"limit": 10, "period": 60}


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
        form = BallotForm(paper, initial=ballot_page.initial(paper, ballot))
    else:
        form.paper = paper  # the same pools and questions, now with every option
    context = ballot_page.context(
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
    what_next = ballot_page.what_next(ballot_page.results_phase(consultation, now))
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
