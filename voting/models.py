"""Votes: who took part (Participation) kept apart from what was chosen (Ballot).

Secrecy by design: a Participation says *that* a person voted and how (online or on paper);
a Ballot says *what* was chosen and carries no person. An online ballot is found again (to
change it) through `voter_key`, a keyed hash of voter and consultation computed with a server
secret (voting.services.voting.voter_key); the key is erased when the results are
published. Ballots have random UUIDs and no timestamps, so their order or time does not
match them to participations either.

A paper ballot's card carries the voter's name and number; staff type the name into the
Participation and the choices into the Ballot. Views and exports show one or the other,
never both together.
"""

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


class ResultSnapshot(models.Model):
    """A counted result as published: figures, the ballots they came from, and how to check.

    `ballots` is the open-data document (voting.services.results.open_data): rules,
    options and every anonymised ballot. `ballots_checksum` and `csv_checksum` are SHA-256
    of the JSON and CSV files exactly as served, so anyone can check a download.
    """

    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        verbose_name=_("consultation"),
        on_delete=models.PROTECT,
        related_name="results",
    )
    method = models.CharField(_("voting method"), max_length=10)
    computed_at = models.DateTimeField(_("counted at"), default=timezone.now)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("counted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    code_version = models.CharField(_("code version"), max_length=64)
    ballots_checksum = models.CharField(_("SHA-256 of the ballots (JSON)"), max_length=64)
    csv_checksum = models.CharField(_("SHA-256 of the ballots (CSV)"), max_length=64)
    figures = models.JSONField(_("figures"))
    ballots = models.JSONField(_("anonymised ballots"))

    class Meta:
        db_table = "consultations_resultsnapshot"
        verbose_name = _("result")
        verbose_name_plural = _("results")
        ordering = ["-computed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation"],
                condition=Q(published_at__isnull=False),
                name="consultations_one_published_result",
            )
        ]

    def __str__(self):
        return f"{self.consultation} ({self.computed_at:%Y-%m-%d})"


class ResultFile(models.Model):
    """A published ballots file (JSON or CSV), stored as the bytes served at publication.

    The downloads and the export stream these bytes instead of decoding the whole ballots
    document and writing the file again for every request (tens of megabytes of Python
    objects at 20,000 ballots); their SHA-256 is the snapshot's checksum.
    """

    class Format(models.TextChoices):
        JSON = "json", "JSON"
        CSV = "csv", "CSV"

    snapshot = models.ForeignKey(
        ResultSnapshot,
        verbose_name=_("result"),
        on_delete=models.CASCADE,
        related_name="files",
    )
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    content = models.BinaryField(_("content"))

    class Meta:
        db_table = "consultations_resultfile"
        verbose_name = _("published ballots file")
        verbose_name_plural = _("published ballots files")
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "format"], name="consultations_one_file_per_format"
            )
        ]

    def __str__(self):
        return f"{self.snapshot_id}.{self.format}"
