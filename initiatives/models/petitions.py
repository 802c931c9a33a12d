"""An initiative's petition or draft council resolution, its supporters, committee and
signature sheets."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.models import CentrePage
from initiatives.models.initiative import PLACE_MAX, TEXT_MAX, TITLE_MAX, Initiative

# Petitions and the citizens' resolution initiative (art. 41a of the ustawa o samorządzie
# gminnym). Online support is public support, not a legal signature: only the counts of
# valid signatures on paper sheets, confirmed by two staff members, count toward the threshold.


class PetitionRules(models.Model):
    """A town's population and, where its statute sets one, its own signature threshold."""

    centre = models.OneToOneField(
        CentrePage, verbose_name=_("centre"), on_delete=models.CASCADE, related_name="+"
    )
    population = models.PositiveIntegerField(_("inhabitants of the municipality"), null=True)
    signatures_required = models.PositiveIntegerField(
        _("signatures required (the town's statute)"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use the default by population: 100, 200 or 300."),
    )

    class Meta:
        verbose_name = _("petition rules of a town")
        verbose_name_plural = _("petition rules of towns")

    def __str__(self):
        return str(self.centre)


class Petition(models.Model):
    """An initiative's petition, or its draft of a council resolution collecting signatures."""

    class Kind(models.TextChoices):
        PETITION = "petition", _("a petition")
        RESOLUTION = "resolution", _("a draft council resolution (citizens' initiative)")

    class Addressee(models.TextChoices):
        MAYOR = "mayor", _("the mayor")
        COUNCIL = "council", _("the town council")
        OTHER = "other", _("another body")

    class State(models.TextChoices):
        DRAFT = "draft", _("being prepared")
        OPEN = "open", _("collecting support")
        FILED = "filed", _("filed")
        DECIDED = "decided", _("decided")

    class Decision(models.TextChoices):
        ADOPTED = "adopted", _("adopted")
        PARTLY = "partly", _("adopted with changes")
        REJECTED = "rejected", _("rejected")

    initiative = models.OneToOneField(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="petition"
    )
    centre = models.ForeignKey(
        CentrePage, verbose_name=_("centre"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    addressee = models.CharField(_("addressed to"), max_length=8, choices=Addressee.choices)
    addressee_name = models.CharField(_("name of the body"), max_length=PLACE_MAX, blank=True)
    title = models.CharField(_("title"), max_length=TITLE_MAX * 2)
    text = models.TextField(_("text"), max_length=TEXT_MAX * 4)
    state = models.CharField(
        _("state"), max_length=8, choices=State.choices, default=State.DRAFT, db_index=True
    )
    signatures_required = models.PositiveIntegerField(_("signatures required"), default=0)
    paper_signatures = models.PositiveIntegerField(_("confirmed signatures on paper"), default=0)
    supporters_count = models.PositiveIntegerField(_("online supporters"), default=0)
    verified_supporters_count = models.PositiveIntegerField(
        _("online supporters who are verified residents"), default=0
    )
    sheets_printed = models.PositiveIntegerField(_("sheets printed"), default=0)
    opened_at = models.DateTimeField(_("published at"), null=True, blank=True)
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
    council_deadline = models.DateField(_("the council's deadline"), null=True, blank=True)
    # Art. 10 ust. 2 of the ustawa o petycjach: the addressee may extend the 3 months by at
    # most another 3, announcing the reason and the expected date; council_deadline keeps the
    # original term, the extension is recorded beside it.
    extended_deadline = models.DateField(_("extended deadline"), null=True, blank=True)
    extension_reason = models.TextField(_("reason for the extension"), blank=True, max_length=2000)
    extension_announced_on = models.DateField(_("extension announced on"), null=True, blank=True)
    filed_signatures = models.PositiveIntegerField(
        _("confirmed signatures on paper when filed"), null=True, blank=True
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision = models.CharField(
        _("decision"), max_length=8, choices=Decision.choices, blank=True, default=""
    )
    decision_text = models.TextField(_("the decision in short"), blank=True, max_length=2000)
    resolution_url = models.URLField(_("link to the resolution"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="resolution") | Q(addressee="council"),
                name="initiatives_resolution_goes_to_council",
            ),
            models.CheckConstraint(
                condition=~Q(addressee="other") | ~Q(addressee_name=""),
                name="initiatives_other_addressee_named",
            ),
            models.CheckConstraint(
                condition=Q(verified_supporters_count__lte=models.F("supporters_count")),
                name="initiatives_verified_within_supporters",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_resolution(self) -> bool:
        return self.kind == self.Kind.RESOLUTION

    @property
    def addressee_label(self) -> str:
        if self.addressee == self.Addressee.OTHER:
            return self.addressee_name
        return str(self.get_addressee_display())

    @property
    def deadline(self):
        """The deadline in force: the extended one when the addressee announced it."""
        return self.extended_deadline or self.council_deadline

    def is_overdue(self, today=None) -> bool:
        """Filed, no decision recorded, and the deadline in force has passed."""
        today = today or timezone.localdate()
        return bool(self.deadline and not self.decision and today > self.deadline)

    @property
    def signatures_missing(self) -> int:
        return max(self.signatures_required - self.paper_signatures, 0)

    @property
    def below_threshold(self) -> bool:
        """A draft resolution filed with fewer confirmed signatures than art. 41a asks."""
        return bool(
            self.is_resolution
            and self.filed_signatures is not None
            and self.filed_signatures < self.signatures_required
        )


class PetitionSupport(models.Model):
    """One signed-in person's public online support: at most one each (a constraint)."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="petition_supports"
    )
    verified_resident = models.BooleanField(_("verified resident"), default=False)
    created_at = models.DateTimeField(_("supported at"), default=timezone.now)

    class Meta:
        verbose_name = _("online support")
        verbose_name_plural = _("online supports")
        constraints = [
            models.UniqueConstraint(
                fields=["petition", "user"], name="initiatives_one_petition_support"
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.petition}"


class CommitteeMember(models.Model):
    """A member of the initiative committee: a group member who consented online, or a person
    met at the centre whose consent staff noted. The name is public only with consent."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="committee")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="committee_memberships",
    )
    full_name = models.CharField(_("full name"), max_length=150)
    consented_at = models.DateTimeField(_("consented at"), null=True, blank=True)
    consent_noted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("consent noted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    show_name = models.BooleanField(_("name shown publicly"), default=False)
    created_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "user"],
                condition=Q(user__isnull=False),
                name="initiatives_one_committee_seat",
            )
        ]

    def __str__(self):
        return self.full_name


class SignatureSheet(models.Model):
    """A numbered paper sheet ("Arkusz nr 7"); its count counts once two staff agree on it."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="sheets")
    number = models.PositiveIntegerField(_("sheet number"))
    confirmed_count = models.PositiveSmallIntegerField(
        _("confirmed valid signatures"), null=True, blank=True
    )
    printed_at = models.DateTimeField(_("printed at"), default=timezone.now)

    class Meta:
        verbose_name = _("signature sheet")
        verbose_name_plural = _("signature sheets")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["petition", "number"], name="initiatives_sheet_number")
        ]

    def __str__(self):
        return f"{self.petition} #{self.number}"


class SheetCount(models.Model):
    """One staff member's count of valid signatures on a returned sheet: counts only, never
    the names or addresses written on it."""

    sheet = models.ForeignKey(SignatureSheet, on_delete=models.CASCADE, related_name="counts")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    count = models.PositiveSmallIntegerField(_("valid signatures"))
    entered_at = models.DateTimeField(_("entered at"), default=timezone.now)

    class Meta:
        verbose_name = _("sheet count")
        verbose_name_plural = _("sheet counts")
        ordering = ["entered_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["sheet", "entered_by"], name="initiatives_one_count_per_person"
            )
        ]

    def __str__(self):
        return f"{self.sheet}: {self.count}"
