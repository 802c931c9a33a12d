"""Staff actions on one petition: the base view, sheet counts confirmed by two people and
the committee members met at the centre."""

from django import forms
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.admin.common import (
    ActionFormView,
)
from consultations.participation import NotAllowed
from initiatives.models import Petition
from initiatives.petition_admin.listing import CHANGE
from initiatives.services import petitions


class PetitionActionView(ActionFormView):
    """A staff action on one petition of the user's centres."""

    refusals = (NotAllowed,)

    permission = CHANGE
    index_url_name = "mam_petitions:index"
    index_label = _("Petitions")
    header_icon = "doc-full"
    template_name = "initiatives/petition/admin_action.html"

    def prepare(self):
        found = Petition.objects.filter(centre__in=self.centres).select_related(
            "centre", "initiative"
        )
        self.petition = get_object_or_404(found, pk=self.kwargs["pk"])

    def get_summary(self):
        petition = self.petition
        online = gettext("%(all)s (verified residents: %(verified)s)") % {
            "all": petition.supporters_count,
            "verified": petition.verified_supporters_count,
        }
        summary = [
            (_("Title"), petition.title),
            (_("Initiative"), petition.initiative.title),
            (_("Kind"), petition.get_kind_display()),
            (_("Addressed to"), petition.addressee_label),
            (_("State"), petition.get_state_display()),
            (_("Online supporters (not signatures)"), online),
        ]
        if petition.is_resolution:
            summary += [
                # Fixed when published; while drafting, the centre's threshold as it stands.
                (_("Signatures required"), str(petitions.filing_threshold(petition))),
                (_("Confirmed signatures on paper"), str(petition.paper_signatures)),
                (_("Sheets printed"), str(petition.sheets_printed)),
            ]
        if petition.filed_on:
            summary.append((_("Filed on"), date_format(petition.filed_on)))
        if petition.below_threshold:
            summary.append(
                (_("Filed below the threshold"), petitions.below_threshold_text(petition))
            )
        if petition.council_deadline:
            deadline = date_format(petition.council_deadline)
            if petition.is_overdue():
                deadline = gettext("%(date)s – overdue") % {"date": deadline}
            if petition.extended_deadline:
                deadline = date_format(petition.council_deadline)
            label = _("The council's deadline") if petition.is_resolution else _("Answer due by")
            summary.append((label, deadline))
        if petition.extended_deadline:
            summary += self.extension_summary()
        if petition.decision:
            summary.append((_("Decision"), petition.get_decision_display()))
        return summary

    def extension_summary(self):
        petition = self.petition
        deadline = date_format(petition.extended_deadline)
        if petition.is_overdue():
            deadline = gettext("%(date)s – overdue") % {"date": deadline}
        return [
            (_("Extended deadline"), deadline),
            (_("Reason for the extension"), petition.extension_reason),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pk = self.petition.pk
        context["petition"] = self.petition
        context["links"] = [
            (reverse("mam_petitions:manage", args=[pk]), _("Sheet counts")),
            (reverse("mam_petitions:committee", args=[pk]), _("Committee")),
            (reverse("mam_petitions:file", args=[pk]), _("Filing")),
            (reverse("mam_petitions:decide", args=[pk]), _("Decision")),
        ]
        if not self.petition.is_resolution:
            context["links"].insert(3, (reverse("mam_petitions:extend", args=[pk]), _("Extension")))
        return context


class SheetCountForm(forms.Form):
    number = forms.IntegerField(label=_("Sheet number"), min_value=1, max_value=100_000)
    count = forms.IntegerField(
        label=_("Valid signatures on the sheet"),
        min_value=0,
        max_value=petitions.ROWS_PER_SHEET,
        help_text=_(
            "Only the number. Never type names or addresses from the sheet. A second staff "
            "member enters the same sheet's count on their own; it counts when both agree."
        ),
    )


class SheetCountView(PetitionActionView):
    form_class = SheetCountForm
    page_title = _("Sheet counts")
    submit_button_label = _("Save the count")

    def perform(self, form):
        data = form.cleaned_data
        sheet = petitions.sheet_count_enter(
            petition=self.petition,
            staff=self.request.user,
            number=data["number"],
            count=data["count"],
        )
        if sheet.confirmed_count is not None:
            return gettext("Sheet %(number)s confirmed: %(count)s valid signatures.") % {
                "number": sheet.number,
                "count": sheet.confirmed_count,
            }
        return gettext("Saved. Sheet %(number)s counts once another staff member confirms it.") % {
            "number": sheet.number
        }

    def get_success_url(self):
        return reverse("mam_petitions:manage", args=[self.petition.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["mismatched"] = petitions.sheets_mismatched(self.petition)
        context["waiting"] = petitions.sheets_waiting(self.petition)
        return context


class CommitteeForm(forms.Form):
    full_name = forms.CharField(label=_("First name and surname"), max_length=150)
    consent = forms.BooleanField(
        label=_("The person consented in person to sit on the committee"), required=True
    )
    show_name = forms.BooleanField(
        label=_("The person agrees to show the name on the initiative's page"), required=False
    )


class CommitteeView(PetitionActionView):
    form_class = CommitteeForm
    page_title = _("Committee")
    submit_button_label = _("Add to the committee")

    def perform(self, form):
        data = form.cleaned_data
        petitions.committee_record(
            initiative=self.petition.initiative,
            staff=self.request.user,
            full_name=data["full_name"],
            consent=data["consent"],
            show_name=data["show_name"],
        )
        return gettext("Added to the committee.")

    def get_success_url(self):
        return reverse("mam_petitions:committee", args=[self.petition.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["committee"] = list(self.petition.initiative.committee.all())
        return context
