"""Newsletters in Wagtail's admin: written, previewed, tested and sent by the centre's editors.

Editors see and write newsletters of their own centres only (accounts.roles.staff_centres):
the audience offered is their centres' consultations and initiatives, and the centre follows
from it. A sent newsletter stays in the listing as the log: who sent it, when, to how many.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from accounts.admin.common import ActionFormView, ScopedIndexView
from accounts.roles import staff_centres
from consultations.models import ConsultationPage
from home.ids import parse_id
from home.scope import pages_under
from initiatives.models import Initiative
from outreach import services
from outreach.models import Newsletter

VIEW = "outreach.view_newsletter"
ADD = "outreach.add_newsletter"
CHANGE = "outreach.change_newsletter"


class NewsletterForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        centres = list(staff_centres(self.for_user, ADD))
        consultations = pages_under(ConsultationPage.objects.all(), centres)
        self.fields["consultation"].queryset = consultations.order_by("title")
        self.fields["initiative"].queryset = Initiative.objects.filter(centre__in=centres).order_by(
            "title"
        )
        self.fields["consultation"].help_text = _(
            "People who follow it or one of its proposals get it. Choose a consultation or an "
            "initiative."
        )
        self.fields["initiative"].help_text = _(
            "Members and supporters who get its emails receive it."
        )

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("consultation")) == bool(cleaned.get("initiative")):
            raise ValidationError(_("Choose either a consultation or an initiative."))
        return cleaned

    def save(self, commit=True):
        newsletter = super().save(commit=False)
        audience = newsletter.consultation or newsletter.initiative
        newsletter.centre = audience.centre
        if newsletter.created_by_id is None:
            newsletter.created_by = self.for_user
        if commit:
            newsletter.save()
        return newsletter


class ScopedMixin:
    """Only newsletters of the user's centres; only drafts may be edited or deleted."""

    drafts_only = True

    def get_base_object_queryset(self):
        centres = staff_centres(self.request.user, VIEW)
        found = Newsletter.objects.filter(centre__in=centres)
        return found.filter(state=Newsletter.State.DRAFT) if self.drafts_only else found

    def get_object(self, queryset=None):
        pk = parse_id(self.kwargs["pk"])
        if pk is None:
            raise Http404
        return get_object_or_404(self.get_base_object_queryset(), pk=pk)


class NewsletterIndexView(ScopedIndexView):
    permission = VIEW

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("consultation", "initiative", "queued_by")

    @cached_property
    def columns(self):
        title = self.title_column
        return [
            title(
                "subject",
                label=_("subject"),
                sort_key="subject",
                get_url=lambda n: reverse("mam_newsletters:preview", args=[n.pk]),
            ),
            Column("audience", label=_("Audience"), accessor="audience"),
            StatusTagColumn(
                "state",
                label=_("state"),
                accessor="get_state_display",
                sort_key="state",
                primary=lambda n: n.state == Newsletter.State.SENDING,
            ),
            Column("recipients_count", label=_("recipients")),
            Column("sent_count", label=_("emails sent")),
            Column("queued_by", label=_("sent by"), accessor="queued_by"),
            DateColumn("queued_at", label=_("sending started"), sort_key="queued_at"),
            DateColumn("sent_at", label=_("sending finished"), sort_key="sent_at"),
        ]


class NewsletterCreateView(generic.CreateView):
    pass


class NewsletterEditView(ScopedMixin, generic.EditView):
    def get_success_url(self):
        return reverse("mam_newsletters:preview", args=[self.object.pk])


class NewsletterDeleteView(ScopedMixin, generic.DeleteView):
    pass


class NewsletterHistoryView(ScopedMixin, generic.HistoryView):
    """Who wrote, changed and sent it, when sending started and finished: sent ones too."""

    drafts_only = False

    @cached_property
    def header_buttons(self):
        return super().header_buttons if self.object.state == Newsletter.State.DRAFT else []

    def get_edit_url(self, instance):
        if instance.state == Newsletter.State.DRAFT:
            return super().get_edit_url(instance)
        return reverse("mam_newsletters:preview", args=[instance.pk])


class NewsletterPreviewView(ActionFormView):
    """The email as residents will see it, a test to oneself, and the button that sends it."""

    permission = VIEW
    template_name = "outreach/admin/preview.html"
    page_title = _("Newsletter")
    header_icon = "mail"
    index_url_name = "mam_newsletters:index"
    index_label = _("Newsletters")

    def prepare(self):
        newsletters = Newsletter.objects.filter(centre__in=self.centres).select_related(
            "consultation", "initiative__index", "queued_by", "created_by"
        )
        self.newsletter = get_object_or_404(newsletters, pk=self.kwargs["pk"])

    @property
    def submit_button_label(self):
        return gettext("Send to %(count)s people") % {
            "count": services.recipients(self.newsletter).count()
        }

    def get_summary(self):
        newsletter = self.newsletter
        return [
            (_("subject"), newsletter.subject),
            (_("Audience"), str(newsletter.audience)),
            (_("state"), newsletter.get_state_display()),
            (_("recipients"), str(newsletter.recipients_count)),
            (_("emails sent"), str(newsletter.sent_count)),
        ]

    def perform(self, form):
        if not self.request.user.has_perm(CHANGE):
            raise ValidationError(gettext("You may not send newsletters."))
        services.newsletter_send(newsletter=self.newsletter, user=self.request.user)
        return gettext("Sending has started. The listing shows how many emails went out.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        email = services.message(self.newsletter, self.request.user)
        context.update(
            newsletter=self.newsletter,
            email_text=email.body,
            email_html=email.alternatives[0][0],
            draft=self.newsletter.state == Newsletter.State.DRAFT,
            test_url=reverse("mam_newsletters:test", args=[self.newsletter.pk]),
            edit_url=reverse("mam_newsletters:edit", args=[self.newsletter.pk]),
            history_url=reverse("mam_newsletters:history", args=[self.newsletter.pk]),
        )
        return context


class NewsletterTestView(View):
    """Send the newsletter to the editor's own address (POST only)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        if not request.user.has_perm(VIEW):
            raise Http404
        centres = staff_centres(request.user, VIEW)
        newsletter = get_object_or_404(Newsletter.objects.filter(centre__in=centres), pk=pk)
        try:
            services.newsletter_send_test(newsletter=newsletter, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                gettext("A test is queued for %(email)s: it arrives in a minute or two.")
                % {"email": request.user.email},
            )
        return redirect("mam_newsletters:preview", pk=newsletter.pk)


class NewsletterAdminViewSet(ModelViewSet):
    model = Newsletter
    name = "mam_newsletters"
    url_prefix = "newsletters"
    icon = "mail"
    menu_label = _("Newsletters")
    menu_order = 270
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False
    index_view_class = NewsletterIndexView
    add_view_class = NewsletterCreateView
    edit_view_class = NewsletterEditView
    delete_view_class = NewsletterDeleteView
    history_view_class = NewsletterHistoryView
    list_export = ["subject", "state", "recipients_count", "sent_count", "queued_at", "sent_at"]
    edit_handler = ObjectList(
        [
            FieldPanel("consultation", widget=forms.Select),
            FieldPanel("initiative", widget=forms.Select),
            FieldPanel("subject"),
            FieldPanel("body"),
        ],
        base_form_class=NewsletterForm,
    )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("preview/<id:pk>/", NewsletterPreviewView.as_view(), name="preview"),
            path("test/<id:pk>/", NewsletterTestView.as_view(), name="test"),
        ]
