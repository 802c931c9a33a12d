"""Implementation records in Wagtail's admin: officials of a centre (proposals.change_proposal
there) list their centre's records, open records for a consultation's funded projects and
update a record; every change goes through implementation.services."""

from django import forms
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.widgets import HeaderButton, ListingButton
from wagtail.permissions import register_permission_policy

from accounts.admin.common import (
    ActionFormView,
    OfficialsPolicy,
    ScopedIndexView,
    StaffListingViewSet,
)
from accounts.roles import staff_centres
from consultations.models import ConsultationPage
from home.ids import IdChoiceField
from home.scope import pages_under, rows_under
from implementation import services
from implementation.forms import RecordForm
from implementation.models import Implementation

CHANGE = services.STAFF_PERMISSION


register_permission_policy(Implementation, OfficialsPolicy(Implementation))


def scoped_records(user):
    return Implementation.objects.filter(
        rows_under(staff_centres(user, CHANGE), "proposal__consultation__")
    )


class PercentColumn(Column):
    def get_value(self, instance):
        return f"{instance.percent_done}%"


class RecordIndexView(ScopedIndexView):
    permission = CHANGE
    page_title = _("Implementation of funded projects")

    def get_base_queryset(self):
        return scoped_records(self.request.user).select_related(
            "proposal__consultation", "department"
        )

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "proposal",
                label=_("Project"),
                url_name="mam_implementation:update",
                get_url=lambda record: reverse("mam_implementation:update", args=[record.pk]),
            ),
            Column("consultation", label=_("Consultation"), accessor="proposal.consultation"),
            Column("department", label=_("Department responsible")),
            Column("status", label=_("Status"), accessor="get_status_display"),
            PercentColumn("percent_done", label=_("Percent done")),
            DateColumn("updated_at", label=_("Last changed")),
        ]

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(
                _("Open records for funded projects"),
                reverse("mam_implementation:open"),
                icon_name="plus",
            )
        ]

    def get_list_more_buttons(self, instance):
        return [
            ListingButton(
                _("Update"),
                reverse("mam_implementation:update", args=[instance.pk]),
                icon_name="edit",
            )
        ]


class UpdateView(ActionFormView):
    permission = CHANGE
    header_icon = "clipboard-list"
    index_url_name = "mam_implementation:index"
    index_label = _("Implementation of funded projects")
    page_title = _("Update the implementation record")
    submit_button_label = _("Save and tell the author and followers")

    def prepare(self):
        self.record = get_object_or_404(
            scoped_records(self.request.user).select_related(
                "proposal__consultation", "department"
            ),
            pk=self.kwargs["pk"],
        )

    def get_form(self, form_class=None):
        return RecordForm(**self.get_form_kwargs(), record=self.record)

    def get_summary(self):
        proposal = self.record.proposal
        return [
            (_("Project"), proposal.title),
            (_("Consultation"), proposal.consultation.title),
        ]

    def perform(self, form):
        data = form.cleaned_data
        services.implementation_update(
            record=self.record,
            by=self.request.user,
            status=data["status"],
            reason=data["reason"],
            percent_done=data["percent_done"],
            money_planned=data["money_planned"],
            money_spent=data["money_spent"],
            department=data["department"],
            milestones=form.milestone_changes(),
            photos=form.photos(),
            note=data["note"],
        )
        return gettext("The record is saved and the change is on the project's timeline.")


class OpenForm(forms.Form):
    consultation = IdChoiceField(label=_("Consultation"), queryset=ConsultationPage.objects.none())

    def __init__(self, *args, centres, **kwargs):
        super().__init__(*args, **kwargs)
        consultations = pages_under(ConsultationPage.objects.all(), centres)
        self.fields["consultation"].queryset = consultations.filter(
            results__published_at__isnull=False
        ).order_by("title")


class OpenView(ActionFormView):
    permission = CHANGE
    header_icon = "plus"
    index_url_name = "mam_implementation:index"
    index_label = _("Implementation of funded projects")
    page_title = _("Open records for funded projects")
    submit_button_label = _("Open the records")

    def get_form(self, form_class=None):
        return OpenForm(**self.get_form_kwargs(), centres=self.centres)

    def perform(self, form):
        count = services.records_create_for(
            consultation=form.cleaned_data["consultation"], by=self.request.user
        )
        return gettext("Records opened: %(count)d.") % {"count": count}


class ImplementationAdminViewSet(StaffListingViewSet):
    model = Implementation
    icon = "clipboard-list"
    menu_label = _("Implementation")
    menu_order = 243
    add_to_admin_menu = True
    url_prefix = "implementation"
    index_view_class = RecordIndexView
    list_filter = ["status"]
    inspect_view_enabled = False
    disabled_url_names = ("add_url_name", "edit_url_name", "delete_url_name", "usage_url_name")

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("open/", OpenView.as_view(), name="open"),
            path("<id:pk>/update/", UpdateView.as_view(), name="update"),
        ]

    def register_admin_url_finder(self):
        """No edit view: the update screen is reached from the listing."""
