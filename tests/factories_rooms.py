"""Factories for rooms: a rooms index under a centre, rooms, rules with opening hours."""

import datetime

import factory
import wagtail_factories
from allauth.account.models import EmailAddress

from accounts.models import Verification
from rooms.models import BookingRules, ClosedDay, OpeningHours, Room, RoomIndexPage
from tests.factories import UserFactory


class RoomIndexPageFactory(wagtail_factories.PageFactory):
    title = "Sale"
    slug = "sale"

    class Meta:
        model = RoomIndexPage


class RoomFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Sala {n}")
    capacity = 20
    equipment = "rzutnik\n20 krzeseł"
    step_free = True

    class Meta:
        model = Room


def index_of(centre) -> RoomIndexPage:
    index = RoomIndexPage.objects.child_of(centre).first()
    return index or RoomIndexPageFactory(parent=centre)


def open_weekdays(centre, *, opens=8, closes=20, days=range(7), **fields) -> BookingRules:
    """Rules of the centre, open every day (by default) from `opens` to `closes`."""
    rules = BookingRules.objects.create(centre=centre, **fields)
    for day in days:
        OpeningHours.objects.create(
            rules=rules, weekday=day, opens=datetime.time(opens), closes=datetime.time(closes)
        )
    return rules


def closed_on(rules, day, note=""):
    return ClosedDay.objects.create(rules=rules, date=day, note=note)


def confirmed_email(user):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def resident_of(centre, **fields):
    """A signed-up user with a confirmed email and a residency verification for `centre`."""
    user = confirmed_email(UserFactory(**fields))
    Verification.objects.create(user=user, centre=centre, method=Verification.Method.CODE)
    return user


def organisation(**fields):
    """A user whose organisation the centre has confirmed (no residency)."""
    user = confirmed_email(UserFactory(organisation_name="Stowarzyszenie Sąsiedzi", **fields))
    user.organisation_confirmed_at = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    user.save(update_fields=["organisation_confirmed_at"])
    return user
