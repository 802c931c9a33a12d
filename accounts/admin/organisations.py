"""Residents who say they represent an organisation, waiting for staff to confirm it."""

from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic.base import BaseListingView

from accounts.admin.common import ActionFormView, CentreScopedMixin, StaffViewSet
from accounts.models import ResidencyDeclaration, User, Verification
from accounts.services import residency

# Confirming an organisation is part of knowing the centre's residents, so the same staff do it.
PERMISSION = "accounts.change_residencydeclaration"


def unconfirmed_claims(user, centres):
    """Unconfirmed organisation claims of people known to `centres` (all of them for admins)."""
    claims = User.objects.filter(
        organisation_confirmed_at__isnull=True, deleted_at__isnull=True, is_active=True
    ).exclude(organisation_name="")
    if user.is_superuser:
        return claims
    verified = Verification.objects.active().filter(user=OuterRef("pk"), centre__in=centres)
    declared = ResidencyDeclaration.objects.filter(user=OuterRef("pk"), centre__in=centres).exclude(
        state=ResidencyDeclaration.State.REJECTED
    )
    return claims.filter(Exists(verified) | Exists(declared))


class OrganisationClaimIndexView(CentreScopedMixin, BaseListingView):
    permission = PERMISSION
    page_title = _("Organisation claims")
    header_icon = "group"
    paginate_by = 50
    index_url_name = "mam_organisations:index"
    verbose_name_plural = _("organisation claims to confirm")

    def get_base_queryset(self):
        return unconfirmed_claims(self.request.user, self.centres).order_by("date_joined")

    def confirm_url(self, claimant):
        return reverse("mam_organisations:confirm", args=[claimant.pk])

    @cached_property
    def columns(self):
        return [
            TitleColumn("organisation_name", label=_("Organisation"), get_url=self.confirm_url),
            Column("display_name", label=_("Display name"), accessor="public_name"),
            Column("email", label=_("Email address")),
            DateColumn("date_joined", label=_("Joined")),
        ]


class OrganisationConfirmView(ActionFormView):
    permission = PERMISSION
    page_title = _("Confirm an organisation")
    header_icon = "group"
    submit_button_label = _("Confirm the organisation")
    index_url_name = "mam_organisations:index"
    index_label = _("Organisation claims")

    def prepare(self):
        claims = unconfirmed_claims(self.request.user, self.centres)
        self.claimant = get_object_or_404(claims, pk=self.kwargs["pk"])

    def get_summary(self):
        return [
            (_("Organisation"), self.claimant.organisation_name),
            (_("Display name"), self.claimant.public_name),
            (_("Email address"), self.claimant.email),
            (
                _("What happens"),
                _("The organisation's name is shown next to this person's contributions."),
            ),
        ]

    def perform(self, form):
        residency.organisation_confirm(user=self.claimant, by=self.request.user)
        return gettext("Confirmed: %(name)s represents %(organisation)s.") % {
            "name": self.claimant.public_name,
            "organisation": self.claimant.organisation_name,
        }


class OrganisationViewSet(StaffViewSet):
    name = "mam_organisations"
    url_prefix = "residents/organisations"
    icon = "group"
    menu_label = _("Organisation claims")
    permission = PERMISSION

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("", OrganisationClaimIndexView.as_view(), name="index"),
            path("<id:pk>/confirm/", OrganisationConfirmView.as_view(), name="confirm"),
        ]
