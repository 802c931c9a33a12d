"""The organiser appoints a coordinator for an initiative of their centre that has none (its
coordinator's account was deleted with nobody to take over): one of the group's members,
through services.coordination, logged in the initiative's history."""

from django import forms
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.admin.common import ActionFormView
from consultations.participation import NotAllowed
from initiatives.models import Initiative, Membership
from initiatives.services import coordination

CHANGE = "initiatives.change_initiative"


class MemberChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        joined = date_format(localtime(obj.created_at), "DATE_FORMAT")
        role = f", {obj.get_role_display()}" if obj.role else ""
        return gettext("%(name)s (in the group since %(date)s%(role)s)") % {
            "name": obj.user.public_label,
            "date": joined,
            "role": role,
        }


class AppointForm(forms.Form):
    member = MemberChoice(
        label=_("The new coordinator"),
        queryset=Membership.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose the member who will coordinate the group.")},
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members


class CoordinatorAppointView(ActionFormView):
    """Appoint a coordinator from the members; without members, say what to do instead."""

    refusals = (NotAllowed,)

    permission = CHANGE
    form_class = AppointForm
    page_title = _("Appoint a coordinator")
    header_icon = "user"
    submit_button_label = _("Appoint the coordinator")
    index_url_name = "mam_initiatives:index"
    index_label = _("Initiatives")
    template_name = "initiatives/admin_coordinator.html"

    def prepare(self):
        initiatives = Initiative.objects.filter(centre__in=self.centres)
        self.initiative = get_object_or_404(
            initiatives.select_related("centre"), pk=self.kwargs["pk"]
        )
        self.coordinator = (
            Membership.objects.filter(initiative=self.initiative, role=Membership.Role.COORDINATOR)
            .select_related("user")
            .first()
        )

    def get_form_kwargs(self):
        members = coordination.appointable(self.initiative)
        return {**super().get_form_kwargs(), "members": members}

    def perform(self, form):
        member = form.cleaned_data["member"]
        coordination.coordination_appoint(
            initiative=self.initiative, organiser=self.request.user, member=member
        )
        return gettext("%(name)s coordinates “%(title)s” now and gets an email about it.") % {
            "name": member.user.public_label,
            "title": self.initiative.title,
        }

    def get_summary(self):
        initiative = self.initiative
        coordinator = self.coordinator.user.public_label if self.coordinator else None
        return [
            (_("Initiative"), initiative.title),
            (_("Centre"), initiative.centre.title),
            (_("State"), initiative.get_state_display()),
            (_("Members"), str(initiative.members_count)),
            (_("Coordinator"), coordinator or gettext("no coordinator")),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["coordinator"] = self.coordinator
        context["state_refusal"] = coordination.state_refusal(self.initiative)
        context["history_url"] = reverse("mam_initiatives:history", args=[self.initiative.pk])
        return context
