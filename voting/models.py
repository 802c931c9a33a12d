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


class TieDraw(models.Model):
    """The protocol of a public draw by lot that settled a tie deciding the result.

    Staff of the centre enter it before publishing; its `order` (the proposals in the order
    drawn) goes into the published ballot file, so that anyone's recount reproduces it.
    """

    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        verbose_name=_("consultation"),
        on_delete=models.PROTECT,
        related_name="tie_draws",
    )
    # The budget pool of the tie ("" in an approval vote) and the equal votes (or points).
    pool = models.CharField(_("pool"), max_length=40, blank=True)
    votes = models.PositiveIntegerField(_("equal number of votes (or points)"))
    order = models.JSONField(_("proposals in the order drawn"))
    drawn_at = models.DateTimeField(_("drawn at"))
    drawn_by = models.CharField(_("who drew"), max_length=200)
    witnesses = models.TextField(_("witnesses"))
    place = models.CharField(_("place of the draw"), max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("entered at"), default=timezone.now)

    class Meta:
        db_table = "consultations_tiedraw"
        verbose_name = _("draw by lot")
        verbose_name_plural = _("draws by lot")
        ordering = ["drawn_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "pool", "votes"], name="consultations_one_draw_per_tie"
            )
        ]

    def __str__(self):
        return f"{self.consultation_id}: {self.pool or '-'} {self.votes} ({self.drawn_at:%Y-%m-%d})"

    def protocol(self) -> dict:
        """The draw as the ballot file publishes it."""
        item = {
            "votes": self.votes,
            "order": list(self.order),
            "drawn_at": self.drawn_at.isoformat(),
            "drawn_by": self.drawn_by,
            "witnesses": self.witnesses,
            "place": self.place,
        }
        if self.pool:
            item["pool"] = self.pool
        return item


# The paper channel's records (voting/paper_entry.py, voting/paper_protocol.py): each staff
# member's typing of a card, and the commission's protocol. Entries carry staff, never the voter.


class PaperEntry(models.Model):
    """One staff member's typing of one paper card: the marks as plain data, no voter."""

    ballot = models.ForeignKey(
        "voting.Ballot",
        verbose_name=_("ballot"),
        on_delete=models.CASCADE,
        related_name="entries",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("entered at"), default=timezone.now)
    # {"invalid": bool, "proposals": [ids, sorted], "answers": {"question id": answer}}
    content = models.JSONField(_("marks"))

    class Meta:
        db_table = "consultations_paperentry"
        verbose_name = _("paper ballot entry")
        verbose_name_plural = _("paper ballot entries")
        ordering = ["entered_at", "pk"]

    def __str__(self):
        return f"{self.ballot_id} ({self.entered_at:%Y-%m-%d %H:%M})"


class PaperProtocol(models.Model):
    """The voting commission's protocol of the paper vote, as the commission signed it."""

    consultation = models.OneToOneField(
        "consultations.ConsultationPage",
        verbose_name=_("consultation"),
        on_delete=models.PROTECT,
        related_name="paper_protocol",
    )
    cards_received = models.PositiveIntegerField(_("cards received by the commission"))
    cards_issued = models.PositiveIntegerField(_("cards issued to voters"))
    cards_unused = models.PositiveIntegerField(_("unused cards returned"))
    cards_valid = models.PositiveIntegerField(_("valid cards"))
    invalid_no_mark = models.PositiveIntegerField(_("invalid: no mark"), default=0)
    invalid_too_many = models.PositiveIntegerField(
        _("invalid: too many marks or over the amount"), default=0
    )
    invalid_other = models.PositiveIntegerField(
        _("invalid: other reason (torn, no stamp, unreadable)"), default=0
    )
    members = models.TextField(
        _("members of the commission"), help_text=_("One person a line: name and role.")
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("entered at"), default=timezone.now)
    # Why the figures do not match the entered cards; accepted for figures as entered then.
    explanation = models.TextField(_("explanation of the differences"), blank=True)
    explained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("explained by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    explained_at = models.DateTimeField(_("explained at"), null=True, blank=True)

    class Meta:
        db_table = "consultations_paperprotocol"
        verbose_name = _("paper vote protocol")
        verbose_name_plural = _("paper vote protocols")

    def __str__(self):
        return str(self.consultation)

    @property
    def cards_invalid(self) -> int:
        return self.invalid_no_mark + self.invalid_too_many + self.invalid_other


class PublishJob(models.Model):
    """Publishing a result, run by the task worker (voting.services.publishing).

    One job at a time per consultation (a constraint): two officials asking at once share it.
    `result` is set in the transaction that publishes, so a job run again after its worker
    died finds the result it already published instead of publishing twice.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("waiting to start")
        RUNNING = "running", _("being counted")
        DONE = "done", _("published")
        REFUSED = "refused", _("refused")
        FAILED = "failed", _("failed")

    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="publish_jobs",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default="queued")
    steps_done = models.PositiveSmallIntegerField(_("steps done"), default=0)
    steps_total = models.PositiveSmallIntegerField(_("steps in total"), default=0)
    message = models.TextField(_("why it was refused"), blank=True)
    result = models.ForeignKey(
        ResultSnapshot,
        verbose_name=_("result"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("publishing of a result")
        verbose_name_plural = _("publishing of results")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation"],
                condition=Q(state__in=["queued", "running"]),
                name="voting_one_unfinished_publish_job",
            )
        ]

    def __str__(self):
        return f"{self.consultation_id} #{self.pk} ({self.state})"

    @property
    def percent(self) -> int:
        if self.state == self.State.DONE:
            return 100
        return self.steps_done * 100 // self.steps_total if self.steps_total else 0

    @property
    def is_finished(self) -> bool:
        return self.state not in (self.State.QUEUED, self.State.RUNNING)
