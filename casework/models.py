"""The town's departments that answer residents: who a case is assigned to.

A department belongs to one centre's town (Nowy Sącz's road department is not Chrzanów's);
its members are the officials who work in it. Assignments, reminders and internal notes
build on it; the implementation records of funded projects name the department responsible.
"""

from django.conf import settings
from django.db import models
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
