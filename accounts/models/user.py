"""The platform's user: email is the login, a display name is what others see."""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not (extra_fields["is_staff"] and extra_fields["is_superuser"]):
            raise ValueError("A superuser must have is_staff and is_superuser set.")
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account; the email stays private, the display name is public."""

    username = None
    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=80,
        blank=True,
        help_text=_("Shown next to your contributions. A pseudonym is fine."),
    )

    district = models.ForeignKey(
        "home.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation_name = models.CharField(
        _("organisation you represent"),
        max_length=200,
        blank=True,
        help_text=_("Shown next to your name once the centre's staff confirm it."),
    )
    organisation_confirmed_at = models.DateTimeField(
        _("organisation confirmed at"), null=True, blank=True
    )
    organisation_confirmed_by = models.ForeignKey(
        "self",
        verbose_name=_("organisation confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    notify_status_changes = models.BooleanField(
        _("email me when a proposal I follow changes status"), default=True
    )
    notify_comments = models.BooleanField(
        _("email me about new comments on proposals I follow"), default=True
    )
    # Consent asked on the profile: only then may an administrator include the author's name
    # and email in a proposals export, so officials can follow a proposal up with its author.
    share_contact_with_officials = models.BooleanField(
        _("share my name and email with the centre's officials to follow up my proposals"),
        default=False,
    )
    accepted_terms_at = models.DateTimeField(_("accepted the terms at"), null=True, blank=True)
    blocked_at = models.DateTimeField(_("blocked at"), null=True, blank=True)
    blocked_reason = models.TextField(_("reason for blocking"), blank=True)
    deleted_at = models.DateTimeField(_("account deleted at"), null=True, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        permissions = [("block_user", "Can warn and block users")]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self):
        return self.public_name

    @property
    def public_name(self) -> str:
        """The name shown publicly: never the email address."""
        if self.deleted_at:
            return str(_("Deleted user"))
        # First and last names stay private (staff and residency checks use them).
        return self.display_name or str(_("Resident #%(id)s") % {"id": self.pk})

    @property
    def public_label(self) -> str:
        """The name shown beside contributions: "Name (Organisation)" once staff confirm it."""
        organisation = "" if self.deleted_at else self.confirmed_organisation
        return f"{self.public_name} ({organisation})" if organisation else self.public_name

    @property
    def is_blocked(self) -> bool:
        return self.blocked_at is not None

    @property
    def confirmed_organisation(self) -> str:
        """The organisation shown publicly, only once staff confirmed it."""
        return self.organisation_name if self.organisation_confirmed_at else ""

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()
