"""Staff admin for petitions: the centre's petitions, sheet counts confirmed by two people,
the committee members met at the centre, filing with the council and its decision, and the
town's signature threshold. Every screen is scoped to the staff member's centres and every
write goes through initiatives.services.petitions (and into Wagtail's action log).
"""

import django_filters
from django import forms
from django.db.models import F, Q
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import log

from accounts.admin.common import (
    ActionFormView,
    ScopedHistoryView,
    ScopedIndexView,
    StaffListingViewSet,
    centre_filter,
)
from accounts.roles import staff_centres
from consultations.participation import NotAllowed
from initiatives.models import Petition, PetitionRules
from initiatives.services import petition_deadlines, petitions

VIEW = "initiatives.view_initiative"
CHANGE = "initiatives.change_initiative"

PETITION_LOG_ACTIONS = [
    ("mam.petition.committee", _("Committee member"), _("Committee member added by staff")),
    ("mam.petition.sheet_count", _("Sheet count"), _("Valid signatures of a sheet entered")),
    ("mam.petition.filed", _("Filed"), _("Petition filed")),
    (
        "mam.petition.filed_below_threshold",
        _("Filed below the threshold"),
        _("Draft resolution filed below its signature threshold (art. 41a), as confirmed"),
    ),
    (
        "mam.petition.extended",
        _("Deadline extended"),
        _(
            "Petition's deadline extended by its addressee "
            "(art. 10 ust. 2 of the ustawa o petycjach)"
        ),
    ),
    ("mam.petition.decided", _("Decision"), _("Decision on the petition recorded")),
    ("mam.petition.rules", _("Signature threshold"), _("Town's signature threshold changed")),
]


# Petition.below_threshold as a query: a draft resolution filed with fewer confirmed
# signatures than its art. 41a threshold (the organiser confirmed filing it anyway).
BELOW_THRESHOLD = Q(
    kind=Petition.Kind.RESOLUTION,
    filed_signatures__isnull=False,
    filed_signatures__lt=F("signatures_required"),
)


class PetitionFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(label=_("State"), choices=Petition.State.choices)
    below_threshold = django_filters.BooleanFilter(
        label=_("Filed below the threshold"), method="filter_below_threshold"
    )
    centre = centre_filter(VIEW)

    class Meta:
        model = Petition
        fields = ["state", "centre"]

    def filter_below_threshold(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(BELOW_THRESHOLD) if value else queryset.exclude(BELOW_THRESHOLD)


class PetitionIndexView(ScopedIndexView):
    permission = VIEW
    page_title = _("Petitions")
    manage_url_name = "mam_petitions:manage"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("centre", "initiative")

    def get_edit_url(self, instance):
        if self.request.user.has_perm(CHANGE):
            return reverse(self.manage_url_name, args=[instance.pk])
        return None

    def get_delete_url(self, instance):
        return None

    @cached_property
    def header_buttons(self):
        """The town's signature threshold, one button per centre the user may change."""
        if not self.request.user.has_perm(CHANGE):
            return []
        centres = staff_centres(self.request.user, CHANGE).order_by("title")
        return [
            HeaderButton(
                gettext("Signature threshold: %(centre)s") % {"centre": centre.title},
                url=reverse("mam_petitions:rules", args=[centre.pk]),
                icon_name="cog",
            )
            for centre in centres
        ]

    def get_list_more_buttons(self, instance):
        buttons = []
        if url := self.get_edit_url(instance):
            buttons.append(MenuItem(_("Sheet counts"), url, icon_name="tasks", priority=10))
        history = reverse(self.history_url_name, args=[instance.pk])
        buttons.append(MenuItem(_("History"), history, icon_name="history", priority=20))
        return buttons

    @cached_property
    def columns(self):
        title = self.title_column
        today = timezone.localdate()
        return [
            title(
                "title",
                label=_("Title"),
                sort_key="title",
                get_url=lambda p: self.get_edit_url(p) or "",
            ),
            Column("initiative", label=_("Initiative"), accessor="initiative.title"),
            Column("centre", label=_("Centre"), accessor="centre.title"),
            StatusTagColumn(
                "state",
                label=_("State"),
                accessor="get_state_display",
                sort_key="state",
                primary=lambda p: p.is_overdue(today),
            ),
            Column("paper_signatures", label=_("Signatures on paper")),
            Column("signatures_required", label=_("Required")),
            Column("supporters_count", label=_("Online supporters")),
            DateColumn("deadline", label=_("Deadline")),
            Column(
                "below_threshold",
                label=_("Filed below the threshold"),
                accessor=lambda p: gettext("Yes") if p.below_threshold else "",
            ),
        ]


class PetitionHistoryView(ScopedHistoryView):
    permission = VIEW


class PetitionActionView(ActionFormView):
    """A staff action on one petition of the user's centres."""

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

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except NotAllowed as refusal:
            form.add_error(None, refusal.message)
            return self.form_invalid(form)

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
                (_("Signatures required"), str(petition.signatures_required)),
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


class PetitionAdminViewSet(StaffListingViewSet):
    """The centre's petitions and the staff's part in them; staff never write petitions."""

    model = Petition
    generic_routes = ("history", "history_results")
    name = "mam_petitions"
    url_prefix = "petitions"
    icon = "doc-full"
    menu_label = _("Petitions")
    menu_order = 265
    add_to_admin_menu = True
    index_view_class = PetitionIndexView
    filterset_class = PetitionFilterSet
    history_view_class = PetitionHistoryView
    list_export = ["title", "centre", "state", "paper_signatures", "supporters_count"]
    disabled_url_names = ("add_url_name", "edit_url_name", "delete_url_name", "usage_url_name")
    registered_codenames = ()

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<id:pk>/", SheetCountView.as_view(), name="manage"),
            path("<id:pk>/committee/", CommitteeView.as_view(), name="committee"),
            path("<id:pk>/filing/", FileView.as_view(), name="file"),
            path("<id:pk>/decision/", DecideView.as_view(), name="decide"),
            path("<id:pk>/extension/", ExtendView.as_view(), name="extend"),
            path("threshold/<id:centre_pk>/", RulesView.as_view(), name="rules"),
        ]
