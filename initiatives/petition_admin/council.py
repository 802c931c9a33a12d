"""Filing a petition with the council, extending its deadline, and the council's decision."""

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from initiatives.models import Petition
from initiatives.petition_admin.actions import PetitionActionView
from initiatives.services import petition_deadlines, petitions


class DateInput(forms.DateInput):
    input_type = "date"


class FileForm(forms.Form):
    filed_on = forms.DateField(label=_("Filed on"), widget=DateInput)

    def __init__(self, *args, petition: Petition, **kwargs):
        super().__init__(*args, **kwargs)
        required = petitions.filing_threshold(petition)
        if petition.paper_signatures < required:
            numbers = {"count": petition.paper_signatures, "required": required}
            self.fields["below_threshold_confirmed"] = forms.BooleanField(
                label=gettext(
                    "%(count)s of the %(required)s required signatures were collected. The "
                    "council is then not bound to debate the draft (art. 41a ust. 2 and 3 of the "
                    "ustawa o samorządzie gminnym). I confirm that the draft was filed anyway."
                )
                % numbers,
                required=True,
                error_messages={
                    "required": gettext(
                        "The draft has %(count)s of the %(required)s required signatures: "
                        "confirm that it was filed anyway, or enter the remaining sheet counts "
                        "first."
                    )
                    % numbers
                },
            )


class FileView(PetitionActionView):
    form_class = FileForm
    page_title = _("Filing")
    submit_button_label = _("Record the filing")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "petition": self.petition}

    def perform(self, form):
        petition = petitions.petition_file(
            petition=self.petition,
            staff=self.request.user,
            filed_on=form.cleaned_data["filed_on"],
            below_threshold_confirmed=form.cleaned_data.get("below_threshold_confirmed", False),
        )
        if petition.below_threshold:
            return gettext(
                "Filed below the threshold. The council's deadline, if it debates it, is %(date)s."
            ) % {"date": date_format(petition.council_deadline)}
        if petition.is_resolution:
            return gettext("Filed. The council must debate it by %(date)s.") % {
                "date": date_format(petition.council_deadline)
            }
        return gettext("Filed. The answer is due by %(date)s (ustawa o petycjach).") % {
            "date": date_format(petition.council_deadline)
        }

    def get_success_url(self):
        return reverse("mam_petitions:manage", args=[self.petition.pk])


class ExtendForm(forms.Form):
    new_deadline = forms.DateField(label=_("The new expected date of the answer"), widget=DateInput)
    reason = forms.CharField(
        label=_("Reason for the extension, as the addressee gave it"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Art. 10 ust. 2 of the ustawa o petycjach: the addressee may extend the 3 months by "
            "at most another 3, announcing the reason and the expected date."
        ),
    )
    announced_on = forms.DateField(label=_("Announced on"), widget=DateInput)


class ExtendView(PetitionActionView):
    """Record the addressee's announced extension of a petition's deadline."""

    form_class = ExtendForm
    page_title = _("Extension")
    submit_button_label = _("Record the extension")

    def get_initial(self):
        return {"announced_on": timezone.localdate()}

    def perform(self, form):
        petition = petition_deadlines.petition_extend_deadline(
            petition=self.petition, staff=self.request.user, **form.cleaned_data
        )
        return gettext("Extended. The answer is now due by %(date)s.") % {
            "date": date_format(petition.extended_deadline)
        }

    def get_success_url(self):
        return reverse("mam_petitions:manage", args=[self.petition.pk])


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=Petition.Decision.choices, widget=forms.RadioSelect
    )
    decided_on = forms.DateField(label=_("Decided on"), widget=DateInput)
    decision_text = forms.CharField(
        label=_("The decision in short"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    resolution_url = forms.URLField(
        label=_("Link to the resolution"), required=False, assume_scheme="https"
    )


class DecideView(PetitionActionView):
    form_class = DecideForm
    page_title = _("Decision")
    submit_button_label = _("Record the decision")

    def perform(self, form):
        petitions.petition_decide(
            petition=self.petition, staff=self.request.user, **form.cleaned_data
        )
        return gettext("The decision is recorded and shown on the initiative's page.")

    def get_success_url(self):
        return reverse("mam_petitions:manage", args=[self.petition.pk])
