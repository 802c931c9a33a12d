"""Forms for the staff views; every centre field offers only the staff member's own centres."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.admin.common import DecisionForm
from accounts.models import User
from accounts.services.residency import MAX_CODES_PER_BATCH
from home.ids import IdChoiceField


class CentreChoiceField(IdChoiceField):
    def label_from_instance(self, obj):
        return obj.title


def _centre_field(centres):
    return CentreChoiceField(
        queryset=centres.order_by("title"),
        label=_("Centre"),
        empty_label=None,
        error_messages={"invalid_choice": _("Choose one of your centres.")},
    )


class DeclarationReviewForm(DecisionForm):
    APPROVE = "accept"
    DECLINE = "reject"
    approve_label = _("Accept: this person lives in the town")
    decline_label = _("Reject")
    decision_required = _("Choose whether to accept or reject the declaration.")
    reason_label = _("Reason for rejecting")
    reason_help = _("Needed when you reject. The resident reads it, so say what they can do next.")
    reason_missing = _("Give the reason for rejecting, so the resident knows what to do next.")


class InPersonVerificationForm(forms.Form):
    account = forms.CharField(
        label=_("Resident's email address or display name"),
        max_length=254,
        help_text=_("The email address is exact; capital letters do not matter."),
        error_messages={"required": _("Enter the resident's email address or display name.")},
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=250,
        required=False,
        help_text=_("For example which document you saw. Do not write down ID numbers."),
    )

    def __init__(self, *args, centres, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"] = _centre_field(centres)
        self.order_fields(["account", "centre", "note"])

    def clean_account(self):
        text = self.cleaned_data["account"].strip()
        people = User.objects.filter(is_active=True, deleted_at__isnull=True)
        found = list(people.filter(email__iexact=text)[:1])
        if not found:
            found = list(people.filter(Q(display_name__iexact=text) & ~Q(display_name=""))[:2])
        if not found:
            raise forms.ValidationError(
                _("No account has this email address or display name. Check the spelling.")
            )
        if len(found) > 1:
            raise forms.ValidationError(
                _("Several accounts use this display name. Ask for the email address instead.")
            )
        self.cleaned_data["user"] = found[0]
        return text


class ReasonForm(forms.Form):
    """A required reason: for revoking, warning or blocking."""

    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Give the reason.")},
    )

    def __init__(self, *args, help_text="", **kwargs):
        super().__init__(*args, **kwargs)
        if help_text:
            self.fields["reason"].help_text = help_text

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Give the reason."))
        return reason


class HideForm(ReasonForm):
    reason = forms.CharField(
        label=_("Public reason for hiding"),
        max_length=250,
        help_text=_(
            "Shown to everyone in place of the contribution, e.g. “Hidden: offensive language”."
        ),
        error_messages={"required": _("Give the public reason for hiding.")},
    )


class CodeBatchForm(forms.Form):
    count = forms.IntegerField(
        label=_("Number of codes"),
        min_value=1,
        max_value=MAX_CODES_PER_BATCH,
        initial=20,
    )
    valid_days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        max_value=366,
        initial=60,
        help_text=_("From 1 to 366 days. Unused codes stop working after that."),
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=200,
        required=False,
        help_text=_("For staff only, e.g. “for the seniors' club”."),
    )

    def __init__(self, *args, centres, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"] = _centre_field(centres)
        self.fields["count"].help_text = gettext(
            "From 1 to %(max)d. Each code verifies one resident."
        ) % {"max": MAX_CODES_PER_BATCH}
        self.order_fields(["centre", "count", "valid_days", "note"])
