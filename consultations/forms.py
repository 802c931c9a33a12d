"""The filter form of a centre's consultation list (a plain GET form)."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ConsultationFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("all consultations")),
            ("open", _("open now")),
            ("upcoming", _("coming soon")),
            ("finished", _("finished")),
        ],
    )
    q = forms.CharField(label=_("Search by words"), required=False, max_length=100, strip=True)

    def filter(self, consultations):
        """Narrow the consultations to those whose title or lead contains the words."""
        for word in self.cleaned_data["q"].split()[:8]:
            consultations = consultations.filter(Q(title__icontains=word) | Q(lead__icontains=word))
        return consultations
