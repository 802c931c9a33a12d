"""The officials' screens for one proposal: change its status (with the centre's answer
templates), forward it to an outside body, record that body's answer, record a support given
in person. Every change goes through proposals.services; the listing is in proposals/admin.py."""

from django import forms
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages

from accounts.admin.common import ActionFormView
from accounts.models import User
from home.ids import IdChoiceField
from proposals.admin_scope import scoped_proposals
from proposals.models import Proposal
from proposals.services import engagement, status

CHANGE = "proposals.change_proposal"


class TemplateSelect(forms.Select):
    """The answer templates with a button that fills the answer in: no JavaScript needed."""

    def render(self, name, value, attrs=None, renderer=None):
        button = format_html(
            '<button type="submit" name="use_template" value="1" '
            'class="button button-small button-secondary w-mt-2">{}</button>',
            gettext("Fill in the answer from the template"),
        )
        return super().render(name, value, attrs, renderer) + button


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))
    template = forms.ChoiceField(
        label=_("Answer template"),
        required=False,
        widget=TemplateSelect,
        help_text=_("The text is filled in below; you can change it before sending."),
    )
    answer = forms.CharField(
        label=_("Public answer"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_(
            "Shown on the proposal and emailed to its author and followers. "
            "Required when rejecting."
        ),
    )
    merged_into = IdChoiceField(
        label=_("Merged into"),
        queryset=Proposal.objects.none(),
        required=False,
        help_text=_("Only when the new status is “merged”."),
    )
    forwarded_to = forms.CharField(
        label=_("Forwarded to (optional)"), max_length=200, required=False
    )
    answer_due = forms.DateField(
        label=_("Answer due (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, proposal, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The centre's ready answers (casework), as (id, title, text filled in for `proposal`).
        templates = [
            found
            for hook in hooks.get_hooks("mam_answer_templates")
            for found in (hook(user, proposal) if user is not None else [])
        ]
        self.template_texts = {str(pk): text for pk, _title, text in templates}
        if templates:
            self.fields["template"].choices = [
                ("", "---------"),
                *((str(pk), title) for pk, title, _text in templates),
            ]
        else:
            del self.fields["template"]
        self.fields["status"].choices = [
            (value, Proposal.Status(value).label) for value in status.allowed_statuses(proposal)
        ]
        self.fields["merged_into"].queryset = (
            Proposal.objects.filter(consultation_id=proposal.consultation_id)
            .exclude(pk=proposal.pk)
            .exclude(status__in=[Proposal.Status.MERGED, Proposal.Status.WITHDRAWN])
        )


class ForwardForm(forms.Form):
    body_name = forms.CharField(
        label=_("Outside body"),
        max_length=200,
        help_text=_("For example: the waste company, the bus operator."),
    )
    answer_due = forms.DateField(
        label=_("They promised to answer by"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class OutsideAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Their answer"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Shown on the proposal and emailed to its author and followers."),
    )


class InPersonSupportForm(forms.Form):
    email = forms.EmailField(
        label=_("Resident's email address"),
        help_text=_("The resident must have an account. Their email address is never shown."),
    )

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise ValidationError(_("No account has this email address."))
        return user


class ProposalActionView(ActionFormView):
    permission = CHANGE
    header_icon = "form"
    index_url_name = "mam_proposals:index"
    index_label = _("Proposals")

    def prepare(self):
        proposals = scoped_proposals(self.request.user, CHANGE).select_related("consultation")
        self.proposal = get_object_or_404(proposals, pk=self.kwargs["pk"])

    def get_summary(self):
        proposal = self.proposal
        summary = [
            (_("Proposal"), proposal.title),
            (_("Consultation"), proposal.consultation.title),
            (_("Status"), proposal.get_status_display()),
            (_("Supports"), str(proposal.supports_count)),
        ]
        if proposal.submitted_for_name:
            summary.append((_("Resident (paper form, staff only)"), proposal.submitted_for_name))
        if proposal.forwarded_to:
            summary.append((_("Forwarded to"), proposal.forwarded_to))
        if proposal.answer_due:
            summary.append((_("Answer due"), proposal.answer_due.isoformat()))
        # Staff-only additions of apps above (casework: open cases, internal notes).
        for hook in hooks.get_hooks("mam_proposal_admin_summary"):
            summary.extend(hook(self.request, proposal))
        return summary


class ChangeStatusView(ProposalActionView):
    form_class = StatusForm
    page_title = _("Change the status")
    submit_button_label = _("Change the status and notify")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "proposal": self.proposal, "user": self.request.user}

    def post(self, request, *args, **kwargs):
        if "use_template" not in request.POST:
            return super().post(request, *args, **kwargs)
        # "Fill in the answer from the template": show the form again, nothing is changed.
        form = self.get_form()
        initial = {name: request.POST.get(name, "") for name in form.fields}
        text = form.template_texts.get(request.POST.get("template", ""))
        if text is None:
            messages.error(request, gettext("Choose a template first."))
        else:
            initial["answer"] = text
        form = self.form_class(initial=initial, proposal=self.proposal, user=request.user)
        return self.render_to_response(self.get_context_data(form=form))

    def perform(self, form):
        data = form.cleaned_data
        status.status_change(
            proposal=self.proposal,
            status=data["status"],
            answer=data["answer"],
            by=self.request.user,
            forwarded_to=data["forwarded_to"],
            answer_due=data["answer_due"],
            merged_into=data["merged_into"],
            manual=True,
        )
        return gettext("The status of “%(title)s” is changed.") % {"title": self.proposal}


class ForwardView(ProposalActionView):
    form_class = ForwardForm
    page_title = _("Forward to an outside body")
    submit_button_label = _("Forward and notify")

    def perform(self, form):
        data = form.cleaned_data
        status.forward_to_body(
            proposal=self.proposal,
            body_name=data["body_name"],
            answer_due=data["answer_due"],
            by=self.request.user,
        )
        return gettext("“%(title)s” is forwarded.") % {"title": self.proposal}


class OutsideAnswerView(ProposalActionView):
    form_class = OutsideAnswerForm
    page_title = _("Record the outside body's answer")
    submit_button_label = _("Publish the answer and notify")

    def perform(self, form):
        status.record_outside_answer(
            proposal=self.proposal, answer=form.cleaned_data["answer"], by=self.request.user
        )
        return gettext("The answer is published.")


class InPersonSupportView(ProposalActionView):
    form_class = InPersonSupportForm
    page_title = _("Record a support given in person")
    submit_button_label = _("Record the support")

    def perform(self, form):
        resident = form.cleaned_data["email"]
        engagement.support_record_in_person(
            proposal=self.proposal, resident=resident, staff=self.request.user
        )
        return gettext("The support of %(name)s is recorded.") % {"name": resident.public_name}
