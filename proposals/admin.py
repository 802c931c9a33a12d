"""Proposals in Wagtail's admin: officials see their own centres' proposals only, answer
them (status, forwarding, outside answers), export the listing and record in-person supports.

Every change goes through proposals.services, like the public views."""

from collections import OrderedDict

import django_filters
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.admin.widgets import HeaderButton

from accounts.admin.common import (
    ActionFormView,
    ScopedHistoryView,
    ScopedIndexView,
    StaffListingViewSet,
)
from accounts.models import Report, User
from accounts.roles import staff_centres
from consultations.models import Category, ConsultationPage
from home.ids import IdChoiceField
from home.scope import pages_under
from proposals.admin_bulk import BulkStatusView
from proposals.admin_desk import DeskSubmitView
from proposals.admin_scope import scoped_proposals
from proposals.models import Proposal
from proposals.services import engagement, status

VIEW = "proposals.view_proposal"
CHANGE = "proposals.change_proposal"


def _consultations(request):
    if request is None:
        return ConsultationPage.objects.none()
    centres = staff_centres(request.user, VIEW)
    return pages_under(ConsultationPage.objects.all(), centres).order_by("title")


def _categories(request):
    if request is None:
        return Category.objects.none()
    return (
        Category.objects.filter(consultation__in=_consultations(request))
        .select_related("consultation")
        .order_by("consultation__title", "sort_order", "pk")
    )


class CategoryChoiceField(forms.ModelChoiceField):
    """Several consultations have a "Zieleń": each choice says whose it is."""

    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.consultation.title})"


class CategoryFilter(django_filters.ModelChoiceFilter):
    field_class = CategoryChoiceField


class ProposalFilterSet(WagtailFilterSet):
    consultation = django_filters.ModelChoiceFilter(
        label=_("Consultation"), queryset=_consultations
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Proposal.Status.choices)
    category = CategoryFilter(label=_("Category"), queryset=_categories)
    reported = django_filters.BooleanFilter(label=_("Has open reports"), method="filter_reported")

    class Meta:
        model = Proposal
        fields = ["consultation", "status", "category", "reported"]

    def filter_reported(self, queryset, name, value):
        if value is None:
            return queryset
        open_reports = Report.objects.open().filter(
            content_type=ContentType.objects.get_for_model(Proposal), object_id=OuterRef("pk")
        )
        return queryset.filter(Exists(open_reports) if value else ~Exists(open_reports))


