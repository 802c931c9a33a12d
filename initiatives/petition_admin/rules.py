"""The town's signature threshold for a citizens' resolution initiative, per centre."""

from django import forms
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from accounts.admin.common import (
    ActionFormView,
)
from initiatives.models import PetitionRules
from initiatives.petition_admin.listing import CHANGE
from initiatives.services import petitions


class RulesForm(forms.Form):
    population = forms.IntegerField(
        label=_("Inhabitants of the municipality"), min_value=1, max_value=50_000_000
    )
    signatures_required = forms.IntegerField(
        label=_("Signatures required (the town's statute)"),
        min_value=1,
        max_value=1_000_000,
        required=False,
        help_text=_("Leave empty to use the default by population: 100, 200 or 300."),
    )
    statute_lower = forms.BooleanField(
        label=_("The town's statute sets this lower number"),
        required=False,
        help_text=_(
            "Art. 41a asks 100, 200 or 300 signatures by population. Tick this only when the "
            "town's own statute sets a lower number."
        ),
    )

    def clean(self):
        data = super().clean()
        population, own = data.get("population"), data.get("signatures_required")
        if own and own < petitions.default_threshold(population) and not data["statute_lower"]:
            self.add_error(
                "statute_lower",
                gettext(
                    "%(own)s is below the %(act)s signatures the act asks for this population: "
                    "confirm that the town's statute sets it."
                )
                % {"own": own, "act": petitions.default_threshold(population)},
            )
        return data


class RulesView(ActionFormView):
    """The town's population and, where its statute sets one, its own threshold."""

    permission = CHANGE
    form_class = RulesForm
    page_title = _("Signature threshold")
    header_icon = "cog"
    submit_button_label = _("Save")
    index_url_name = "mam_petitions:index"
    index_label = _("Petitions")

    def prepare(self):
        self.centre = get_object_or_404(self.centres, pk=self.kwargs["centre_pk"])
        self.rules = PetitionRules.objects.filter(centre=self.centre).first()

    def get_initial(self):
        if self.rules is None:
            return {}
        return {
            "population": self.rules.population,
            "signatures_required": self.rules.signatures_required,
        }

    def get_summary(self):
        return [
            (_("Centre"), self.centre.title),
            (_("Signatures required now"), str(petitions.signature_threshold(self.centre))),
        ]

    def perform(self, form):
        data = {
            "population": form.cleaned_data["population"],
            "signatures_required": form.cleaned_data["signatures_required"],
        }
        rules, _created = PetitionRules.objects.update_or_create(centre=self.centre, defaults=data)
        log(
            rules,
            "mam.petition.rules",
            user=self.request.user,
            data={**data, "statute_lower": form.cleaned_data["statute_lower"]},
        )
        return gettext("Saved. New drafts need %(count)s signatures.") % {
            "count": petitions.signature_threshold(self.centre)
        }
