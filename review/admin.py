"""The review in Wagtail's admin: each consultation's rules, the reviews of its projects, the
assessment, the outcome, paper appeals, appeal decisions and opening the vote with appeals
pending. Officials of a centre (proposals.change_proposal there) see their centre's only;
every change goes through review.services."""

from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import ButtonsColumnMixin, Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton
from wagtail.permissions import register_permission_policy

from accounts.admin.common import (
    ActionFormView,
    OfficialsPolicy,
    ScopedIndexView,
    StaffListingViewSet,
)
from accounts.models import User
from accounts.roles import OFFICIAL, group_name, staff_centres
from config.cache_versions import pages_changed
from consultations.admin_views import AdminView
from consultations.models import ConsultationPage
from home.scope import pages_under, rows_under
from proposals.models import Proposal
from review import forms, services
from review.models import Appeal, Assessment, Outcome, Review, ReviewSetup
from review.selectors import ASSESSMENTS, appeal_of

CHANGE = services.STAFF_PERMISSION


register_permission_policy(ReviewSetup, OfficialsPolicy(ReviewSetup))
register_permission_policy(Review, OfficialsPolicy(Review))


def scoped_setups(user):
    return ReviewSetup.objects.filter(rows_under(staff_centres(user, CHANGE), "consultation__"))


def scoped_reviews(user):
    centres = staff_centres(user, CHANGE)
    return Review.objects.filter(rows_under(centres, "proposal__consultation__"))


# --- The rules of a consultation's review ------------------------------------------------------


def appeal_body_candidates(centres):
    """Who can sit on an appeal body: the active officials of `centres` (they reach the
    review's screens), by name."""
    names = [group_name(centre, OFFICIAL) for centre in centres]
    return (
        User.objects.filter(is_active=True, groups__name__in=names)
        .distinct()
        .order_by("last_name", "first_name", "email")
    )


