"""Who is a verified resident of which centre's town, and how that was established.

Polish rulings on civic budgets set the bar: a first name, surname and address establish
residence; PESEL, phone, age or registered residence (meldunek) would be excessive.
"""

import re
import unicodedata

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def identity_key(first_name: str, last_name: str, street_address: str) -> str:
    """Fold case, accents, punctuation and spacing so one person at one address matches."""
    text = " ".join([first_name, last_name, street_address]).casefold()
    text = unicodedata.normalize("NFKD", text.replace("ł", "l"))
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = re.sub(r"\b(ul|ulica|al|aleja|os|osiedle|pl|plac)\b\.?", " ", text)
    return " ".join(re.findall(r"[a-z0-9]+", text))


class ResidencyDeclaration(models.Model):
    """A resident's own statement of name and address; private, seen only by verifying staff."""

    class State(models.TextChoices):
        PENDING = "pending", _("waiting for review")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="residency_declarations",
    )
    centre = models.ForeignKey(
        "home.CentrePage",
        verbose_name=_("centre"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("surname"), max_length=100)
    street_address = models.CharField(
        _("street address"), max_length=200, help_text=_("Street, house and flat number.")
    )
    identity_key = models.CharField(max_length=400, editable=False, db_index=True)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING, db_index=True
    )
    review_reason = models.TextField(_("reason"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("submitted at"), default=timezone.now)

    class Meta:
        verbose_name = _("residency declaration")
        verbose_name_plural = _("residency declarations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "centre"],
                condition=Q(state="pending"),
                name="accounts_one_pending_declaration_per_centre",
            ),
            models.CheckConstraint(
                condition=~Q(state="rejected") | ~Q(review_reason=""),
                name="accounts_rejected_declaration_has_reason",
            ),
        ]

    def __str__(self):
        # Log entries and admin history show this label: it must not carry the private name.
        return str(_("Residency declaration #%(id)s") % {"id": self.pk})

    def save(self, *args, **kwargs):
        self.identity_key = identity_key(self.first_name, self.last_name, self.street_address)
        super().save(*args, **kwargs)

    def possible_duplicates(self):
        """Declarations from other accounts naming the same person at the same address."""
        return (
            ResidencyDeclaration.objects.filter(
                centre_id=self.centre_id, identity_key=self.identity_key
            )
            .exclude(user_id=self.user_id)
            .exclude(state=self.State.REJECTED)
        )


class VerificationQuerySet(models.QuerySet):
    def active(self):
        """Verifications not revoked."""
        return self.filter(revoked_at__isnull=True)


class Verification(models.Model):
    """A user is a verified resident of a centre's town: who established it, how and when."""

    class Method(models.TextChoices):
        DECLARATION = "declaration", _("residency declaration reviewed by staff")
        IN_PERSON = "in_person", _("in person at the centre")
        CODE = "code", _("one-time code")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="verifications",
    )
    centre = models.ForeignKey(
        "home.CentrePage", verbose_name=_("centre"), on_delete=models.PROTECT, related_name="+"
    )
    method = models.CharField(_("method"), max_length=12, choices=Method.choices)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    declaration = models.ForeignKey(
        ResidencyDeclaration,
        verbose_name=_("declaration"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=250, blank=True)
    created_at = models.DateTimeField(_("verified at"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoke_reason = models.TextField(_("reason for revoking"), blank=True)

    objects = VerificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("verification")
        verbose_name_plural = _("verifications")
        ordering = ["-created_at"]
        constraints = [
            # One place of residence at a time, as civic-budget rules require.
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(revoked_at__isnull=True),
                name="accounts_one_active_verification_per_user",
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revoke_reason=""),
                name="accounts_revocation_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_method_display()}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class VerificationCodeBatch(models.Model):
    """Codes printed together for one centre; the codes themselves are only stored hashed."""

    centre = models.ForeignKey(
        "home.CentrePage", verbose_name=_("centre"), on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("valid until"))
    note = models.CharField(
        _("note"), max_length=200, blank=True, help_text=_("E.g. “for the seniors' club”.")
    )

    class Meta:
        verbose_name = _("batch of verification codes")
        verbose_name_plural = _("batches of verification codes")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.centre} – {self.created_at:%Y-%m-%d %H:%M}"


class VerificationCode(models.Model):
    """One single-use code; only its keyed hash is kept, so a leaked table reveals no code."""

    batch = models.ForeignKey(
        VerificationCodeBatch,
        verbose_name=_("batch"),
        on_delete=models.CASCADE,
        related_name="codes",
    )
    code_hash = models.CharField(max_length=64, unique=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("used by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("verification code")
        verbose_name_plural = _("verification codes")

    def __str__(self):
        return f"{self.batch} #{self.pk}"
