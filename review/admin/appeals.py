"""Appeals for officials and the appeal body's members: the list of the appeals each
reaches, one appeal's page and the decision screen. Members who are not officials reach
these screens only (review.middleware), for the consultations whose body they sit on."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from accounts.admin.common import CentreScopedMixin
from consultations.admin_views import AdminView
from review import forms, services
from review.admin.actions import ReviewActionView
from review.admin.scope import AppealAccessMixin, appeal_reviews, appeals_reached
from review.models import Appeal
from review.selectors import ASSESSMENTS, appeal_of


class AppealDecideView(AppealAccessMixin, ReviewActionView):
    form_class = forms.AppealDecisionForm
    index_url_name = "mam_reviews:appeals"
    index_label = _("Appeals")
    page_title = _("Record the decision on the appeal")
    submit_button_label = _("Publish the decision and email the author")

    def prepare(self):
        super().prepare()
        consultation = self.review.proposal.consultation
        self.setup = services.appeal_setup(consultation)
        self.members = services.appeal_body_members(self.setup)
        if not services.may_decide_appeal(self.request.user, consultation, members=self.members):
            raise PermissionDenied

    def get_success_url(self):
        return reverse("mam_reviews:appeal", args=[self.review.pk])

    def get_summary(self):
        return [
            *super().get_summary(),
            (_("Who decides"), appeal_body_text(self.setup, self.members)),
        ]

    def perform(self, form):
        appeal = appeal_of(self.review)
        if appeal is None:
            raise ValidationError(gettext("This project was not appealed."))
        services.appeal_decide(
            appeal=appeal,
            upheld=form.cleaned_data["decision"] == Appeal.Decision.UPHELD,
            reasons=form.cleaned_data["reasons"],
            by=self.request.user,
        )
        return gettext("The decision is published.")


def appeal_body_text(setup, members) -> str:
    """The appeal body and its members for staff, or that the centre's officials decide."""
    if not members:
        return gettext(
            "No members of the appeal body are chosen in the review rules: every official of "
            "the centre may decide."
        )
    names = ", ".join(member.get_full_name() or member.email for member in members)
    return f"{setup.appeal_body_label}: {names}"


class AppealView(AdminView):
    """One appeal for staff: the project, the reasons it was not admitted per criterion, the
    appeal's reasons, its deadline (overdue marked) and, for the appeal body, the decision
    form. The reminder digest links here."""

    template_name = "review/admin/appeal.html"
    page_title = _("Appeal")

    def prepare(self, *, pk: int):
        if not services.may_open_appeals(self.request.user):
            raise PermissionDenied
        reviews = appeal_reviews(self.request.user).select_related(
            "proposal__consultation", "appeal"
        )
        self.review = get_object_or_404(reviews.prefetch_related(ASSESSMENTS), pk=pk)
        self.appeal = appeal_of(self.review)
        if self.appeal is None:
            raise Http404
        consultation = self.review.proposal.consultation
        self.setup = services.appeal_setup(consultation)
        self.members = services.appeal_body_members(self.setup)
        self.may_decide = services.may_decide_appeal(
            self.request.user, consultation, members=self.members
        )

    def get(self, request, pk: int):
        review, appeal = self.review, self.appeal
        undecided = self.may_decide and not appeal.decision
        return self.render(
            review=review,
            appeal=appeal,
            proposal=review.proposal,
            proposal_url=review.proposal.get_absolute_url(),
            not_met=[a for a in review.assessments.all() if not a.met],
            overdue=appeal.is_overdue(),
            body=appeal_body_text(self.setup, self.members),
            form=forms.AppealDecisionForm() if undecided else None,
            decide_url=reverse("mam_reviews:appeal_decide", args=[review.pk]),
        )


class AppealIndexView(
    AppealAccessMixin, CentreScopedMixin, WagtailAdminTemplateMixin, TemplateView
):
    """The appeals a user reaches, those waiting for a decision first (by their due date),
    then the decided ones, newest first; 50 a page."""

    template_name = "review/admin/appeals.html"
    page_title = _("Appeals")
    header_icon = "doc-full"
    per_page = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        appeals = (
            appeals_reached(self.request.user)
            .select_related("review__proposal__consultation")
            .order_by(F("decided_at").desc(nulls_first=True), "decide_by", "pk")
        )
        page = Paginator(appeals, self.per_page).get_page(self.request.GET.get("p"))
        today = timezone.localdate()
        context.update(
            page_obj=page,
            rows=[
                {
                    "appeal": appeal,
                    "proposal": appeal.review.proposal,
                    "url": reverse("mam_reviews:appeal", args=[appeal.review_id]),
                    "overdue": appeal.is_overdue(today),
                }
                for appeal in page
            ],
        )
        return context
