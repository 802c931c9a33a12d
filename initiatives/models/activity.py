"""What a group needs and does: needs and their sign-ups, updates, actions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Moderatable
from initiatives import versions
from initiatives.models.initiative import PLACE_MAX, TEXT_MAX, TITLE_MAX, Initiative
from proposals.models import OFFER_NOTE_MAX


class Need(models.Model):
    """Something the group needs: people for a task, a room, advice; people sign up for it."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="needs")
    title = models.CharField(_("what is needed"), max_length=TITLE_MAX)
    details = models.TextField(_("details"), blank=True, max_length=2000)
    starts_at = models.DateTimeField(_("when"), null=True, blank=True)
    place = models.CharField(_("where"), max_length=PLACE_MAX, blank=True)
    wanted = models.PositiveSmallIntegerField(_("how many people"), default=1)
    taken = models.PositiveSmallIntegerField(_("signed up"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(wanted__gte=1), name="initiatives_need_wanted"),
            models.CheckConstraint(
                condition=Q(taken__lte=models.F("wanted")), name="initiatives_need_never_over"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def places_left(self) -> int:
        return max(self.wanted - self.taken, 0)


class NeedSignUp(models.Model):
    """One person's sign-up for a need: at most one each, never more than wanted."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="signups")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="need_signups"
    )
    note = models.CharField(_("note"), max_length=OFFER_NOTE_MAX, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("sign-up for a need")
        verbose_name_plural = _("sign-ups for needs")
        constraints = [
            models.UniqueConstraint(fields=["need", "user"], name="initiatives_one_need_signup")
        ]

    def __str__(self):
        return f"{self.user} → {self.need}"


class Update(Moderatable):
    """A dated post on the initiative's public timeline, emailed to members and supporters."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    body = models.TextField(_("text"), max_length=TEXT_MAX)
    photo = models.ImageField(_("photo"), upload_to="initiatives/%Y/%m/", blank=True)
    photo_alt = models.CharField(_("what the photo shows"), max_length=250, blank=True)
    document = models.FileField(_("document (PDF)"), upload_to="initiatives/docs/", blank=True)
    document_title = models.CharField(_("document title"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("posted at"), default=timezone.now)

    class Meta:
        verbose_name = _("update")
        verbose_name_plural = _("updates")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.body[:60]

    @property
    def moderation_centre(self):
        return self.initiative.centre

    @property
    def is_reportable(self) -> bool:
        return not self.is_hidden and self.initiative.is_public

    def get_absolute_url(self, request=None) -> str:
        return self.initiative.get_absolute_url(request)

    def pages_changed(self) -> None:
        """Moderation asks this: the copies of the initiative's timeline go stale."""
        versions.initiatives_changed(self.initiative.index_id)


class Action(models.Model):
    """Something the group did (a letter, a meeting with the mayor), with its date and result."""

    class Kind(models.TextChoices):
        LETTER = "letter", _("a letter to the town")
        MEETING = "meeting", _("a meeting")
        PETITION = "petition", _("a petition")
        LOCAL_INITIATIVE = "local_initiative", _("a local initiative application")
        EVENT = "event", _("an event")
        OTHER = "other", _("something else")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("what we did"), max_length=TITLE_MAX)
    date = models.DateField(_("date"))
    result = models.TextField(_("result"), blank=True, max_length=2000)
    # A meeting held at the centre: one of the activities linked to the initiative (named by
    # Page, since events sit in the same layer and may not be imported here).
    activity = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("activity at the centre"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return self.title
