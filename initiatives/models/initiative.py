"""An initiative, its photos and its people (members, supporters, roles)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Moderatable
from home.models import CentrePage
from initiatives import versions
from initiatives.models.index import InitiativeIndexPage

TITLE_MAX = 140
TEXT_MAX = 5000
PLACE_MAX = 200
ALT_TEXT_MAX = 250


class InitiativeQuerySet(models.QuerySet):
    def touch(self, now) -> int:
        """Move the last activity forward to `now`, never back: a write dated earlier (the demo,
        an import) keeps the later activity, so a group is not listed as stalled wrongly."""
        return self.filter(last_activity_at__lt=now).update(last_activity_at=now)

    def public(self):
        """Initiatives everyone may see: approved (running or ended), not hidden."""
        return self.filter(
            state__in=[Initiative.State.ACTIVE, Initiative.State.ENDED], hidden_at__isnull=True
        )


class Initiative(Moderatable):
    """A group of residents around a local issue, public once the centre's organiser approves."""

    class State(models.TextChoices):
        PENDING = "pending", _("waiting for the organiser's review")
        DECLINED = "declined", _("declined")
        ACTIVE = "active", _("running")
        ENDED = "ended", _("ended")

    class Outcome(models.TextChoices):
        ACHIEVED = "achieved", _("achieved")
        PARTLY = "partly", _("partly achieved")
        NOT_ACHIEVED = "not_achieved", _("not achieved")
        CONTINUED = "continued", _("continued in another way")

    index = models.ForeignKey(
        InitiativeIndexPage,
        verbose_name=_("initiatives index"),
        on_delete=models.PROTECT,
        related_name="initiatives",
    )
    centre = models.ForeignKey(
        CentrePage, verbose_name=_("centre"), on_delete=models.PROTECT, related_name="+"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.PROTECT,
        related_name="initiatives_started",
    )
    title = models.CharField(_("name"), max_length=TITLE_MAX)
    issue = models.TextField(_("the issue"), max_length=TEXT_MAX)
    goal = models.TextField(_("what we want to change"), max_length=TEXT_MAX)
    place = models.CharField(_("place"), max_length=PLACE_MAX, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    area = models.JSONField(
        _("area"),
        null=True,
        blank=True,
        help_text=_("Optional GeoJSON polygon of the area concerned."),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING, db_index=True
    )
    review_reason = models.TextField(_("reason for declining"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=14, choices=Outcome.choices, blank=True, default=""
    )
    outcome_text = models.TextField(_("the outcome in the group's words"), blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    origin_proposal = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("started from the proposal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiatives_started_from",
    )
    proposal = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("became the proposal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiatives_became",
    )
    members_count = models.PositiveIntegerField(_("members"), default=0)
    supporters_count = models.PositiveIntegerField(_("supporters"), default=0)
    created_at = models.DateTimeField(_("started at"), default=timezone.now)
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)
    # The rooms the group asked for (initiatives.services.rooms): kept on this side, since
    # rooms sit below initiatives and know nothing of them.
    room_bookings = models.ManyToManyField(
        "rooms.Booking", verbose_name=_("room bookings"), blank=True, related_name="+"
    )

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["index", "state", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(state="ended") | Q(outcome=""),
                name="initiatives_outcome_only_when_ended",
            ),
            models.CheckConstraint(
                condition=~Q(state="declined") | ~Q(review_reason=""),
                name="initiatives_declined_has_reason",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self, request=None) -> str:
        return self.index.sub_url("detail", request=request, pk=self.pk)

    @property
    def is_public(self) -> bool:
        return self.state in (self.State.ACTIVE, self.State.ENDED) and not self.is_hidden

    @property
    def is_reportable(self) -> bool:
        return self.is_public

    @property
    def moderation_author(self):
        return self.started_by

    @property
    def moderation_author_id(self) -> int:
        """The author's id without reading the author (accounts_tags.report_link)."""
        return self.started_by_id

    @property
    def moderation_centre(self):
        return self.centre

    def pages_changed(self) -> None:
        """Moderation asks this: the index's page copies that show the initiative go stale."""
        versions.initiatives_changed(self.index_id)


class InitiativePhoto(models.Model):
    """A photo of the place; stored resized and without EXIF or GPS data."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to="initiatives/%Y/%m/")
    alt_text = models.CharField(_("what the photo shows"), max_length=ALT_TEXT_MAX)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.alt_text


class Membership(models.Model):
    """One person in an initiative: a member (who may hold a role) or a supporter."""

    class Kind(models.TextChoices):
        MEMBER = "member", _("member")
        SUPPORTER = "supporter", _("supporter")

    class Role(models.TextChoices):
        NONE = "", _("no role")
        COORDINATOR = "coordinator", _("coordinator")
        CONTACT = "contact", _("contact person")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="initiative_memberships"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, blank=True)
    show_name = models.BooleanField(_("name shown publicly"), default=False)
    emails = models.BooleanField(_("gets the updates by email"), default=True)
    created_at = models.DateTimeField(_("joined at"), default=timezone.now)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "user"], name="initiatives_one_membership"
            ),
            models.UniqueConstraint(
                fields=["initiative"],
                condition=Q(role="coordinator"),
                name="initiatives_one_coordinator",
            ),
            models.CheckConstraint(
                condition=Q(kind="member") | Q(role=""),
                name="initiatives_roles_for_members_only",
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.initiative}"
