"""The rules of a consultation's review: listing, editing (the appeal body's members
included), starting the review of submitted projects and opening the vote with appeals
pending."""

from django import forms as django_forms
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
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


def appeal_body_candidates(centres, members=()):
    """Who is offered for an appeal body: the active officials of `centres` and the body's
    present `members` (who may be residents or the mayor's account), by name."""
    names = [group_name(centre, OFFICIAL) for centre in centres]
    return (
        User.objects.filter(
            Q(is_active=True, groups__name__in=names) | Q(pk__in=[m.pk for m in members])
        )
        .distinct()
        .order_by("last_name", "first_name", "email")
    )


class ReviewSetupForm(WagtailAdminModelForm):
    """Only the consultations of the user's own centres can be chosen; members of the appeal
    body who are not officials are added by their accounts' email addresses."""

    new_members = django_forms.CharField(
        label=_("Add members who are not officials"),
        required=False,
        widget=django_forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "The email addresses of their accounts, one a line: e.g. residents on the civic "
            "budget council or the mayor's own account. In the admin they see the appeals of "
            "this consultation only, and decide them."
        ),
    )

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and "consultation" in self.fields:
            centres = staff_centres(for_user, CHANGE)
            consultations = pages_under(ConsultationPage.objects.all(), centres)
            self.fields["consultation"].queryset = consultations.order_by("title")
        if for_user is not None and "appeal_body_members" in self.fields:
            members = self.instance.appeal_body_members.all() if self.instance.pk else ()
            self.fields["appeal_body_members"].queryset = appeal_body_candidates(
                staff_centres(for_user, CHANGE), members
            )

    def clean_new_members(self) -> list:
        addresses = self.cleaned_data["new_members"].replace(",", " ").split()
        found = {
            user.email.lower(): user
            for user in User.objects.filter(
                is_active=True, email__in={*addresses, *(a.lower() for a in addresses)}
            )
        }
        unknown = [address for address in addresses if address.lower() not in found]
        if unknown:
            raise ValidationError(
                gettext("No active account uses these addresses: %(addresses)s.")
                % {"addresses": ", ".join(unknown)}
            )
        return list(found.values())

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("new_members") and "appeal_body_members" in cleaned:
            chosen = list(cleaned["appeal_body_members"])
            cleaned["appeal_body_members"] = chosen + [
                user for user in cleaned["new_members"] if user not in chosen
            ]
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
        services.appeal_body_access_sync()
        return instance


class SetupEditView(EditView):
    def get_queryset(self):
        return scoped_setups(self.request.user)

    def save_instance(self):
        instance = super().save_instance()
        pages_changed(instance.consultation_id)
        services.appeal_body_access_sync()
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
    list_display = [
        "consultation",
        "enabled",
        "appeal_days",
        "appeal_body",
        "decision_days",
        "day_count",
    ]
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False

    edit_handler = ObjectList(
        [*ReviewSetup.panels, FieldPanel("new_members")], base_form_class=ReviewSetupForm
    )
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
