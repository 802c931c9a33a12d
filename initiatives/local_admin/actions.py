"""The screens where the centre's organiser records the town's evaluation, decision and rules."""

from django import forms
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.admin.common import ActionFormView
from consultations.participation import NotAllowed
from initiatives.local_admin.forms import DecisionForm, EvaluationForm, TermsForm
from initiatives.local_admin.listing import CHANGE
from initiatives.models import EvaluationCriterion, LocalInitiativeTerms
from initiatives.models import LocalInitiativeApplication as App
from initiatives.services import local_initiative as local


class _ApplicationAction(ActionFormView):
    permission = CHANGE
    refusals = (NotAllowed,)
    header_icon = "tasks"
    index_url_name = "mam_local_initiatives:index"
    index_label = _("Local initiatives")

    def prepare(self):
        self.application = get_object_or_404(
            App.objects.filter(centre__in=self.centres)
            .exclude(state=App.State.DRAFT)
            .select_related("centre", "initiative")
            .prefetch_related("cost_lines", "contribution_lines", "pledges", "scores"),
            pk=self.kwargs["pk"],
        )

    def get_summary(self):
        application = self.application
        totals = local.totals(application)
        pledged = local.pledge_totals(application)
        return [
            (_("Title of the task"), application.title),
            (_("Centre"), application.centre.title),
            (_("Applicant"), application.applicant_name),
            (_("Public task"), application.get_area_display()),
            (_("State"), application.get_state_display()),
            (_("Total cost (PLN)"), floatformat(totals.costs, "2g")),
            (_("Total contribution (PLN)"), floatformat(totals.contribution, "2g")),
            (
                _("Hours of social work pledged / delivered"),
                " / ".join(
                    floatformat(hours, "-2g") for hours in (pledged.hours, pledged.hours_delivered)
                ),
            ),
        ]


class EvaluationView(_ApplicationAction):
    """The town's points per criterion of its resolution, with comments."""

    form_class = EvaluationForm
    page_title = _("The town's evaluation")
    submit_button_label = _("Save the evaluation")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["criteria"] = EvaluationCriterion.objects.filter(centre=self.application.centre)
        kwargs["scores"] = {s.criterion_id: s for s in self.application.scores.all()}
        kwargs["initial"] = {"filed_on": self.application.filed_on}
        return kwargs

    def perform(self, form):
        if not form.criteria:
            raise forms.ValidationError(
                gettext("The town's criteria are not set for this centre yet.")
            )
        rows = local.evaluation_record(
            application=self.application,
            staff=self.request.user,
            scores=form.scores(),
            filed_on=form.cleaned_data["filed_on"],
        )
        return gettext("The evaluation is saved: %(points)s points.") % {
            "points": sum(row.score for row in rows)
        }


class DecisionView(_ApplicationAction):
    """The town's decision with its reasons and the agreement's dates."""

    form_class = DecisionForm
    page_title = _("The town's decision")
    submit_button_label = _("Save the decision")

    def perform(self, form):
        local.decision_record(
            application=self.application, staff=self.request.user, **form.cleaned_data
        )
        return gettext("The decision is saved and shown on the public page.")


class TermsView(ActionFormView):
    """What the town's resolution sets for the centre: the hourly rate and the criteria."""

    permission = CHANGE
    form_class = TermsForm
    header_icon = "cog"
    page_title = _("The town's rules for local initiatives")
    submit_button_label = _("Save the rules")
    index_url_name = "mam_local_initiatives:index"
    index_label = _("Local initiatives")

    def prepare(self):
        self.centre = get_object_or_404(self.centres, pk=self.kwargs["centre_pk"])

    def get_initial(self):
        terms = LocalInitiativeTerms.objects.filter(centre=self.centre).first()
        criteria = EvaluationCriterion.objects.filter(centre=self.centre)
        return {
            "hourly_rate": terms.hourly_rate if terms else None,
            "resolution": terms.resolution if terms else "",
            "criteria": "\n".join(f"{c.name}; {c.max_score}" for c in criteria),
        }

    def get_summary(self):
        return [(_("Centre"), self.centre.title)]

    def perform(self, form):
        local.terms_set(centre=self.centre, staff=self.request.user, **form.cleaned_data)
        return gettext("The rules are saved.")
