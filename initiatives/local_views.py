"""The local initiative application's pages under …/inicjatywy/lokalna/: thin views.

Each view receives (request, index, ...) from InitiativeIndexPage's routes and calls
initiatives.services.local_initiative; the PDF reuses the council report's WeasyPrint
machinery (embedded DejaVu Sans, no other URL fetched).
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from consultations.participation import NotAllowed, refused
from home.ids import parse_id
from home.pdf import font_files, html_to_pdf
from initiatives import local_forms as forms
from initiatives.models import ContributionPledge, Initiative
from initiatives.selectors import local_application_for
from initiatives.services import local_initiative as local
from initiatives.services.rules import is_organiser, membership_of
from initiatives.views import _base, _not_allowed, run_action


def _application(request, index, pk):
    application = local_application_for(index, pk)
    if application is None or not local.may_see(request.user, application):
        raise Http404
    application.index = index
    return application


def _detail(request, index, application) -> str:
    return index.sub_url("local_detail", request=request, pk=application.pk)


def _context(request, index, application, **extra) -> dict:
    return _base(
        request,
        index,
        application=application,
        totals=local.totals(application),
        pledged=local.pledge_totals(application),
        detail_url=_detail(request, index, application),
        **extra,
    )


def local_create(request, index):
    """Start an application: for an initiative (?inicjatywa=<id>) or directly."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    wanted = parse_id(request.GET.get("inicjatywa") or request.POST.get("initiative"))
    initiative = None
    if wanted is not None:
        initiative = Initiative.objects.filter(index=index, pk=wanted).first()
        if initiative is None:
            raise Http404
    form = forms.StartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = local.application_start(
                index=index, user=request.user, initiative=initiative, **form.cleaned_data
            )
        except NotAllowed as refusal:
            return _not_allowed(request, index, refusal)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(index.sub_url("local_edit", request=request, pk=application.pk))
    context = _base(request, index, form=form, initiative=initiative)
    return render(request, "initiatives/local/start.html", context)


def _rows(lines, fields) -> list[dict]:
    return [{name: getattr(line, name) for name in fields} for line in lines]


def _edit_forms(application, data) -> tuple:
    """The sections form and the cost and contribution formsets, filled from the application."""
    costs = _rows(application.cost_lines.all(), ["description", "amount"])
    contributions = _rows(
        application.contribution_lines.all(), ["kind", "description", "hours", "value"]
    )
    sections = forms.SectionsForm(
        data,
        initial={
            name: getattr(application, name)
            for name in forms.SectionsForm.base_fields
            if hasattr(application, name)
        },
    )
    cost_set = forms.CostFormSet(data, prefix="costs", initial=costs + [{}] * forms.EMPTY_ROWS)
    contribution_set = forms.ContributionFormSet(
        data, prefix="contributions", initial=contributions + [{}] * forms.EMPTY_ROWS
    )
    cost_set.extra = contribution_set.extra = 0
    return sections, cost_set, contribution_set


