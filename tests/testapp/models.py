"""A stand-in contribution for testing the shared moderation mechanism in isolation."""

from django.conf import settings
from django.db import models

from accounts.models import Moderatable


class Remark(Moderatable):
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    centre = models.ForeignKey("home.CentrePage", null=True, on_delete=models.CASCADE)
    text = models.TextField()

    @property
    def moderation_centre(self):
        return self.centre

    def __str__(self):
        return self.text[:40]
