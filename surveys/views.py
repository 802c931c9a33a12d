"""Residents' survey pages, routed by SurveyPage: the form, the thank-you page, the results."""

from django.shortcuts import redirect
from django.template.response import TemplateResponse

from consultations import participation
from surveys import selectors, summaries
from surveys.participation import survey_decision
from surveys.services import survey_response_submit


def _sub(survey, name: str) -> str:
    # A page previewed before it is first saved has no URL yet.
    return (survey.url or "") + survey.reverse_subpage(name)


def _context(request, survey, **extra):
    context = survey.get_context(request)
    context.update(
        consultation=survey.consultation,
        state=selectors.survey_state(survey),
        state_sentence=selectors.state_sentence(survey),
        results_visible=selectors.results_visible(survey),
        results_url=_sub(survey, "survey_results"),
        survey_url=survey.url or "",
        **extra,
    )
    return context


def survey_form(request, survey, preview=False):
    """Show the questions (GET); store the answers and go to the thank-you page (POST)."""
    # Editors previewing see the questions whatever the dates and their own standing.
    decision = participation.ALLOWED if preview else survey_decision(survey, request.user)
    if request.method == "POST" and not preview:
        if not decision:
            return _refusal(request, survey, decision)
        form = survey.get_form(request.POST, page=survey, user=request.user)
        if form.is_valid():
            try:
                survey_response_submit(survey=survey, user=request.user, answers=form.cleaned_data)
            except participation.NotAllowed as refused:
                return _refusal(request, survey, refused.decision)
            return redirect(_sub(survey, "survey_thanks"))
        status = 400
    else:
        form = survey.get_form(page=survey, user=request.user) if decision else None
        status = 200
    context = _context(request, survey, form=form, decision=decision)
    return TemplateResponse(request, survey.template, context, status=status)


def _refusal(request, survey, decision):
    """The survey page says every refusal in place, with its next step."""

    def page(decision):
        context = _context(request, survey, decision=decision)
        return TemplateResponse(request, "surveys/survey_refused.html", context, status=403)

    return participation.refusal_response(
        request, decision, consultation=survey.consultation, page=page, page_for_all=True
    )


def render_thanks(request, survey):
    return TemplateResponse(request, survey.landing_page_template, _context(request, survey))


def survey_thanks(request, survey):
    """Thank the person who answered; anyone else is sent to the form."""
    if not selectors.has_answered(survey, request.user):
        return redirect(survey.url)
    return render_thanks(request, survey)


def survey_results(request, survey):
    """The public summary: once the survey closed (or while open, if the editor chose so)."""
    visible = selectors.results_visible(survey)
    context = _context(
        request,
        survey,
        summary=summaries.survey_summary(survey) if visible else [],
        responses=summaries.response_count(survey) if visible else 0,
    )
    return TemplateResponse(request, "surveys/survey_results.html", context)