class ReviewSetupForm(WagtailAdminModelForm):
    """Only the consultations of the user's own centres can be chosen."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and "consultation" in self.fields:
            centres = staff_centres(for_user, CHANGE)
            consultations = pages_under(ConsultationPage.objects.all(), centres)
            self.fields["consultation"].queryset = consultations.order_by("title")
        if for_user is not None and "appeal_body_members" in self.fields:
            self.fields["appeal_body_members"].queryset = appeal_body_candidates(
                staff_centres(for_user, CHANGE)
            )

    def clean(self):
        cleaned = super().clean()
        criteria = self.formsets.get("criteria")
        if criteria is not None:
            for form in criteria.deleted_forms:
                if form.instance.pk and Assessment.objects.filter(criterion=form.instance).exists():
                    self.add_error(
                        None,
                        gettext(
                            "“%(criterion)s” was already used to assess projects: "
                            "it cannot be removed."
                        )
                        % {"criterion": form.instance.text},
                    )
        return cleaned


class SetupCreateView(CreateView):
    def save_instance(self):
        instance = super().save_instance()
        pages_changed(instance.consultation_id)  # the public list shows the rules
        return instance


class SetupEditView(EditView):
    def get_queryset(self):
        return scoped_setups(self.request.user)

    def save_instance(self):
        instance = super().save_instance()
        pages_changed(instance.consultation_id)
        return instance


class SetupIndexView(ScopedIndexView):
    permission = CHANGE

    def get_base_queryset(self):
        return scoped_setups(self.request.user).select_related("consultation")

    def get_list_more_buttons(self, instance):
        return [
            ListingButton(
                _("Start the review of submitted projects"),
                reverse("mam_reviews:start", args=[instance.pk]),
                icon_name="tasks",
            ),
            ListingButton(
                _("Open the vote with appeals pending"),
                reverse("mam_reviews:vote_override", args=[instance.pk]),
                icon_name="warning",
            ),
        ]


class ReviewSetupViewSet(ModelViewSet):
    model = ReviewSetup
    form_fields = None
    icon = "tasks"
    menu_label = _("Review rules")
    menu_order = 241
    add_to_admin_menu = True
    url_prefix = "review-rules"
    index_view_class = SetupIndexView
    list_display = ["consultation", "enabled", "appeal_days", "appeal_body", "decision_days"]
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False

    edit_handler = ObjectList(ReviewSetup.panels, base_form_class=ReviewSetupForm)
    add_view_class = SetupCreateView
    edit_view_class = SetupEditView

    def get_urlpatterns(self):
        # No deleting: the rules stay with the reviews that were made under them.
        return [p for p in super().get_urlpatterns() if p.name != "delete"]

    def get_common_view_kwargs(self, **kwargs):
        return {**super().get_common_view_kwargs(**kwargs), "delete_url_name": None}

    def get_permissions_to_register(self):
        return Permission.objects.none()


# --- Reviews -------------------------------------------------------------------------------


class OutcomeColumn(Column):
    def get_value(self, instance):
        if not instance.outcome:
            return gettext("being reviewed")
        return f"{instance.get_outcome_display()} ({instance.decided_at:%d.%m.%Y})"


class AssessorColumn(Column):
    def get_value(self, instance):
        names = [str(who) for who in (instance.assigned_to, instance.assigned_department) if who]
        return ", ".join(names) or "—"


class AppealColumn(Column):
    def get_value(self, instance):
        appeal = appeal_of(instance)
        if appeal is None:
            return "—"
        if appeal.decision:
            return appeal.get_decision_display()
        if appeal.is_overdue():
            return gettext("overdue since %(date)s") % {"date": appeal.decide_by.isoformat()}
        return gettext("decision due %(date)s") % {"date": appeal.decide_by.isoformat()}


class ButtonsTitleColumn(ButtonsColumnMixin, TitleColumn):
    """The project's title with the row's buttons (Wagtail adds them to its own title column
    only, not to one a view defines)."""

    def __init__(self, *args, get_buttons, **kwargs):
        super().__init__(*args, **kwargs)
        self.row_buttons = get_buttons

    def get_buttons(self, instance, parent_context):
        return self.row_buttons(instance)


class ReviewIndexView(ScopedIndexView):
    permission = CHANGE
    page_title = _("Reviews of projects")

    def get_base_queryset(self):
        return scoped_reviews(self.request.user).select_related(
            "proposal__consultation", "assigned_to", "assigned_department", "appeal"
        )

    @cached_property
    def columns(self):
        return [
            ButtonsTitleColumn(
                "proposal",
                label=_("Project"),
                url_name="mam_reviews:assess",
                get_url=lambda review: reverse("mam_reviews:assess", args=[review.pk]),
                get_buttons=self.get_list_buttons,
            ),
            Column("consultation", label=_("Consultation"), accessor="proposal.consultation"),
            AssessorColumn("assigned_to", label=_("Assessed by")),
            OutcomeColumn("outcome", label=_("Outcome")),
            AppealColumn("appeal", label=_("Appeal")),
            DateColumn("created_at", label=pgettext_lazy("when the review began", "Started")),
        ]

    def get_list_more_buttons(self, instance):
        buttons = [self.assign_button(_("Assign the review"), instance, f"review-{instance.pk}")]
        if not instance.outcome:
            buttons += [
                ListingButton(
                    _("Assess"), reverse("mam_reviews:assess", args=[instance.pk]), icon_name="edit"
                ),
                ListingButton(
                    _("Publish the outcome"),
                    reverse("mam_reviews:decide", args=[instance.pk]),
                    icon_name="success",
                ),
            ]
        elif instance.outcome == Outcome.NOT_ADMITTED:
            appeal = appeal_of(instance)
            if appeal is not None:
                buttons.append(
                    ListingButton(
                        _("Appeal"),
                        reverse("mam_reviews:appeal", args=[instance.pk]),
                        icon_name="doc-full",
                    )
                )
            if appeal is None:
                buttons.append(
                    ListingButton(
                        _("Enter a paper appeal"),
                        reverse("mam_reviews:paper_appeal", args=[instance.pk]),
                        icon_name="doc-full",
                    )
                )
            elif not appeal.decision and self.may_decide(instance):
                buttons.append(
                    ListingButton(
                        _("Decide the appeal"),
                        reverse("mam_reviews:appeal_decide", args=[instance.pk]),
                        icon_name="success",
                    )
                )
                buttons.append(
                    self.assign_button(_("Assign the appeal"), instance, f"appeal-{appeal.pk}")
                )
        return buttons

    def may_decide(self, review) -> bool:
        """Only the appeal body's members (or the officials, when none are named) decide."""
        consultation = review.proposal.consultation
        members = self.body_members.get(consultation.pk)
        if members is None:
            members = services.appeal_body_members(services.appeal_setup(consultation))
            self.body_members[consultation.pk] = members
        return services.may_decide_appeal(self.request.user, consultation, members=members)

    @cached_property
    def body_members(self) -> dict:
        return {}

    def assign_button(self, label, review, target: str) -> ListingButton:
        """Casework's assigning screen with the review's part chosen (a department or a
        person of the centre, a due date); each criterion can be chosen there too."""
        url = reverse("mam_cases:assign", args=[review.proposal_id])
        return ListingButton(label, f"{url}?target={target}", icon_name="tasks")


