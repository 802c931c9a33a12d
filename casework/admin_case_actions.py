"""Cases in Wagtail's admin, the screens on one proposal or case: assigning a proposal,
reassigning, marking done, and a proposal's case file with its internal notes (the listings
are in casework/admin_cases.py)."""

from django import forms
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.admin.common import ActionFormView
from casework import selectors, services
from casework.models import Assignment, Department
from home.ids import IdChoiceField
from proposals.models import Proposal

OFFICIALS = services.OFFICIALS
STAFF = services.STAFF


# Assigning, reassigning, marking done ---------------------------------------------------------


class AssignForm(forms.Form):
    department = IdChoiceField(
        label=_("Department"), queryset=Department.objects.none(), required=False
    )
    person = IdChoiceField(
        label=_("Person"),
        queryset=get_user_model().objects.none(),
        required=False,
        help_text=_("Leave empty to give the case to the whole department."),
    )
    due_date = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )

    target = forms.ChoiceField(
        label=_("What is to be dealt with"),
        required=False,
        help_text=_("The proposal as a whole, or one part of its handling."),
    )

    field_order = ["target", "department", "person", "due_date", "note"]

    def __init__(self, *args, centre, targets=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(centre=centre, active=True)
        self.fields["person"].queryset = selectors.centre_staff(centre)
        if targets is None:
            del self.fields["target"]
        else:
            self.fields["target"].choices = [("", _("The proposal itself"))] + [
                (key, label) for key, label, _obj in targets
            ]


class ProposalCaseMixin:
    permission = OFFICIALS
    header_icon = "tasks"
    index_url_name = "mam_cases:mine"
    index_label = _("My cases")

    def get_summary(self):
        proposal = self.proposal
        return [
            (_("Proposal"), proposal.title),
            (_("Consultation"), proposal.consultation.title),
            (_("Status"), proposal.get_status_display()),
        ]


class AssignView(ProposalCaseMixin, ActionFormView):
    form_class = AssignForm
    page_title = _("Assign the proposal")
    submit_button_label = _("Assign")

    def prepare(self):
        proposals = Proposal.objects.filter(selectors.within_centres(self.centres))
        self.proposal = get_object_or_404(
            proposals.select_related("consultation"), pk=self.kwargs["pk"]
        )
        self.centre = self.proposal.consultation.centre

    @cached_property
    def targets(self):
        return selectors.case_targets(self.proposal)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "centre": self.centre, "targets": self.targets}

    def get_initial(self):
        """?target=… chooses what the case is about (the review and appeal screens link so)."""
        wanted = self.request.GET.get("target", "")
        keys = {key for key, _label, _obj in self.targets}
        return {"target": wanted} if wanted in keys else {}

    def perform(self, form):
        data = form.cleaned_data
        target = {key: obj for key, _label, obj in self.targets}.get(data["target"])
        services.assignment_create(
            proposal=self.proposal,
            by=self.request.user,
            department=data["department"],
            person=data["person"],
            due_date=data["due_date"],
            note=data["note"],
            target=target,
        )
        return gettext("“%(title)s” is assigned.") % {"title": self.proposal}


class CaseActionMixin(ProposalCaseMixin):
    def prepare(self):
        cases = Assignment.objects.filter(centre__in=self.centres).select_related(
            "proposal__consultation", "department", "person"
        )
        self.case = get_object_or_404(cases, pk=self.kwargs["pk"])
        self.proposal = self.case.proposal

    def get_summary(self):
        return [
            *super().get_summary(),
            (_("Assigned to"), self.case.assignee),
            (_("Due date"), self.case.due_date.isoformat()),
        ]


class ReassignView(CaseActionMixin, ActionFormView):
    form_class = AssignForm
    page_title = _("Reassign the case")
    submit_button_label = _("Save the assignment")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "centre": self.case.centre}

    def get_initial(self):
        case = self.case
        return {
            "department": case.department_id,
            "person": case.person_id,
            "due_date": case.due_date,
            "note": case.note,
        }

    def perform(self, form):
        data = form.cleaned_data
        services.assignment_reassign(
            assignment=self.case,
            by=self.request.user,
            department=data["department"],
            person=data["person"],
            due_date=data["due_date"],
            note=data["note"],
        )
        return gettext("The case is saved.")


class DoneView(CaseActionMixin, ActionFormView):
    page_title = _("Mark the case done")
    submit_button_label = _("Mark done")

    def perform(self, form):
        services.assignment_done(assignment=self.case, by=self.request.user)
        return gettext("The case is done.")


# A proposal's case file: its cases and internal notes ----------------------------------------


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("New internal note"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_("Seen only by this centre's staff: never public, never exported."),
    )


class CaseFileView(ProposalCaseMixin, ActionFormView):
    permission = STAFF
    form_class = NoteForm
    template_name = "casework/admin/case_file.html"
    page_title = _("Case file and internal notes")
    submit_button_label = _("Add the note")

    prepare = AssignView.prepare

    def get_success_url(self):
        return reverse("mam_cases:file", args=[self.proposal.pk])

    def get_cancel_url(self):
        return reverse("mam_proposals:index")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cases = selectors.cases_of(self.proposal)
        labels = selectors.target_labels(selectors.case_targets(self.proposal))
        for case in cases:
            case.about = labels.get((case.target_type_id, case.target_id), "")
        context.update(
            notes=selectors.notes_of(self.proposal),
            cases=cases,
            can_assign=self.request.user.has_perm(OFFICIALS),
            assign_url=reverse("mam_cases:assign", args=[self.proposal.pk]),
            today=timezone.localdate(),
        )
        return context

    def perform(self, form):
        services.note_add(
            proposal=self.proposal, by=self.request.user, text=form.cleaned_data["text"]
        )
        return gettext("The note is added.")
