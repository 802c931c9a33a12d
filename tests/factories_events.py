"""Factories for activities: an index under a centre, activities under it, sign-ups."""

import datetime
import zoneinfo

import factory
import wagtail_factories

from events.models import ActivityIndexPage, ActivityPage, DateChange

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")


def warsaw(*args) -> datetime.datetime:
    """A Polish wall-clock time: warsaw(2026, 12, 8, 17)."""
    return datetime.datetime(*args, tzinfo=WARSAW)


class ActivityIndexPageFactory(wagtail_factories.PageFactory):
    title = "Wydarzenia"
    slug = "wydarzenia"

    class Meta:
        model = ActivityIndexPage


class ActivityPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Warsztaty {n}")
    lead = "Zajęcia dla mieszkańców."
    starts_at = warsaw(2026, 12, 8, 17)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    place = "Sala duża"

    class Meta:
        model = ActivityPage


def index_of(centre) -> ActivityIndexPage:
    index = ActivityIndexPage.objects.child_of(centre).first()
    return index or ActivityIndexPageFactory(parent=centre)


def activity(centre, **fields) -> ActivityPage:
    """A published activity under the centre's activity index (made when missing)."""
    return ActivityPageFactory(parent=index_of(centre), **fields)


def change(activity_page, original_date, new_starts_at=None, note=""):
    return DateChange.objects.create(
        activity=activity_page, original_date=original_date, new_starts_at=new_starts_at, note=note
    )
