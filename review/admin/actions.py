"""The officials' screens on one review: assessing, publishing the outcome, entering a
paper appeal."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.admin.common import (
    ActionFormView,
)
from review import forms, services
from review.admin.scope import CHANGE, scoped_reviews
from review.selectors import ASSESSMENTS, appeal_of


class ReviewActionView(ActionFormView):
    permission = CHANGE
    header_icon = "tasks"
    index_url_name = "mam_reviews:index"
    index_label = _("Reviews of projects")

    def reviews(self):
        """The reviews this screen may act on: the officials' centres'."""
        return scoped_reviews(self.request.user)

    def prepare(self):
        reviews = self.reviews().select_related("proposal__consultation", "appeal")
        self.review = get_object_or_404(reviews.prefetch_related(ASSESSMENTS), pk=self.kwargs["pk"])

    def get_summary(self):
        review = self.review
        proposal = review.proposal
        summary = [
            (_("Project"), proposal.title),
            (_("Consultation"), proposal.consultation.title),
            (_("Author's cost estimate"), str(proposal.estimated_cost or "—")),
            (_("Outcome"), review.get_outcome_display()),
        ]
        for assessment in review.assessments.all():
            met = gettext("met") if assessment.met else gettext("not met")
            summary.append((assessment.criterion.text, f"{met}. {assessment.comment}".strip()))
        appeal = appeal_of(review)
        if appeal is not None:
            summary.append((_("Appeal"), appeal.reasons))
        return summary


class AssessView(ReviewActionView):
    page_title = _("Assess the project")
    submit_button_label = _("Save the assessment")

    def get_form(self, form_class=None):
        setup = services.setup_of(self.review.proposal.consultation)
        criteria = list(setup.criteria.all()) if setup else []
        done = {a.criterion_id: a for a in self.review.assessments.all()}
        form = forms.AssessForm(**self.get_form_kwargs(), criteria=criteria, assessments=done)
        cost = forms.TownCostForm().fields["town_cost"]
        cost.initial = self.review.town_cost
        form.fields["town_cost"] = cost
        return form

    def perform(self, form):
        by = self.request.user
        for criterion, met, comment in form.answers():
            services.criterion_assess(
                review=self.review, criterion=criterion, met=met, comment=comment, by=by
            )
        if form.cleaned_data.get("town_cost") != self.review.town_cost:
            services.town_cost_set(review=self.review, amount=form.cleaned_data["town_cost"], by=by)
        return gettext("The assessment is saved.")


class DecideView(ReviewActionView):
    form_class = forms.DecideForm
    page_title = _("Publish the outcome of the review")
    submit_button_label = _("Publish the outcome and email the author")

    def perform(self, form):
        data = form.cleaned_data
        services.review_decide(
            review=self.review,
            outcome=data["outcome"],
            changes_agreed=data["changes_agreed"],
            summary=data["summary"],
            by=self.request.user,
        )
        return gettext("The outcome is published.")


class PaperAppealView(ReviewActionView):
    form_class = forms.PaperAppealForm
    page_title = _("Enter an appeal handed in at the centre")
    submit_button_label = _("Enter the appeal")

    def perform(self, form):
        services.appeal_enter_paper(
            review=self.review,
            reasons=form.cleaned_data["reasons"],
            received_on=form.cleaned_data["received_on"],
            by=self.request.user,
        )
        return gettext("The appeal is entered.")
