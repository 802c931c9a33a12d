"""The town's departments that answer residents: who a case is assigned to.

A department belongs to one centre's town (Nowy Sącz's road department is not Chrzanów's);
its members are the officials who work in it. Assignments, reminders and internal notes
build on it; the implementation records of funded projects name the department responsible.
"""

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Department(models.Model):
    centre = models.ForeignKey(
        "home.CentrePage",
        verbose_name=_("centre"),
        on_delete=models.CASCADE,
        related_name="departments",
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(
        _("shared email address"),
        blank=True,
        help_text=_("Reminders go here as well as to the department's people."),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("people in the department"),
        blank=True,
        related_name="departments",
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Departments no longer in use keep their history.")
    )

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["centre", "name"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "name"], name="department_unique_per_centre")
        ]

    def __str__(self) -> str:
        return self.name


class AssignmentQuerySet(models.QuerySet):
    def open(self):
        """Assignments not yet marked done."""
        return self.filter(done_at__isnull=True)

    def overdue(self, today: datetime.date):
        """Open assignments whose due date passed before `today`."""
        return self.open().filter(due_date__lt=today)

    def of_person(self, user):
        """Assigned to `user` by name or through a department they belong to."""
        return self.filter(Q(person=user) | Q(department__members=user)).distinct()


class Assignment(models.Model):
    """A case: a proposal (or a review, an appeal, a forwarded question about it) given to a
    department or a person of its centre, due by a date."""

    centre = models.ForeignKey(
        "home.CentrePage",
        verbose_name=_("centre"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    proposal = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("proposal"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    # What exactly is to be dealt with, when it is not the proposal itself: its review, an
    # appeal, a status change forwarding a question (apps above casework own those models).
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    due_date = models.DateField(_("due date"))
    note = models.TextField(_("note"), blank=True, max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("assigned at"), default=timezone.now)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["centre", "done_at", "due_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(department__isnull=False) | Q(person__isnull=False),
                name="casework_assignment_has_assignee",
            ),
            models.CheckConstraint(
                condition=Q(target_type__isnull=True, target_id__isnull=True)
                | Q(target_type__isnull=False, target_id__isnull=False),
                name="casework_assignment_target_whole",
            ),
        ]

    def __str__(self) -> str:
        return str(self.proposal)

    @property
    def assignee(self) -> str:
        """Who holds the case, as the lists show it."""
        names = [str(self.department)] if self.department_id else []
        if self.person_id:
            names.append(self.person.public_name)
        return " / ".join(names)

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class InternalNote(models.Model):
    """A note on a proposal for the centre's staff only: never public, never exported unless
    an administrator asks for the notes explicitly."""

    proposal = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("proposal"),
        on_delete=models.CASCADE,
        related_name="internal_notes",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("note"), max_length=5000)
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class AnswerTemplate(models.Model):
    """A centre's ready answer; {tytuł}, {autor}, {konsultacja} and {adres} are filled in."""

    centre = models.ForeignKey(
        "home.CentrePage",
        verbose_name=_("centre"),
        on_delete=models.CASCADE,
        related_name="answer_templates",
    )
    title = models.CharField(_("title"), max_length=150)
    text = models.TextField(
        _("text"),
        max_length=5000,
        help_text=_(
            "You can use {tytuł} (the proposal's title), {autor} (its author), "
            "{konsultacja} (the consultation) and {adres} (the proposal's address)."
        ),
    )

    class Meta:
        verbose_name = _("answer template")
        verbose_name_plural = _("answer templates")
        ordering = ["centre", "title"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "title"], name="answer_template_unique")
        ]

    def __str__(self) -> str:
        return self.title
