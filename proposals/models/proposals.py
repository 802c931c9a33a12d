"""A resident's proposal, its photos and its public status history."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from accounts.models import Moderatable
from consultations.models import ConsultationPage

TITLE_MAX = 140
BODY_MAX = 5000


class ProposalQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def visible(self):
        """Proposals the public may see: not hidden by a moderator (withdrawn ones stay)."""
        return self.filter(hidden_at__isnull=True)

    def listed(self):
        """Proposals for the sitemap and site search: visible, not withdrawn, in a live
        consultation that anyone may see (no view restriction on it or above it)."""
        public = ConsultationPage.objects.live().public().values("pk")
        return (
            self.visible().exclude(status=Proposal.Status.WITHDRAWN).filter(consultation__in=public)
        )


class Proposal(index.Indexed, Moderatable):
    """A local issue a resident raises in a consultation."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", pgettext_lazy("proposal status", "submitted")
        UNDER_REVIEW = "under_review", pgettext_lazy("proposal status", "under review")
        ACCEPTED = "accepted", pgettext_lazy("proposal status", "accepted for voting")
        MERGED = "merged", pgettext_lazy("proposal status", "merged into another proposal")
        REJECTED = "rejected", pgettext_lazy("proposal status", "rejected")
        SELECTED = "selected", pgettext_lazy("proposal status", "selected")
        NOT_SELECTED = "not_selected", pgettext_lazy("proposal status", "not selected in the vote")
        IN_PROGRESS = "in_progress", pgettext_lazy("proposal status", "in progress")
        IMPLEMENTED = "implemented", pgettext_lazy("proposal status", "implemented")
        WITHDRAWN = "withdrawn", pgettext_lazy("proposal status", "withdrawn by the author")

    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        verbose_name=_("consultation"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    submitted_by_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted at the centre by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The name on a paper form brought to the centre by a resident without an account: for
    # staff only, never shown publicly or exported.
    submitted_for_name = models.CharField(
        _("resident's name from the paper form"), max_length=200, blank=True
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    body = models.TextField(_("description"), max_length=BODY_MAX)
    category = models.ForeignKey(
        "consultations.Category",
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    place = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_("An address or a description.")
    )
    district = models.ForeignKey(
        "home.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    estimated_cost = models.DecimalField(
        _("estimated cost"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    official_cost = models.DecimalField(
        _("official cost"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_from",
    )
    forwarded_to = models.CharField(_("forwarded to"), max_length=200, blank=True)
    answer_due = models.DateField(_("answer due"), null=True, blank=True)
    supports_count = models.PositiveIntegerField(_("supports"), default=0)
    comments_count = models.PositiveIntegerField(_("comments"), default=0)
    threshold_reached_at = models.DateTimeField(
        _("support threshold reached at"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ProposalQuerySet.as_manager()

    # Site search (proposals.selectors.proposals_found filters on these).
    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("body"),
        index.SearchField("place"),
        index.FilterField("consultation"),
        index.FilterField("status"),
        index.FilterField("hidden_at"),
    ]

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["consultation", "status"]),
            models.Index(fields=["consultation", "-created_at"]),
            models.Index(fields=["consultation", "-supports_count"]),
            models.Index(fields=["consultation", "-comments_count"]),
            models.Index(fields=["consultation", "category"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(estimated_cost__isnull=True) | Q(estimated_cost__gte=0),
                name="proposals_estimated_cost_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(official_cost__isnull=True) | Q(official_cost__gte=0),
                name="proposals_official_cost_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(author__isnull=False) | Q(submitted_by_staff__isnull=False),
                name="proposals_has_author_or_staff",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self, request=None) -> str:
        """The proposal's page under its consultation (home.links.absolute_url for a full link).

        `request` lets Wagtail reuse the site lookup it already made for the request.
        """
        return self.consultation.sub_url("proposal_detail", request=request, pk=self.pk)

    @property
    def moderation_centre(self):
        return self.consultation.centre

    @property
    def is_shown_to_all(self) -> bool:
        """What `listed()` keeps, for a proposal at hand, as far as its own fields say (no
        query): not hidden by a moderator, not withdrawn. The only proposal a page's head
        (title for embeds, oEmbed discovery) may speak of."""
        return self.hidden_at is None and self.status != self.Status.WITHDRAWN

    @property
    def is_reportable(self) -> bool:
        """Shown to the public: not hidden, not withdrawn, in a live and public consultation."""
        if self.is_hidden or self.status == self.Status.WITHDRAWN:
            return False
        consultation = self.consultation
        return consultation.live and not consultation.get_view_restrictions().exists()

    @property
    def pages_consultation_id(self) -> int:
        """The consultation whose cached pages show this (home/page_cache.py)."""
        return self.consultation_id


class ProposalPhoto(models.Model):
    """A photo of the place; stored resized and without EXIF or GPS data."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to="proposals/%Y/%m/")
    alt_text = models.CharField(_("what the photo shows"), max_length=250)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.alt_text


class StatusChange(models.Model):
    """One dated step of a proposal's public history, with the official's answer."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(_("status"), max_length=16, choices=Proposal.Status.choices)
    answer = models.TextField(_("public answer"), blank=True)
    forwarded_to = models.CharField(_("forwarded to"), max_length=200, blank=True)
    answer_due = models.DateField(_("answer due"), null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.proposal} → {self.get_status_display()}"
