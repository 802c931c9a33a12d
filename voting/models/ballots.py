"""Who took part (Participation) and what was chosen (Ballot, its choices and corrections).

See voting/models/__init__.py for the secrecy rules."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Channel(models.TextChoices):
    ONLINE = "online", pgettext_lazy("voting channel", "online")
    PAPER = "paper", pgettext_lazy("voting channel", "on paper")


class Participation(models.Model):
    """That someone voted in a consultation, and how; never what they chose."""

    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        verbose_name=_("consultation"),
        on_delete=models.PROTECT,
        related_name="participations",
    )
    # Empty for a paper voter without an account (their name and address are below).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resident's account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participations",
    )
    channel = models.CharField(_("channel"), max_length=6, choices=Channel.choices)
    voted_at = models.DateTimeField(_("voted at"), default=timezone.now)
    paper_number = models.PositiveIntegerField(_("paper ballot number"), null=True, blank=True)
    # As written on the paper card; for staff of the centre only, never published or exported.
    voter_name = models.CharField(_("voter's name"), max_length=200, blank=True)
    voter_address = models.CharField(_("voter's address"), max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    void_reason = models.CharField(_("void because"), max_length=200, blank=True)

    class Meta:
        db_table = "consultations_participation"
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        indexes = [models.Index(fields=["consultation", "channel"])]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "user"],
                condition=Q(user__isnull=False),
                name="consultations_one_participation_per_person",
            ),
            models.UniqueConstraint(
                fields=["consultation", "paper_number"],
                condition=Q(paper_number__isnull=False),
                name="consultations_participation_unique_paper_number",
            ),
            models.CheckConstraint(
                condition=Q(channel="paper") | Q(paper_number__isnull=True),
                name="consultations_participation_number_only_on_paper",
            ),
        ]

    def __str__(self):
        return f"{self.get_channel_display()} #{self.pk}"


class Ballot(models.Model):
    """What one voter chose. No person, no time: see the module's docstring."""

    class Void(models.TextChoices):
        VALID = "", _("valid")
        INVALID_CARD = "invalid_card", _("the paper card was filled in wrongly")
        DOUBLE_VOTE = "double_vote", _("the person also voted the other way")

    id = models.UUIDField(_("ballot id"), primary_key=True, default=uuid.uuid4, editable=False)
    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        verbose_name=_("consultation"),
        on_delete=models.PROTECT,
        related_name="ballots",
    )
    # NULL, not "", once erased: the unique constraint must allow many erased keys.
    voter_key = models.CharField(  # noqa: DJ001
        max_length=64, null=True, blank=True, editable=False
    )
    channel = models.CharField(_("channel"), max_length=6, choices=Channel.choices)
    paper_number = models.PositiveIntegerField(_("paper ballot number"), null=True, blank=True)
    void_reason = models.CharField(
        _("validity"), max_length=16, choices=Void.choices, default="", blank=True
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A paper card counts once a second staff member typed the same marks
    # (consultations/paper_entry.py); online ballots never need it.
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        db_table = "consultations_ballot"
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        indexes = [models.Index(fields=["consultation", "channel"])]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "voter_key"],
                condition=Q(voter_key__isnull=False),
                name="consultations_one_ballot_per_voter",
            ),
            models.UniqueConstraint(
                fields=["consultation", "paper_number"],
                condition=Q(paper_number__isnull=False),
                name="consultations_ballot_unique_paper_number",
            ),
            models.CheckConstraint(
                condition=(Q(channel="paper") & Q(paper_number__isnull=False))
                | (Q(channel="online") & Q(paper_number__isnull=True)),
                name="consultations_ballot_paper_number_iff_paper",
            ),
        ]

    def __str__(self):
        return str(self.id)

    @property
    def is_valid(self) -> bool:
        return not self.void_reason

    @property
    def counts(self) -> bool:
        """Online, or a paper card confirmed by a second person: it is counted."""
        return self.channel == Channel.ONLINE or self.confirmed_at is not None


def counted_ballots() -> Q:
    """The ballots that are counted: online ones and confirmed paper cards."""
    return Q(channel=Channel.ONLINE) | Q(confirmed_at__isnull=False)


class BallotChoice(models.Model):
    """One mark on a ballot: a proposal chosen, or an answer to a question."""

    class Answer(models.TextChoices):
        YES = "yes", pgettext_lazy("vote answer", "yes")
        NO = "no", pgettext_lazy("vote answer", "no")
        ABSTAIN = "abstain", pgettext_lazy("vote answer", "abstain")

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="choices")
    proposal = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("proposal"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ballot_choices",
    )
    question = models.ForeignKey(
        "consultations.VotingQuestion",
        verbose_name=_("question"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="answers",
    )
    answer = models.CharField(_("answer"), max_length=7, choices=Answer.choices, blank=True)
    # The voter's place for this choice (1 = first) in a vote with points; else empty.
    rank = models.PositiveSmallIntegerField(_("place"), null=True, blank=True)

    class Meta:
        db_table = "consultations_ballotchoice"
        verbose_name = _("ballot choice")
        verbose_name_plural = _("ballot choices")
        constraints = [
            models.UniqueConstraint(
                fields=["ballot", "proposal"],
                condition=Q(proposal__isnull=False),
                name="consultations_choice_unique_proposal",
            ),
            models.UniqueConstraint(
                fields=["ballot", "question"],
                condition=Q(question__isnull=False),
                name="consultations_choice_unique_question",
            ),
            models.CheckConstraint(
                condition=(Q(proposal__isnull=False) & Q(question__isnull=True) & Q(answer=""))
                | (Q(proposal__isnull=True) & Q(question__isnull=False) & ~Q(answer="")),
                name="consultations_choice_proposal_or_answer",
            ),
        ]

    def __str__(self):
        if self.question_id:
            return f"{self.question_id}: {self.answer}"
        return str(self.proposal_id)


class BallotCorrection(models.Model):
    """A trail of changes to a paper ballot after it was entered: who, when, before, after."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="corrections")
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("corrected by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    corrected_at = models.DateTimeField(_("corrected at"), default=timezone.now)
    reason = models.CharField(_("reason"), max_length=300)
    before = models.JSONField(_("before"))
    after = models.JSONField(_("after"))

    class Meta:
        db_table = "consultations_ballotcorrection"
        verbose_name = _("ballot correction")
        verbose_name_plural = _("ballot corrections")
        ordering = ["corrected_at", "pk"]

    def __str__(self):
        return f"{self.ballot_id} ({self.corrected_at:%Y-%m-%d %H:%M})"
