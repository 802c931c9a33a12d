"""The centre's partner organisations: NGOs and informal groups (organizacje partnerskie).

A partner is a plain model with a foreign key to its centre, kept by the centre's staff in
Wagtail's admin; the public directory and each partner's page are routes of the centre's
`PartnerIndexPage` (`<centre>/partnerzy/`), as rooms are routes of `<centre>/sale/`. The
organisation accounts named in `accounts` may propose changes to their entry: a
`PartnerChange` waits for the centre's staff, and only an approved change reaches the page.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from home.centre_sections import CentreSectionIndex
from home.models import CentrePage
from home.restrictions import OneQueryViewRestrictions


def _views():
    """The views (partners.views), which import these models: handed over through the
    `mam_partner_views` hook (partners/wagtail_hooks.py) instead of an import here."""
    return hooks.get_hooks("mam_partner_views")[0]()


class PartnerIndexPage(CentreSectionIndex, OneQueryViewRestrictions, RoutablePageMixin, Page):
    """The centre's partners (`<centre>/partnerzy/`): the list, each partner's page, the
    form on which a partner's organisation proposes changes."""

    class Meta:
        verbose_name = _("partners index")

    @path("")
    def partners(self, request):
        return _views().partner_list(request, self)

    @path("<id:partner_id>/", name="partner")
    def partner(self, request, partner_id):
        return _views().partner_detail(request, self, partner_id)

    @path("<id:partner_id>/edytuj/", name="edit")
    def edit(self, request, partner_id):
        return _views().partner_edit(request, self, partner_id)


class Kind(models.TextChoices):
    NGO = "ngo", _("association or foundation")
    GROUP = "group", _("informal group")
    INSTITUTION = "institution", _("public institution")


# The fields an organisation may propose changes to (staff approve them), in form order.
EDITABLE_FIELDS = (
    "name",
    "description",
    "website",
    "email",
    "email_public",
    "phone",
    "phone_public",
    "address",
    "address_public",
    "logo_alt",
)


class PartnerQuerySet(models.QuerySet):
    def listed(self):
        """Shown on the public site."""
        return self.filter(listed=True, centre__live=True)

    def represented_by(self, user):
        """The partners whose people `user` is: a confirmed organisation account named on
        the entry (no query for anyone else)."""
        if not (user.is_authenticated and user.is_active and user.organisation_confirmed_at):
            return self.none()
        return self.filter(accounts=user)


class Partner(models.Model):
    """A partner NGO or informal group of one centre."""

    centre = models.ForeignKey(
        CentrePage, verbose_name=_("centre"), on_delete=models.PROTECT, related_name="partners"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.NGO)
    description = models.TextField(_("what they do"))
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    email_public = models.BooleanField(_("the email may be shown publicly"), default=False)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    phone_public = models.BooleanField(_("the phone may be shown publicly"), default=False)
    address = models.TextField(_("address"), blank=True)
    address_public = models.BooleanField(_("the address may be shown publicly"), default=False)
    logo = models.ImageField(_("logo"), upload_to="partners/%Y/", blank=True)
    logo_alt = models.CharField(
        _("logo alt text"),
        max_length=250,
        blank=True,
        help_text=_("What the logo shows, for people who cannot see it."),
    )
    accounts = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organisation accounts"),
        blank=True,
        related_name="partners",
        limit_choices_to={"organisation_confirmed_at__isnull": False},
        help_text=_("Confirmed organisation accounts that may propose changes to this entry."),
    )
    listed = models.BooleanField(_("shown on the site"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order on the list"), default=0)

    objects = PartnerQuerySet.as_manager()

    panels = [
        FieldPanel("centre"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("website"),
                FieldRowPanel([FieldPanel("email"), FieldPanel("email_public")]),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("phone_public")]),
                FieldRowPanel([FieldPanel("address"), FieldPanel("address_public")]),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("logo_alt")], heading=_("Logo")),
        FieldPanel("accounts"),
        FieldRowPanel([FieldPanel("listed"), FieldPanel("sort_order")]),
    ]

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["sort_order", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "name"], name="partners_partner_unique_name")
        ]

    def __str__(self):
        return self.name

    @property
    def public_email(self) -> str:
        return self.email if self.email_public else ""

    @property
    def public_phone(self) -> str:
        return self.phone if self.phone_public else ""

    @property
    def public_address(self) -> str:
        return self.address if self.address_public else ""


class PartnerChange(models.Model):
    """Changes an organisation proposes to its partner entry, waiting for the centre's staff.

    `data` holds the proposed values of EDITABLE_FIELDS; a new logo waits in `logo`. Staff
    approve (the values are copied to the partner) or decline with a reason; the organisation
    is emailed either way.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("waiting for the centre")
        APPROVED = "approved", _("approved")
        DECLINED = "declined", _("declined")

    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="changes"
    )
    centre = models.ForeignKey(
        CentrePage, verbose_name=_("centre"), on_delete=models.CASCADE, related_name="+"
    )
    data = models.JSONField(_("proposed values"), default=dict)
    logo = models.ImageField(_("new logo"), upload_to="partners/proposed/%Y/", blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(pgettext_lazy("when a change was proposed", "proposed"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(
        pgettext_lazy("when a change was decided", "decided"), null=True, blank=True
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)

    class Meta:
        verbose_name = _("partner change")
        verbose_name_plural = _("partner changes")
        ordering = ["-submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner"],
                condition=Q(state="pending"),
                name="partners_change_one_pending",
            )
        ]

    def __str__(self):
        return f"{self.partner}: {self.submitted_at:%Y-%m-%d}"

    def differences(self) -> list[tuple[str, str, str]]:
        """(field's label, current value, proposed value) of every field the change alters."""
        rows = []
        for name in EDITABLE_FIELDS:
            if name not in self.data:
                continue
            field = Partner._meta.get_field(name)
            before, after = getattr(self.partner, name), self.data[name]
            if before != after:
                rows.append((str(field.verbose_name), _display(before), _display(after)))
        if self.logo:
            rows.append((str(_("logo")), self.partner.logo.name or "—", self.logo.name))
        return rows


def _display(value) -> str:
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    return str(value) if value not in ("", None) else "—"