class ReviewActionView(ActionFormView):
    permission = CHANGE
    header_icon = "tasks"
    index_url_name = "mam_reviews:index"
    index_label = _("Reviews of projects")

    def prepare(self):
        reviews = scoped_reviews(self.request.user).select_related(
            "proposal__consultation", "appeal"
        )
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


class AppealDecideView(ReviewActionView):
    form_class = forms.AppealDecisionForm
    page_title = _("Record the decision on the appeal")
    submit_button_label = _("Publish the decision and email the author")

    def prepare(self):
        super().prepare()
        consultation = self.review.proposal.consultation
        self.setup = services.appeal_setup(consultation)
        self.members = services.appeal_body_members(self.setup)
        if not services.may_decide_appeal(self.request.user, consultation, members=self.members):
            raise PermissionDenied

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
        if not self.request.user.has_perm(CHANGE):
            raise PermissionDenied
        reviews = scoped_reviews(self.request.user).select_related(
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


class SetupActionView(ActionFormView):
    permission = CHANGE
    header_icon = "tasks"
    index_url_name = "mam_review_setup:index"
    index_label = _("Review rules")

    def prepare(self):
        self.setup = get_object_or_404(
            scoped_setups(self.request.user).select_related("consultation"), pk=self.kwargs["pk"]
        )

    def get_summary(self):
        return [
            (_("Consultation"), self.setup.consultation.title),
            (
                _("Appeals waiting for a decision"),
                str(services.pending_appeals(self.setup.consultation_id).count()),
            ),
        ]


class StartView(SetupActionView):
    page_title = _("Start the review of submitted projects")
    submit_button_label = _("Start the review")

    def perform(self, form):
        proposals = Proposal.objects.filter(
            consultation_id=self.setup.consultation_id,
            status__in=[Proposal.Status.SUBMITTED, Proposal.Status.UNDER_REVIEW],
            review__isnull=True,
        ).select_related("consultation")
        count = 0
        for proposal in proposals:
            services.review_start(proposal=proposal, by=self.request.user)
            count += 1
        return gettext("Reviews started: %(count)d.") % {"count": count}


class VoteOverrideView(SetupActionView):
    form_class = forms.VoteOverrideForm
    page_title = _("Open the vote with appeals pending")
    submit_button_label = _("Let the vote open")
    serious = True

    def perform(self, form):
        services.vote_override(
            consultation=self.setup.consultation,
            reason=form.cleaned_data["reason"],
            by=self.request.user,
        )
        return gettext("The vote may open; your reason is in the consultation's history.")


class ReviewViewSet(StaffListingViewSet):
    model = Review
    icon = "tasks"
    menu_label = _("Reviews of projects")
    menu_order = 242
    add_to_admin_menu = True
    url_prefix = "reviews"
    index_view_class = ReviewIndexView
    inspect_view_enabled = False
    disabled_url_names = ("add_url_name", "edit_url_name", "delete_url_name", "usage_url_name")

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<id:pk>/assess/", AssessView.as_view(), name="assess"),
            path("<id:pk>/decide/", DecideView.as_view(), name="decide"),
            path("<id:pk>/paper-appeal/", PaperAppealView.as_view(), name="paper_appeal"),
            path("<id:pk>/appeal-decision/", AppealDecideView.as_view(), name="appeal_decide"),
            path("<id:pk>/appeal/", AppealView.as_view(), name="appeal"),
            path("rules/<id:pk>/start/", StartView.as_view(), name="start"),
            path("rules/<id:pk>/vote/", VoteOverrideView.as_view(), name="vote_override"),
        ]

    def register_admin_url_finder(self):
        """No edit view: the listing and its action screens are the places to look."""