class ProposalIndexView(ScopedIndexView):
    permission = VIEW
    page_prefix = "consultation__"
    page_title = _("Proposals")
    search_backend_name = None  # plain database search over the fields below
    list_export = ["title", "status", "category", "supports", "comments", "created", "url"]
    export_headings = {
        "title": _("Title"),
        "status": _("Status"),
        "category": _("Category"),
        "supports": _("Supports"),
        "comments": _("Comments"),
        "created": _("Submitted"),
        "url": _("Address"),
    }
    export_filename = "proposals"

    @cached_property
    def header_buttons(self):
        buttons = []
        if staff_centres(self.request.user, "proposals.add_proposal").exists():
            url = reverse("mam_proposals:desk")
            label = _("Add a proposal brought to the centre")
            buttons.append(HeaderButton(label, url, icon_name="plus"))
        if self.request.user.has_perm(CHANGE):
            url = reverse("mam_proposals:bulk_status")
            label = _("Change status of several proposals")
            buttons.append(HeaderButton(label, url, icon_name="list-ul"))
        # In plain sight, not only in the header's "…" menu (which keeps CSV as well).
        buttons.append(HeaderButton(_("Download XLSX"), self.xlsx_export_url, icon_name="download"))
        for hook in hooks.get_hooks("mam_proposal_admin_header_buttons"):
            buttons.extend(hook(self.request))
        return buttons

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # Columns an app above adds to the export on request (casework's internal notes, for
        # administrators only): (field, heading, values(proposal ids) -> {pk: text}).
        self.extra_export = []
        if request.GET.get("export"):
            for hook in hooks.get_hooks("mam_proposal_admin_export_columns"):
                self.extra_export.extend(hook(request))
        self.list_export = [*self.list_export, *(extra[0] for extra in self.extra_export)]
        self.export_headings = {
            **self.export_headings,
            **{field: heading for field, heading, _values in self.extra_export},
        }
        self.extra_values = None

    def write_xlsx_response(self, queryset):
        self.load_extra_values(queryset)
        return super().write_xlsx_response(queryset)

    def write_csv_response(self, queryset):
        self.load_extra_values(queryset)
        return super().write_csv_response(queryset)

    def load_extra_values(self, queryset):
        if self.extra_export:
            ids = queryset.values("pk")
            self.extra_values = {
                field: values(ids) for field, _heading, values in self.extra_export
            }

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        return queryset.select_related("consultation", "category").order_by("-created_at", "-pk")

    def to_row_dict(self, item):
        row = OrderedDict(
            title=item.title,
            status=item.get_status_display(),
            category=item.category.name if item.category else "",
            supports=item.supports_count,
            comments=item.comments_count,
            created=item.created_at,
            url=status.proposal_absolute_url(item),
        )
        for field, values in (self.extra_values or {}).items():
            row[field] = values.get(item.pk, "")
        return row

    def get_edit_url(self, instance):
        return reverse("mam_proposals:status", args=[instance.pk])

    def get_delete_url(self, instance):
        return None

    def get_list_more_buttons(self, instance):
        buttons = []
        if self.request.user.has_perm(CHANGE):
            for name, label, icon in [
                ("status", _("Change status"), "edit"),
                ("forward", _("Forward to an outside body"), "mail"),
                ("outside_answer", _("Record the outside answer"), "comment"),
                ("support", _("Record a support given in person"), "user"),
            ]:
                url = reverse(f"mam_proposals:{name}", args=[instance.pk])
                buttons.append(MenuItem(label, url, icon_name=icon, priority=10))
        for hook in hooks.get_hooks("mam_proposal_admin_buttons"):
            buttons.extend(hook(self.request, instance))
        history = reverse(self.history_url_name, args=[instance.pk])
        buttons.append(MenuItem(_("History"), history, icon_name="history", priority=20))
        if not instance.is_hidden:
            live = instance.get_absolute_url(self.request)
            buttons.append(MenuItem(_("View live"), live, icon_name="link", priority=30))
        return buttons

    def title_url(self, instance):
        """The title opens what staff do next: the status form, or the history to readers."""
        if self.request.user.has_perm(CHANGE):
            return reverse("mam_proposals:status", args=[instance.pk])
        return reverse(self.history_url_name, args=[instance.pk])

    @cached_property
    def columns(self):
        title = self.title_column
        return [
            title(
                "title",
                label=_("Title"),
                sort_key="title",
                get_url=self.title_url,
                classname="mam-listing-title",
            ),
            Column("consultation", label=_("Consultation"), accessor="consultation.title"),
            Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
            Column("category", label=_("Category"), accessor="category"),
            NumberColumn("supports_count", label=_("Supports"), sort_key="supports_count"),
            NumberColumn("comments_count", label=_("Comments"), sort_key="comments_count"),
            DateColumn("created_at", label=_("Submitted"), sort_key="created_at"),
        ]


class ProposalHistoryView(ScopedHistoryView):
    permission = VIEW

    def get_base_object_queryset(self):
        return scoped_proposals(self.request.user)


# Actions on one proposal --------------------------------------------------------------------


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


class ProposalAdminViewSet(StaffListingViewSet):
    """The scoped listing with its export, the history, and the officials' action screens."""

    model = Proposal
    name = "mam_proposals"
    icon = "pick"
    menu_label = _("Proposals")
    menu_order = 240
    add_to_admin_menu = True
    url_prefix = "proposals"
    index_view_class = ProposalIndexView
    history_view_class = ProposalHistoryView
    filterset_class = ProposalFilterSet
    search_fields = ["title", "body", "place"]
    inspect_view_enabled = False
    disabled_url_names = ("add_url_name", "edit_url_name", "delete_url_name", "usage_url_name")
    # The permissions are registered in wagtail_hooks with the comment permissions.

    generic_routes = ("history", "history_results")

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("desk/", DeskSubmitView.as_view(), name="desk"),
            path("bulk-status/", BulkStatusView.as_view(), name="bulk_status"),
            path("<id:pk>/status/", ChangeStatusView.as_view(), name="status"),
            path("<id:pk>/forward/", ForwardView.as_view(), name="forward"),
            path("<id:pk>/outside-answer/", OutsideAnswerView.as_view(), name="outside_answer"),
            path("<id:pk>/support/", InPersonSupportView.as_view(), name="support"),
        ]

    def register_admin_url_finder(self):
        """No edit view: the listing and the history are the places to look."""
