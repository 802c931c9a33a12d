"""The rules of a consultation's review: listing, editing (the appeal body's members
included), starting the review of submitted projects and opening the vote with appeals
pending."""

from django.contrib.auth.models import Permission
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton

from accounts.admin.common import (
    ActionFormView,
    ScopedIndexView,
)
from accounts.models import User
from accounts.roles import OFFICIAL, group_name, staff_centres
from config.cache_versions import pages_changed
from consultations.models import ConsultationPage
from home.scope import pages_under
from proposals.models import Proposal
from review import forms, services
from review.admin.scope import CHANGE, scoped_setups
from review.models import Assessment, ReviewSetup


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
