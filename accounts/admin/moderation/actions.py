"""One reported contribution, and what moderators do about it: hide, restore, dismiss the
reports, warn or block the author; each action asks first (GET) and acts on POST."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.history import HistoryView
from wagtail.log_actions import registry as log_registry

from accounts.admin.common import ActionFormView, CentreScopedMixin
from accounts.admin.forms import HideForm, ReasonForm
from accounts.admin.moderation.targets import (
    BLOCK,
    QUEUE,
    detail_url,
    holds_for,
    moderation_target,
    preview,
    public_url,
)
from accounts.models import Report, UserWarning
from accounts.services import moderation


class TargetMixin(CentreScopedMixin):
    """Views about one contribution: found only within the user's centres."""

    permission = QUEUE

    def prepare(self):
        self.content_type_id = self.kwargs["content_type_id"]
        self.target = moderation_target(
            self.request.user, self.content_type_id, self.kwargs["pk"], self.permission
        )
        self.author = self.target.moderation_author

    @property
    def detail_url(self):
        return detail_url(self.content_type_id, self.target.pk)

    def open_reports(self):
        return Report.objects.open().filter(
            content_type_id=self.content_type_id, object_id=self.target.pk
        )


class ContributionView(TargetMixin, WagtailAdminTemplateMixin, TemplateView):
    """One reported contribution: the reports, its state, the moderators' actions."""

    template_name = "accounts/admin/moderation_detail.html"
    page_title = _("Reported contribution")
    header_icon = "warning"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("mam_moderation:index"), "label": _("Moderation")},
            {"url": "", "label": preview(self.target, 40)},
        ]

    def actions(self):
        """The actions open to this user now, as (label, url, serious) triples."""
        args = [self.content_type_id, self.target.pk]

        def url(name):
            return reverse(f"mam_moderation:{name}", args=args)

        actions = []
        if self.target.is_hidden:
            actions.append((_("Restore"), url("restore"), False))
        else:
            actions.append((_("Hide"), url("hide"), True))
        if self.open_reports().exists():
            actions.append((_("Dismiss the reports"), url("dismiss"), False))
        if self.author is not None and holds_for(self.request.user, BLOCK, self.target):
            actions.append((_("Warn the author"), url("warn"), False))
            if self.author.is_blocked:
                actions.append((_("Unblock the author"), url("unblock"), False))
            else:
                actions.append((_("Block the author"), url("block"), True))
        return actions

    def get_context_data(self, **kwargs):
        reports = Report.objects.filter(
            content_type_id=self.content_type_id, object_id=self.target.pk
        ).select_related("reporter", "resolved_by")
        history = log_registry.get_logs_for_instance(self.target).select_related("user")
        return super().get_context_data(
            target=self.target,
            kind=ContentType.objects.get_for_id(self.content_type_id).name,
            text=str(self.target),
            public_url=public_url(self.target),
            author=self.author,
            warning_count=UserWarning.objects.filter(user=self.author).count()
            if self.author
            else 0,
            reports=reports,
            actions=self.actions(),
            history=history.order_by("-timestamp")[:10],
            history_url=reverse(
                "mam_moderation:history", args=[self.content_type_id, self.target.pk]
            ),
            **kwargs,
        )


class TargetActionView(TargetMixin, ActionFormView):
    index_url_name = "mam_moderation:index"
    index_label = _("Moderation")

    def get_success_url(self):
        return self.detail_url

    def get_summary(self):
        author = self.author.public_name if self.author else ""
        return [
            (_("Kind"), ContentType.objects.get_for_id(self.content_type_id).name),
            (_("Contribution"), preview(self.target, 300)),
            (_("Author"), author),
            (_("Open reports"), self.open_reports().count()),
        ]


class HideView(TargetActionView):
    form_class = HideForm
    page_title = _("Hide a contribution")
    submit_button_label = _("Hide it")
    serious = True

    def perform(self, form):
        if self.target.is_hidden:
            raise ValidationError(_("This contribution is already hidden."))
        moderation.contribution_hide(
            target=self.target, moderator=self.request.user, reason=form.cleaned_data["reason"]
        )
        return gettext("Hidden. Everyone now sees your reason instead of the contribution.")


