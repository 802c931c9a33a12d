"""What an activity is, for whom, and who organises it (re-exported by events.models.pages)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    WORKSHOP = "workshop", _("workshop")
    COURSE = "course", _("course")
    MEETING = "meeting", _("residents' meeting")
    CONSULTATION = "consultation", _("consultation meeting")
    DUTY_HOUR = "duty_hour", _("duty hour (advice)")
    OPEN_DAY = "open_day", _("open day")
    OTHER = "other", _("other")


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("everyone")
    CHILDREN = "children", _("children")
    YOUTH = "youth", _("young people")
    ADULTS = "adults", _("adults")
    SENIORS = "seniors", _("seniors")
    FAMILIES = "families", _("families")
    ORGANISATIONS = "organisations", _("organisations and groups")


class Organiser(models.TextChoices):
    CENTRE = "centre", _("the centre")
    PARTNER = "partner", _("a partner organisation")
    INITIATIVE = "initiative", _("a residents' initiative")
    TOWN = "town", _("the town hall")
