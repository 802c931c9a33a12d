"""The staff action screens: a form that says what will happen, then calls a service
(`ActionFormView`), and the approve-or-decline form every review screen uses (`DecisionView`)."""

from django import forms
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from accounts.admin.scoping import CentreScopedMixin


class ConfirmForm(forms.Form):
    """An action that needs no input beyond the staff member's confirmation."""


class ActionFormView(CentreScopedMixin, WagtailAdminTemplateMixin, FormView):
    """GET shows what will happen and a form; POST validates and calls the service."""

    template_name = "accounts/admin/action_form.html"
    form_class = ConfirmForm
    header_icon = ""
    submit_button_label = _("Confirm")
    serious = False  # style the button as a warning (hide, block, revoke)
    index_url_name = ""
    index_label = ""
    # Exceptions besides ValidationError that a service raises to refuse (e.g. NotAllowed of
    # the participation rule, which lives above this app): shown above the form, never a 500.
    refusals: tuple[type[Exception], ...] = ()

    def perform(self, form) -> str:
        """Call the service; return the message shown after success."""
        raise NotImplementedError

    def get_summary(self) -> list[tuple[str, str]]:
        """Label and value pairs describing what the action applies to."""
        return []

    def get_success_url(self):
        return reverse(self.index_url_name)

    def get_cancel_url(self):
        return self.get_success_url()

    def form_valid(self, form):
        try:
            message = self.perform(form)
        except ValidationError as error:
            for text in error.messages:
                form.add_error(None, text)
            return self.form_invalid(form)
        except self.refusals as refusal:
            form.add_error(None, getattr(refusal, "message", str(refusal)))
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect(self.get_success_url())

    def form_invalid(self, form):
        messages.error(self.request, _("Nothing was changed: correct the errors below."))
        response = super().form_invalid(form)
        response.status_code = 400  # bad input is a client error, shown with its messages
        return response

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": self.index_label},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=self.request.get_full_path(),
            submit_button_label=self.submit_button_label,
            serious=self.serious,
            cancel_url=self.get_cancel_url(),
            summary=self.get_summary(),
        )
        return context


class DecisionForm(forms.Form):
    """Approve or decline; declining needs a reason, which the person concerned reads.

    Subclasses give the two choices' values (`APPROVE`, `DECLINE`, as posted) and the words
    around them; `approved` tells which one was chosen.
    """

    APPROVE = "approve"
    DECLINE = "decline"
    approve_label = _("Approve")
    decline_label = _("Decline")
    decision_required = _("Choose whether to approve or decline.")
    reason_label = _("Reason for declining")
    reason_help = _("Needed when you decline.")
    reason_missing = _("Say why it is declined.")

    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    reason = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        decision, reason = self.fields["decision"], self.fields["reason"]
        decision.choices = [(self.APPROVE, self.approve_label), (self.DECLINE, self.decline_label)]
        decision.error_messages["required"] = self.decision_required
        reason.label, reason.help_text = self.reason_label, self.reason_help

    @property
    def approved(self) -> bool:
        return self.cleaned_data["decision"] == self.APPROVE

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.DECLINE and not cleaned.get("reason", "").strip():
            self.add_error("reason", self.reason_missing)
        return cleaned


class DecisionView(ActionFormView):
    """Approve or decline what `prepare()` loaded, through `approve()` or `decline(reason)`.

    Both call the service and return the message shown after success. A service's
    `ValidationError`, and the exceptions named in `refusals` (a service's `NotAllowed`), are
    shown above the form and nothing changes.
    """

    form_class = DecisionForm
    submit_button_label = _("Save the decision")
    refusals: tuple[type[Exception], ...] = ()

    def approve(self) -> str:
        raise NotImplementedError

    def decline(self, reason: str) -> str:
        raise NotImplementedError

    def perform(self, form) -> str:
        try:
            if form.approved:
                return self.approve()
            return self.decline(form.cleaned_data["reason"])
        except self.refusals as refusal:
            raise ValidationError(getattr(refusal, "message", str(refusal))) from refusal
