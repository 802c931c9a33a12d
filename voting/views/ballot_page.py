"""What the ballot page shows: its options, questions, ranking, errors and dates, every text
ready (a ballot may list thousands of options). voting/views/voting.py serves it."""

from decimal import Decimal

from django.template.defaultfilters import date as date_filter
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from consultations import counting_rules, selectors
from consultations.models import ConsultationPage, Phase
from voting.forms_voting import CHOICES_ANCHOR, place_field, places, pool_anchor, question_field
from voting.models import Channel
from voting.services import voting
from voting.templatetags.voting_tags import plain_decimal, pln

Method = ConsultationPage.VotingMethod


def results_phase(consultation, now) -> Phase | None:
    """The results phase still to come (or running), whose date says when results appear."""
    return next(
        (
            phase
            for phase in selectors.phases(consultation)
            if phase.kind == Phase.Kind.RESULTS and phase.effective_end > now
        ),
        None,
    )


def what_next(phase) -> str:
    """What the voter is told about the results, from the results phase (or None)."""
    if phase is None:
        return _("The results will be published here once voting closes and the votes are counted.")
    return _("The results will be published from %(date)s, after voting closes.") % {
        "date": date_filter(selectors.first_day(phase), "j E Y")
    }


def initial(paper, ballot) -> dict:
    """The form's initial marks: the voter's own ballot as it stands."""
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


def context(
    request, consultation, *, form, decision, participation, ballot, now, recount=False
) -> dict:
    """Everything voting/vote.html shows."""
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
        "what_next": what_next(results_phase(consultation, now)),
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