class RestoreView(TargetActionView):
    page_title = _("Restore a hidden contribution")
    submit_button_label = _("Restore it")

    def perform(self, form):
        if not self.target.is_hidden:
            raise ValidationError(_("This contribution is not hidden."))
        moderation.contribution_restore(target=self.target, moderator=self.request.user)
        return gettext("Restored. Everyone can see the contribution again.")


class DismissView(TargetActionView):
    page_title = _("Dismiss the reports")
    submit_button_label = _("Dismiss the reports: no rule is broken")

    def perform(self, form):
        if not self.open_reports().exists():
            raise ValidationError(_("There are no open reports to dismiss."))
        count = moderation.reports_dismiss(target=self.target, moderator=self.request.user)
        return ngettext("%(count)d report dismissed.", "%(count)d reports dismissed.", count) % {
            "count": count
        }


class AuthorActionView(TargetActionView):
    """Warn, block or unblock the author of a contribution in the user's centres."""

    permission = BLOCK

    def prepare(self):
        super().prepare()
        if self.author is None:
            raise Http404

    def get_summary(self):
        return [
            *super().get_summary(),
            (_("Warnings so far"), UserWarning.objects.filter(user=self.author).count()),
            (_("Blocked"), _("yes") if self.author.is_blocked else _("no")),
        ]


class WarnView(AuthorActionView):
    form_class = ReasonForm
    page_title = _("Warn the author")
    submit_button_label = _("Send the warning")

    def get_form_kwargs(self):
        help_text = _("Emailed to the author and kept on record. Say which rule was broken.")
        return {**super().get_form_kwargs(), "help_text": help_text}

    def perform(self, form):
        reason = form.cleaned_data["reason"]
        moderation.user_warn(user=self.author, moderator=self.request.user, reason=reason)
        return gettext("%(name)s is warned by email.") % {"name": self.author.public_name}


class BlockView(AuthorActionView):
    form_class = ReasonForm
    page_title = _("Block the author")
    submit_button_label = _("Block the account")
    serious = True

    def get_form_kwargs(self):
        help_text = _(
            "Emailed to the author. A blocked person can still read, download or delete "
            "their data, but cannot post, support, report or vote."
        )
        return {**super().get_form_kwargs(), "help_text": help_text}

    def perform(self, form):
        if self.author.is_blocked:
            raise ValidationError(_("This account is already blocked."))
        reason = form.cleaned_data["reason"]
        moderation.user_block(user=self.author, moderator=self.request.user, reason=reason)
        return gettext("%(name)s is blocked.") % {"name": self.author.public_name}


class UnblockView(AuthorActionView):
    page_title = _("Unblock the author")
    submit_button_label = _("Unblock the account")

    def perform(self, form):
        if not self.author.is_blocked:
            raise ValidationError(_("This account is not blocked."))
        moderation.user_unblock(user=self.author, moderator=self.request.user)
        return gettext("%(name)s can take part again.") % {"name": self.author.public_name}


class ContributionHistoryView(HistoryView):
    """Wagtail's action log for one contribution, within the user's centres."""

    permission_required = None
    any_permission_required = None
    index_url_name = "mam_moderation:index"
    history_url_name = "mam_moderation:history"
    history_results_url_name = "mam_moderation:history_results"
    header_buttons = []

    def setup(self, request, *args, **kwargs):
        if not request.user.has_perm(QUEUE):
            raise PermissionDenied
        self.content_type_id = kwargs["content_type_id"]
        self.target = moderation_target(request.user, self.content_type_id, kwargs["pk"], QUEUE)
        self.model = type(self.target)
        super().setup(request, *args, **kwargs)

    def get_object(self):
        return self.target

    def get_edit_url(self, instance):
        return detail_url(self.content_type_id, instance.pk)

    def get_history_url(self, instance):
        return reverse(self.history_url_name, args=[self.content_type_id, instance.pk])

    def get_history_results_url(self, instance):
        return reverse(self.history_results_url_name, args=[self.content_type_id, instance.pk])

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": _("Moderation")},
            {"url": self.get_edit_url(self.target), "label": preview(self.target, 40)},
            {"url": "", "label": _("History")},
        ]
