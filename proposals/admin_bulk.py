"""Change the status of several proposals at once, with one public answer.

A plain form (checkboxes, filtered by consultation and status) rather than Wagtail's bulk
actions, whose selection bar needs JavaScript. Each proposal goes through
proposals.services.status.status_change; those whose transition is not allowed are skipped."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin import messages

from accounts.admin.common import ActionFormView
from consultations.models import ConsultationPage
from home.ids import IdChoiceField, IdMultipleChoiceField
from home.scope import pages_under
from proposals.admin_scope import scoped_proposals
from proposals.models import Proposal
from proposals.services import status

CHANGE = "proposals.change_proposal"
# Merging needs a target per proposal: do it one by one.
BULK_STATUSES = [s for s in Proposal.Status if s not in (Proposal.Status.MERGED,)]


class BulkFilterForm(forms.Form):
    """GET: which proposals to list."""

    consultation = IdChoiceField(
        label=_("Consultation"), queryset=ConsultationPage.objects.none(), required=False
    )
    current = forms.ChoiceField(label=_("Current status"), required=False)

    def __init__(self, *args, consultations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultation"].queryset = consultations
        self.fields["current"].choices = [("", _("Any status")), *Proposal.Status.choices]


class BulkStatusForm(forms.Form):
    proposals = IdMultipleChoiceField(
        label=_("Proposals"),
        queryset=Proposal.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one proposal.")},
    )
    status = forms.ChoiceField(
        label=_("New status"), choices=[(s.value, s.label) for s in BULK_STATUSES]
    )
    answer = forms.CharField(
        label=_("Public answer"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_(
            "The same answer is shown on every proposal and emailed to its author and "
            "followers. Required when rejecting."
        ),
    )

    def __init__(self, *args, proposals, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["proposals"]
        field.queryset = proposals
        field.label_from_instance = lambda p: (
            f"{p.title} – {p.consultation.title} ({p.get_status_display()})"
        )

    def clean(self):
        data = super().clean()
        if data.get("status") == Proposal.Status.REJECTED and not data.get("answer", "").strip():
            self.add_error("answer", _("Give the reason for rejecting the proposals."))
        return data


class BulkStatusView(ActionFormView):
    permission = CHANGE
    form_class = BulkStatusForm
    template_name = "proposals/admin/bulk_status.html"
    header_icon = "list-ul"
    page_title = _("Change status of several proposals")
    submit_button_label = _("Change the status of the chosen proposals and notify")
    index_url_name = "mam_proposals:index"
    index_label = _("Proposals")

    def prepare(self):
        self.consultations = pages_under(ConsultationPage.objects.all(), self.centres).order_by(
            "title"
        )
        self.filter_form = BulkFilterForm(self.request.GET, consultations=self.consultations)
        proposals = (
            scoped_proposals(self.request.user, CHANGE)
            .select_related("consultation")
            .order_by("consultation__title", "-created_at", "-pk")
        )
        if self.filter_form.is_valid():
            if consultation := self.filter_form.cleaned_data["consultation"]:
                proposals = proposals.filter(consultation=consultation)
            if current := self.filter_form.cleaned_data["current"]:
                proposals = proposals.filter(status=current)
        self.proposals = proposals

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "proposals": self.proposals}

    def get_success_url(self):
        return self.request.get_full_path()

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "filter_form": self.filter_form}

    def perform(self, form):
        new_status = form.cleaned_data["status"]
        answer = form.cleaned_data["answer"]
        changed, skipped = [], []
        for proposal in form.cleaned_data["proposals"]:
            if new_status not in status.allowed_statuses(proposal):
                skipped.append(proposal)
                continue
            try:
                status.status_change(
                    proposal=proposal,
                    status=new_status,
                    answer=answer,
                    by=self.request.user,
                    manual=True,
                )
            except ValidationError:
                skipped.append(proposal)
            else:
                changed.append(proposal)
        if not changed:
            raise ValidationError(
                _("None of the chosen proposals can become “%(status)s”.")
                % {"status": Proposal.Status(new_status).label}
            )
        if skipped:
            messages.warning(
                self.request,
                ngettext(
                    "Skipped, as its status cannot change this way: %(titles)s",
                    "Skipped, as their status cannot change this way: %(titles)s",
                    len(skipped),
                )
                % {"titles": "; ".join(f"“{p.title}”" for p in skipped)},
            )
        return ngettext(
            "%(count)d proposal is now “%(status)s”.",
            "%(count)d proposals are now “%(status)s”.",
            len(changed),
        ) % {"count": len(changed), "status": Proposal.Status(new_status).label}