def local_edit(request, index, pk):
    """The application's sections on one page, saved as a draft or marked ready."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    application = _application(request, index, pk)
    if not local.may_edit(request.user, application):
        message = _("Only those preparing the application can change it.")
        return _not_allowed(request, index, refused("applicant", message))
    if application.state != "draft":
        # Not a dead end: its page says why and offers "Correct the application" while ready.
        if application.state == "ready":
            note = _(
                "The application is marked ready to file. To change it, choose “Correct the "
                "application” below."
            )
        else:
            note = _("The application was filed with the town and can no longer be changed.")
        messages.info(request, note)
        return redirect(_detail(request, index, application))
    data = request.POST if request.method == "POST" else None
    sections, cost_set, contribution_set = _edit_forms(application, data)
    errors = []
    if data is not None:
        valid = all([sections.is_valid(), cost_set.is_valid(), contribution_set.is_valid()])
        if valid:
            try:
                application = local.application_save(
                    application=application,
                    user=request.user,
                    costs=[row for row in cost_set.cleaned_data if row],
                    contributions=[row for row in contribution_set.cleaned_data if row],
                    **sections.cleaned_data,
                )
                if "ready" in request.POST:
                    local.application_mark_ready(application=application, user=request.user)
                    messages.success(request, _("The application is ready: print it and file it."))
                else:
                    messages.success(request, _("The draft is saved."))
            except NotAllowed as refusal:
                return _not_allowed(request, index, refusal)
            except ValidationError as error:
                errors = error.messages
            else:
                return redirect(_detail(request, index, application))
        errors += _form_errors(sections, cost_set, contribution_set)
    context = _context(
        request,
        index,
        application,
        form=sections,
        cost_set=cost_set,
        contribution_set=contribution_set,
        errors=errors,
        gaps=local.missing(application),
    )
    return render(request, "initiatives/local/edit.html", context)


def _form_errors(sections, *formsets) -> list[str]:
    found = [
        f"{sections[name].label}: {' '.join(e)}"
        for name, e in sections.errors.items()
        if name != "__all__"
    ]
    found += list(sections.non_field_errors())
    for formset in formsets:
        found += list(formset.non_form_errors())
        for number, form in enumerate(formset.forms, start=1):
            for name, messages_ in form.errors.items():
                label = form[name].label if name in form.fields else ""
                found.append(f"{number}. {label}: {' '.join(messages_)}")
    return found


def local_detail(request, index, pk):
    """The application's public page: state, budget, contribution, evaluation, decision."""
    application = _application(request, index, pk)
    user = request.user
    editor = local.may_edit(user, application)
    membership = membership_of(user, application.initiative) if application.initiative else None
    may_pledge = application.state != "rejected" and (
        (membership is not None and membership.kind == "member")
        or (application.initiative is None and editor)
    )
    context = _context(
        request,
        index,
        application,
        editor=editor,
        organiser=user.is_authenticated and is_organiser(user, application.centre),
        pledge_form=forms.PledgeForm() if may_pledge else None,
        score_total=sum(score.score for score in application.scores.all()),
        score_most=sum(score.criterion.max_score for score in application.scores.all()),
    )
    return render(request, "initiatives/local/detail.html", context)


def _post(request, index, pk, act):
    if request.method != "POST":
        return redirect(index.sub_url("local_detail", request=request, pk=pk))
    if not request.user.is_authenticated:
        return redirect_to_login(index.sub_url("local_detail", request=request, pk=pk))
    application = _application(request, index, pk)
    if refusal := run_action(request, index, act, application):
        return refusal
    return redirect(_detail(request, index, application))


def local_state(request, index, pk):
    """Mark ready, or back to a draft to correct it."""

    def act(application):
        if request.POST.get("action") == "reopen":
            local.application_reopen(application=application, user=request.user)
            return _("The application is a draft again.")
        local.application_mark_ready(application=application, user=request.user)
        return _("The application is ready: print it and file it.")

    return _post(request, index, pk, act)


def local_pledge(request, index, pk):
    def act(application):
        form = forms.PledgeForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Say how many hours or what you will give."))
        data = form.cleaned_data
        local.pledge_add(
            application=application,
            user=request.user,
            kind=data["kind"],
            hours=data["hours"] or local.ZERO,
            value=data["value"] or local.ZERO,
            description=data["description"],
        )
        return _("Thank you! Your pledge is recorded.")

    return _post(request, index, pk, act)


def local_delivered(request, index, pk, pledge_pk):
    def act(application):
        pledge = get_object_or_404(ContributionPledge, pk=pledge_pk, application=application)
        form = forms.DeliveredForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Give a number that is not negative."))
        local.pledge_delivered(pledge=pledge, user=request.user, **form.cleaned_data)
        return _("What was delivered is recorded.")

    return _post(request, index, pk, act)


def local_pdf(request, index, pk):
    """The application as a PDF to print and file with the town (Polish, every section)."""
    application = _application(request, index, pk)
    fonts = {name: path.as_uri() for name, path in font_files().items()}
    with translation.override("pl"):
        html = _pdf_html(application, fonts)
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="wniosek-{application.pk}.pdf"'
    return response


def _pdf_html(application, fonts) -> str:
    return render_to_string(
        "initiatives/local/pdf.html",
        {
            "application": application,
            "totals": local.totals(application),
            "pledged": local.pledge_totals(application),
            "lines": [
                (line, local.line_value(line, local.rate_of(application)))
                for line in application.contribution_lines.all()
            ],
            "fonts": fonts,
            "printed_at": timezone.now(),
        },
    )
