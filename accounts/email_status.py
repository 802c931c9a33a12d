"""Whether a person has confirmed an email address, remembered between requests.

Supporting, commenting and voting all ask it, on every page a signed-in resident opens.
Only a yes is remembered (a no turns into a yes by confirming, which must show at once), and
it is forgotten whenever one of the person's addresses changes or goes.
"""

from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

MAX_AGE = 300


def _key(user_id) -> str:
    return f"mam:email-confirmed:{user_id}"


def has_confirmed_email(user) -> bool:
    if cache.get(_key(user.pk)):
        return True
    confirmed = EmailAddress.objects.filter(user=user, verified=True).exists()
    if confirmed:
        cache.set(_key(user.pk), True, MAX_AGE)
    return confirmed


def _address_changed(sender, instance, **kwargs) -> None:
    key = _key(instance.user_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def connect() -> None:
    post_save.connect(_address_changed, sender=EmailAddress, dispatch_uid="mam-email-saved")
    post_delete.connect(_address_changed, sender=EmailAddress, dispatch_uid="mam-email-deleted")
